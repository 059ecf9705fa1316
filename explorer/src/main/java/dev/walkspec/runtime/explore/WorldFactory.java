package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.trace.WorldEventSink;
import dev.walkspec.runtime.world.World;
import org.apiguardian.api.API;

/**
 * Builds the fresh world of one run. It must hand {@code scheduler} and {@code events} to the world
 * (see {@code World.Builder#scheduler} and {@code World.Builder#worldEvents}): the explorer decides
 * who runs through the first and watches the invariants through the second.
 */
@FunctionalInterface
@API(status = INTERNAL)
public interface WorldFactory {
  World create(Scheduler scheduler, WorldEventSink events);
}
