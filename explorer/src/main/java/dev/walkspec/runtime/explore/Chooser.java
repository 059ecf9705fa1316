package dev.walkspec.runtime.explore;

/** Picks the actor that takes the next step of a run (one strategy's policy for one run). */
interface Chooser {
  /** Returned to end the run early as redundant (everything it could reach was explored). */
  int STOP = -2;

  int choose(Decision decision);
}
