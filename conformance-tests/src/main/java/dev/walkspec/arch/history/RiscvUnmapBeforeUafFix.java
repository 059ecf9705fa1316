package dev.walkspec.arch.history;

import dev.walkspec.arch.riscv.RiscvUnmapHandler;
import dev.walkspec.runtime.api.Kvm;

/**
 * H3: riscv unmap before dec9ed994434 ("Fix use-after-free in kvm_riscv_gstage_get_leaf()"), as
 * reported from fuzzing: it walks on in the root it read on entry after yielding the lock, so a
 * teardown that freed that root meanwhile leaves it reading freed table pages. It never touches the
 * lock itself; the walk holds it.
 */
public class RiscvUnmapBeforeUafFix extends RiscvUnmapHandler {
  public RiscvUnmapBeforeUafFix() {}

  @Override
  protected boolean lockIfUnlocked(Kvm kvm) {
    return false;
  }
}
