package dev.walkspec.runtime.sync;

import dev.walkspec.runtime.sched.Actor;
import dev.walkspec.runtime.sched.ActorLocal;

/**
 * One actor's read-side state in one grace-period domain. Only the actor writes it; the state
 * counter is odd while the actor is inside a read section, so a waiter can tell "still in the same
 * section" from "left (and maybe re-entered)".
 */
final class ReaderRecord implements ActorLocal {
  final Actor actor;
  int nesting;
  long indexBits;
  volatile long state;

  ReaderRecord(Actor actor) {
    this.actor = actor;
  }

  @Override
  public boolean busy() {
    return nesting > 0;
  }
}
