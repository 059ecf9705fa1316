package dev.walkspec.arch.riscv;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Where a handler records what the kernel would WARN about. A warning does not stop the handler, as
 * in the kernel; tests and suites read the count and the most recent messages.
 */
public final class KernelWarnings {
  /** How many messages are kept (the count keeps growing). */
  public static final int KEPT = 16;

  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private long count;

  public synchronized void warn(String message) {
    count++;
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    recent.addLast(message);
  }

  /** Warnings so far. */
  public synchronized long count() {
    return count;
  }

  /** The most recent messages, oldest first. */
  public synchronized List<String> recent() {
    return List.copyOf(recent);
  }
}
