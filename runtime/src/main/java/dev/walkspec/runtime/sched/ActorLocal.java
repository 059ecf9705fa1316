package dev.walkspec.runtime.sched;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Per-actor state that a shared object keeps in the actor (see {@link Actor#local}). */
@API(status = INTERNAL)
public interface ActorLocal {
  /** Whether the actor is inside something it must leave first (e.g. a read section). */
  boolean busy();
}
