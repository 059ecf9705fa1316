package dev.walkspec.runtime.sched;

/** Per-actor state that a shared object keeps in the actor (see {@link Actor#local}). */
public interface ActorLocal {
  /** Whether the actor is inside something it must leave first (e.g. a read section). */
  boolean busy();
}
