package dev.walkspec.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
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

  /**
   * The handler classes of a named handler set ({@code replay --handlers x86}), if this module
   * ships one by that name.
   */
  default Optional<ExploredSuites.Handlers> handlerSet(String name) {
    return Optional.empty();
  }

  /** The names of the handler sets this module ships. */
  default List<String> handlerSetNames() {
    return List.of();
  }

  /** The handler set {@code name} of any extension on the class path. */
  static Optional<ExploredSuites.Handlers> findHandlerSet(String name) {
    for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
      Optional<ExploredSuites.Handlers> found = extension.handlerSet(name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Every handler set name of the extensions on the class path. */
  static List<String> allHandlerSetNames() {
    List<String> names = new ArrayList<>();
    for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
      names.addAll(extension.handlerSetNames());
    }
    return names;
  }
}
