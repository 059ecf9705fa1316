package dev.walkspec.runtime.memslot;

import dev.walkspec.runtime.api.MemSlot;

/**
 * A static interval tree over the slots' inclusive hva ranges, kept as arrays because a memslot set
 * never changes once built.
 *
 * <p>Slots are sorted by (userspace_addr, id), which is the tree order a walk must visit (W4). For
 * a query {@code [lo, hi]}, the slots starting inside it form one contiguous run. The slots
 * starting before {@code lo} intersect iff their last byte reaches {@code lo}; those are found in
 * order with a range-maximum table over the last bytes (O(1) per query) and, per slot, the next
 * slot whose last byte is at least as large. Together: O(log n) to start, O(1) amortised per slot
 * reported, no allocation beyond the cursor.
 */
final class HvaIndex {
  private final MemSlot[] slots;
  private final long[] first;
  private final long[] last;
  private final int[] nextReach;
  private final int[][] argmax;

  HvaIndex(MemSlot[] sortedByHva) {
    int n = sortedByHva.length;
    slots = sortedByHva;
    first = new long[n];
    last = new long[n];
    for (int i = 0; i < n; i++) {
      first[i] = slots[i].userspaceAddr();
      last[i] = slots[i].hvaLast();
    }
    nextReach = nextAtLeast(last);
    argmax = sparseArgmax(n);
  }

  int size() {
    return slots.length;
  }

  MemSlot slot(int i) {
    return slots[i];
  }

  /** Smallest j > i with last[j] >= last[i], or n: everything between ends before slot i does. */
  int nextReach(int i) {
    return nextReach[i];
  }

  /** First index whose slot starts at or after {@code hva}. */
  int firstStartingAtOrAfter(long hva) {
    int lo = 0;
    int hi = first.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (first[mid] < hva) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index whose slot starts after {@code hva}. */
  int firstStartingAfter(long hva) {
    int lo = 0;
    int hi = first.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (first[mid] <= hva) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The smallest index j in {@code [from, to)} whose slot's last byte is at least {@code lo}, or
   * -1. Each step lands on a slot that reaches {@code lo} and lies left of the previous one.
   */
  int leftmostReaching(int from, int to, long lo) {
    int found = -1;
    while (from < to) {
      int m = argmax(from, to);
      if (last[m] < lo) {
        break;
      }
      found = m;
      to = m;
    }
    return found;
  }

  private int argmax(int from, int to) {
    int k = 31 - Integer.numberOfLeadingZeros(to - from);
    return better(argmax[k][from], argmax[k][to - (1 << k)]);
  }

  /** The index with the larger last byte; on a tie the leftmost one. */
  private int better(int a, int b) {
    if (last[a] != last[b]) {
      return last[a] > last[b] ? a : b;
    }
    return Math.min(a, b);
  }

  private int[][] sparseArgmax(int n) {
    int levels = n == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(n);
    int[][] table = new int[levels][];
    for (int k = 0; k < levels; k++) {
      int width = 1 << k;
      table[k] = new int[n - width + 1];
      for (int i = 0; i + width <= n; i++) {
        table[k][i] = k == 0 ? i : better(table[k - 1][i], table[k - 1][i + width / 2]);
      }
    }
    return table;
  }

  private static int[] nextAtLeast(long[] values) {
    int n = values.length;
    int[] next = new int[n];
    int[] stack = new int[n];
    int top = 0;
    for (int i = n - 1; i >= 0; i--) {
      while (top > 0 && values[stack[top - 1]] < values[i]) {
        top--;
      }
      next[i] = top == 0 ? n : stack[top - 1];
      stack[top++] = i;
    }
    return next;
  }
}
