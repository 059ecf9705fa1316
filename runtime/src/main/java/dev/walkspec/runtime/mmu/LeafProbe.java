package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** Where a hardware walk found the leaf covering a gfn; reused per vCPU to avoid allocation. */
@API(status = INTERNAL)
public final class LeafProbe {
  TablePage page;
  int index;
  int level;
  long gfn;
  long value;

  public TablePage page() {
    return page;
  }

  public int index() {
    return index;
  }

  public int level() {
    return level;
  }

  /** First gfn of the mapping (aligned to its level). */
  public long gfn() {
    return gfn;
  }

  /** The entry value the walk read. */
  public long value() {
    return value;
  }
}
