package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;
import org.apiguardian.api.API;

/** What a monitor can see of the run it watches. */
@API(status = INTERNAL)
public interface RunContext {
  World world();

  int actorCount();

  String actorName(int actor);

  /** The runtime actor (held locks, contexts) of scenario actor {@code actor} in this run. */
  Actor actor(int actor);

  /** The scenario actor number of the actor called {@code name}, or -1. */
  int actorIndex(String name);

  /** Number of steps begun so far. */
  int steps();
}
