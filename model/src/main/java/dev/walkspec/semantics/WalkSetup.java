package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Value;
import dev.walkspec.model.Walker;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a scenario fixes for one walk: the walker, the profile, the Kconfig values, every flag,
 * which callbacks are present (and the on_lock callback's name, for ON_LOCK), and the inputs:
 * start, end and arg, and in {@code otherInputs} any other the operation binds (attr_filter).
 */
@API(status = INTERNAL)
public record WalkSetup(
    Walker walker,
    ResolvedProfile profile,
    Map<String, Value> config,
    Map<String, Boolean> flags,
    boolean handler,
    Optional<String> onLock,
    long start,
    long end,
    long arg,
    Map<String, Value> otherInputs) {
  public WalkSetup {
    config = Map.copyOf(config);
    flags = Map.copyOf(flags);
    otherInputs = Map.copyOf(otherInputs);
  }
}
