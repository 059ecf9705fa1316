package dev.walkspec.arch.whatif;

import dev.walkspec.arch.loongarch.LoongarchAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;

/**
 * LoongArch age with the one change lockless aging asks for first: the tables are walked inside an
 * RCU read section with the RCU-safe root list (H3), so a concurrent zap cannot free a page under
 * it. The stores stay what they are in LoongArch's handler, a plain load then a plain store of the
 * entry without Accessed: right under the MMU lock, a lost update (H4) once the walk is lockless.
 */
public class LoongarchRcuAgeHandler extends LoongarchAgeHandler {
  public LoongarchRcuAgeHandler() {}

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
