package dev.walkspec.suite;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Bytes a thread has allocated so far, where the JVM tells (HotSpot's {@code
 * com.sun.management.ThreadMXBean}); 0 elsewhere, which turns the allocation budget off.
 */
final class ThreadAllocation {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadAllocation() {}

  static long bytes(Thread thread) {
    if (THREADS instanceof com.sun.management.ThreadMXBean hotspot
        && hotspot.isThreadAllocatedMemorySupported()
        && hotspot.isThreadAllocatedMemoryEnabled()) {
      long bytes = hotspot.getThreadAllocatedBytes(thread.getId());
      return Math.max(0, bytes);
    }
    return 0;
  }
}
