package dev.walkspec.runtime.world;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The handler classes that took the MMU lock for read during a lockless handler call, in any world
 * of this JVM. H1 allows it (s390's age handlers do so), but such a handler serializes against the
 * zaps lockless aging was meant to run beside: {@code walkspec conform} reports it as an advisory
 * note, apart from obligation failures.
 */
@API(status = INTERNAL)
public final class LocklessReadLocks {
  private static final Set<String> HANDLERS = ConcurrentHashMap.newKeySet();

  private LocklessReadLocks() {}

  static void record(String handlerClass) {
    HANDLERS.add(handlerClass);
  }

  /** The handler classes recorded so far, sorted. */
  public static Set<String> handlers() {
    return new TreeSet<>(HANDLERS);
  }

  /** Forgets what was recorded (before a new run). */
  public static void clear() {
    HANDLERS.clear();
  }
}
