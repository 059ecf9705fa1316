package dev.walkspec.runtime.explore;

import java.util.Map;

/**
 * The explorer's own titles of rule and obligation ids, for scenarios built without a spec (the
 * built-in catalogue and the explorer's tests); the handler suites' scenarios carry the spec's
 * names instead ({@link Scenario#title}).
 */
final class Obligations {
  /** What an actor's uncaught exception breaks unless its scenario says otherwise. */
  static final String EXCEPTION = "exception";

  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("H1", "lock context"),
          Map.entry("H2", "balanced locks on every path"),
          Map.entry("H3", "table lifetime"),
          Map.entry("H4", "atomic updates when lockless"),
          Map.entry("H5", "no lost updates"),
          Map.entry("H6", "tolerate concurrent zaps"),
          Map.entry("H7", "no structural changes when lockless"),
          Map.entry("H8", "no sleeping"),
          Map.entry("H9", "coverage"),
          Map.entry("H10", "confinement"),
          Map.entry("H11", "result meaning"),
          Map.entry("H12", "no stale translations"),
          Map.entry("H13", "retry protocol"),
          Map.entry("H14", "bounded lock hold"),
          Map.entry("W1", "guards"),
          Map.entry("W2", "SRCU scope"),
          Map.entry("W4", "slot selection"),
          Map.entry("W6", "gfn range"),
          Map.entry("W7", "lazy lock"),
          Map.entry("C1", "invalidate_range_start"),
          Map.entry("C2", "invalidate_range_end"),
          Map.entry("deadlock", "no deadlock"),
          Map.entry(EXCEPTION, "actors complete without exceptions"));

  private Obligations() {}

  static String title(String id) {
    return TITLES.getOrDefault(id, id);
  }
}
