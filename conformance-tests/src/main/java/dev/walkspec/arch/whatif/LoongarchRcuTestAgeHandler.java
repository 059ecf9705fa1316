package dev.walkspec.arch.whatif;

import dev.walkspec.arch.loongarch.LoongarchTestAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;

/**
 * LoongArch test_age walking inside an RCU read section with the RCU-safe root list (H3), so it may
 * run without the MMU lock; it only reads, so nothing else needs to change (H11).
 */
public class LoongarchRcuTestAgeHandler extends LoongarchTestAgeHandler {
  public LoongarchRcuTestAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    kvm.rcu().readLock();
    try {
      return super.handle(kvm, range);
    } finally {
      kvm.rcu().readUnlock();
    }
  }

  /** The RCU-safe root list, read inside the RCU read section {@link #handle} holds (H3). */
  @Override
  protected List<Root> roots(Kvm kvm, int addressSpace) {
    return kvm.mmu(addressSpace).rcuValidRoots();
  }
}
