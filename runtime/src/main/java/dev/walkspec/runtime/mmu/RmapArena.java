package dev.walkspec.runtime.mmu;

import java.util.Arrays;

/**
 * Chain links of reverse maps whose head maps more than one entry: pairs (entry ref, next link) in
 * one growing {@code long[]}, with a free list. Writers hold the head's bit lock and this object's
 * monitor; readers hold the head's bit lock, which orders them after the writer.
 */
final class RmapArena {
  private volatile long[] nodes = new long[64];
  private int used;
  private int free = -1;

  synchronized int alloc(long ref, int next) {
    int node;
    if (free >= 0) {
      node = free;
      free = (int) nodes[2 * node + 1];
    } else {
      if (2 * used + 2 > nodes.length) {
        nodes = Arrays.copyOf(nodes, nodes.length * 2);
      }
      node = used++;
    }
    long[] current = nodes;
    current[2 * node] = ref;
    current[2 * node + 1] = next;
    return node;
  }

  synchronized void free(int node) {
    nodes[2 * node] = -1;
    nodes[2 * node + 1] = free;
    free = node;
  }

  synchronized void setNext(int node, int next) {
    nodes[2 * node + 1] = next;
  }

  long ref(int node) {
    return nodes[2 * node];
  }

  int next(int node) {
    return (int) nodes[2 * node + 1];
  }
}
