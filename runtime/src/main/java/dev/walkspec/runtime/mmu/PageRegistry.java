package dev.walkspec.runtime.mmu;

import dev.walkspec.runtime.sched.Scheduler;
import java.util.Arrays;

/**
 * Finds a table page from the id stored in a non-leaf entry or a reverse-map link, as hardware
 * finds a table from the frame in an entry. Ids are never reused, so a stale id finds the poisoned
 * page rather than a new one. Lookups take no lock: an id is only learnt from an entry published
 * (with release ordering) after the page was registered.
 */
final class PageRegistry {
  private static final int CHUNK_BITS = 10;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private volatile TablePage[][] chunks = new TablePage[16][];
  private long nextId = 1;
  private long allocated;

  synchronized TablePage allocate(
      int level, long baseGfn, int addressSpace, int rootId, Scheduler sched) {
    long id = nextId++;
    int chunk = (int) (id >>> CHUNK_BITS);
    TablePage[][] current = chunks;
    if (chunk >= current.length) {
      current = Arrays.copyOf(current, Math.max(current.length * 2, chunk + 1));
    }
    if (current[chunk] == null) {
      current[chunk] = new TablePage[CHUNK];
    }
    TablePage page = new TablePage(id, level, baseGfn, addressSpace, rootId, sched);
    current[chunk][(int) (id & (CHUNK - 1))] = page;
    chunks = current;
    allocated++;
    return page;
  }

  TablePage get(long id) {
    TablePage[][] current = chunks;
    int chunk = (int) (id >>> CHUNK_BITS);
    if (id <= 0 || chunk >= current.length || current[chunk] == null) {
      return null;
    }
    return current[chunk][(int) (id & (CHUNK - 1))];
  }

  synchronized long allocatedPages() {
    return allocated;
  }
}
