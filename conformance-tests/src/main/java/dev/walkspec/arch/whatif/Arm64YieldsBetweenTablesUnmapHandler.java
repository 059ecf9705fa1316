package dev.walkspec.arch.whatif;

import dev.walkspec.arch.arm64.Arm64UnmapHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;

/**
 * What if arm64's unmap also offered the lock between one table walk and the next (the VM's own
 * stage 2, then each nested stage-2 table)? Not the kernel's code: the kernel's range walk yields
 * only between the chunks of one table, so the range's last chunk of the own table and a nested
 * table's first chunk are zapped under one hold (arm64's H14 finding). Everything else is arm64's;
 * this module's generated arm64 suites check it.
 */
public class Arm64YieldsBetweenTablesUnmapHandler extends Arm64UnmapHandler {
  public Arm64YieldsBetweenTablesUnmapHandler() {}

  @Override
  protected void unmapNestedTable(Kvm kvm, GfnRange range, Root table) {
    if (offerLock(kvm, range, table)) {
      super.unmapNestedTable(kvm, range, table);
    }
  }
}
