package dev.walkspec.runtime.explore;

import java.util.List;

/** Why a run failed, and at which step (1-based; 0 when no step caused it, e.g. a deadlock). */
record Failure(
    String obligation, List<String> related, String rule, String message, int actor, int step) {
  Failure {
    related = List.copyOf(related);
  }
}
