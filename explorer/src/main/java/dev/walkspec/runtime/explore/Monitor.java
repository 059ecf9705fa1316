package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.trace.WorldEvent;
import org.apiguardian.api.API;

/**
 * Watches one run for an invariant. Callbacks come one at a time, in run order: {@link #beforeStep}
 * when a step is picked (the world is as the step will find it), {@link #event} for each world
 * event a step emits, {@link #afterStep} when the step is over, {@link #actorFinished} when an
 * actor's body returned, {@link #endOfRun} when every actor finished. A callback reports a broken
 * invariant by throwing {@link Violation}; the run stops there.
 */
@API(status = INTERNAL)
public interface Monitor {
  default void beforeStep(Step step) {}

  /** {@code step} is the step during which the event happened. */
  default void event(Step step, WorldEvent event) {}

  default void afterStep(Step step) {}

  default void actorFinished(int actor) {}

  default void endOfRun() {}
}
