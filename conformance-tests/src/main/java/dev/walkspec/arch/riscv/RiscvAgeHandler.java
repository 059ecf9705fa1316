package dev.walkspec.arch.riscv;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * riscv age (C3, C4), as the kernel has it: ages only the leaf holding {@code range.start}, and
 * warns (see {@link #warnings()}) when the range is not exactly one page or block (breaks H9 for
 * longer ranges, on purpose).
 */
public class RiscvAgeHandler extends GstageLeafAtStart implements AgeHandler {
  public RiscvAgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return leafAtStart(kvm, range, true);
  }
}
