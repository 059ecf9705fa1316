package dev.walkspec.arch.whatif;

import dev.walkspec.arch.riscv.RiscvUnmapHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/**
 * What if riscv's unmap looked at the VM's root again after each yield, and stopped once it is gone
 * (as arm64's stage-2 range walk does, reading {@code mmu->pgt} afresh per chunk)? Not the kernel's
 * code: the fix for the use-after-free that its trylock leaves open under the walk (H3 on
 * unmap-vs-root-free). Everything else is riscv's.
 */
public class RiscvUnmapRereadsRoot extends RiscvUnmapHandler {
  public RiscvUnmapRereadsRoot() {}

  @Override
  protected boolean goesOnAfterYield(Kvm kvm, Root root) {
    return kvm.mmu(root.addressSpace()).roots().contains(root);
  }
}
