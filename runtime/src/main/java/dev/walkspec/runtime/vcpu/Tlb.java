package dev.walkspec.runtime.vcpu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.sched.Shared;
import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * A vCPU's TLB: direct-mapped, 64 sets per mapping level, tagged with the address space. A fill
 * carries the generation read before its table walk and is dropped if a flush came in between,
 * which models a remote flush waiting for walks in flight (H12). No yield point happens while the
 * monitor is held.
 */
@API(status = INTERNAL)
public final class Tlb implements Shared {
  private static final int SETS = 64;
  private static final long EMPTY = -1;

  private final int vcpu;
  private final int levels;
  private final long[][] tags;
  private final int[][] spaces;
  private final long[][] frames;
  private final boolean[][] writable;
  private final boolean[][] dirty;
  private long generation;

  Tlb(int vcpu, int levels) {
    this.vcpu = vcpu;
    this.levels = levels;
    this.tags = new long[levels][SETS];
    this.spaces = new int[levels][SETS];
    this.frames = new long[levels][SETS];
    this.writable = new boolean[levels][SETS];
    this.dirty = new boolean[levels][SETS];
    for (long[] level : tags) {
      Arrays.fill(level, EMPTY);
    }
  }

  @Override
  public String sharedName() {
    return "tlb[vcpu " + vcpu + "]";
  }

  synchronized long generation() {
    return generation;
  }

  /**
   * The host frame for {@code gfn}, or -1 on a miss. A write hits only a writable, already dirty
   * translation: otherwise hardware must walk to set Dirty.
   */
  synchronized long lookup(int as, long gfn, boolean write) {
    for (int level = 1; level <= levels; level++) {
      long block = Pages.alignDown(gfn, level);
      int set = set(block, level);
      int l = level - 1;
      if (tags[l][set] == block && spaces[l][set] == as) {
        if (write && !(writable[l][set] && dirty[l][set])) {
          return -1;
        }
        return frames[l][set] + (gfn - block);
      }
    }
    return -1;
  }

  synchronized boolean fill(
      long seenGeneration,
      int as,
      long blockGfn,
      int level,
      long frame,
      boolean canWrite,
      boolean isDirty) {
    if (seenGeneration != generation) {
      return false;
    }
    int set = set(blockGfn, level);
    int l = level - 1;
    tags[l][set] = blockGfn;
    spaces[l][set] = as;
    frames[l][set] = frame;
    writable[l][set] = canWrite;
    dirty[l][set] = isDirty;
    return true;
  }

  /** Drops every translation; fills that started before are discarded. */
  public synchronized void flushAll() {
    for (long[] level : tags) {
      Arrays.fill(level, EMPTY);
    }
    generation++;
  }

  /** Whether some cached translation covers {@code gfn} of {@code as} (for H12 checks). */
  public synchronized boolean maps(int as, long gfn) {
    for (int level = 1; level <= levels; level++) {
      long block = Pages.alignDown(gfn, level);
      int set = set(block, level);
      if (tags[level - 1][set] == block && spaces[level - 1][set] == as) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first gfn of {@code [startGfn, endGfn)} in {@code as} that a cached translation covers, or
   * -1 (for H12 checks; no yield point).
   */
  public synchronized long firstMapped(int as, long startGfn, long endGfn) {
    long best = -1;
    for (int level = 1; level <= levels; level++) {
      long size = Pages.pagesAt(level);
      for (int set = 0; set < SETS; set++) {
        long block = tags[level - 1][set];
        if (block == EMPTY || spaces[level - 1][set] != as) {
          continue;
        }
        long lo = Math.max(block, startGfn);
        if (lo < Math.min(block + size, endGfn) && (best < 0 || lo < best)) {
          best = lo;
        }
      }
    }
    return best;
  }

  /** Number of cached translations. */
  public synchronized int size() {
    int size = 0;
    for (long[] level : tags) {
      for (long tag : level) {
        size += tag == EMPTY ? 0 : 1;
      }
    }
    return size;
  }

  private static int set(long blockGfn, int level) {
    return (int) ((blockGfn >>> (Pages.LEVEL_BITS * (level - 1))) & (SETS - 1));
  }
}
