package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Subcommands contributed by modules the generator does not depend on (found with {@link
 * java.util.ServiceLoader}): {@code conform} comes with the conformance module, which holds the
 * bundled handlers and the test engines it runs.
 */
@API(status = INTERNAL)
public interface CommandExtension {
  /** Picocli command objects (annotated with {@code @Command}). */
  List<Object> commands();
}
