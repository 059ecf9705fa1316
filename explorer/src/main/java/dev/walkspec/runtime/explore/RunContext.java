package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.world.World;

/** What a monitor can see of the run it watches. */
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
