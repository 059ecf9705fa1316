package dev.walkspec.arch.history;

import dev.walkspec.arch.riscv.RiscvUnmapHandler;
import dev.walkspec.runtime.api.Kvm;

/**
 * H1: riscv unmap as the second version of the use-after-free fix posted it (2 Feb 2026): it takes
 * the MMU spinlock unconditionally, but the walk calls it with that lock held, so it spins on its
 * own lock (the maintainer saw an RCU stall on guest power-off and queued a trylock instead).
 */
public class RiscvUnmapTakesMmuLock extends RiscvUnmapHandler {
  public RiscvUnmapTakesMmuLock() {}

  @Override
  protected boolean lockIfUnlocked(Kvm kvm) {
    kvm.mmuLock().acquire(exclusive(kvm));
    return true;
  }
}
