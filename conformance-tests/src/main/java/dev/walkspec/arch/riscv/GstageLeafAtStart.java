package dev.walkspec.arch.riscv;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;

/**
 * riscv age and test_age: look up the one leaf that holds {@code range.start} and test (and clear)
 * its Accessed bit; warn first if the range is not exactly one page, one 2 MiB or one 1 GiB block
 * long. Runs under the MMU spinlock. This is the kernel's behaviour, kept deliberately: for a
 * longer range every mapping after the first is neither aged nor tested (H9), which arm64 had too
 * until 2023. The clear itself is atomic (the kernel's test-and-clear), though the lock makes that
 * unnecessary.
 */
abstract class GstageLeafAtStart {
  private final KernelWarnings warnings = new KernelWarnings();

  /** What this handler warned about. */
  public KernelWarnings warnings() {
    return warnings;
  }

  boolean leafAtStart(Kvm kvm, GfnRange range, boolean clear) {
    long pages = range.pages();
    if (pages != Pages.pagesAt(1) && pages != Pages.pagesAt(2) && pages != Pages.pagesAt(3)) {
      warnings.warn(
          (clear ? "kvm_age_gfn" : "kvm_test_age_gfn")
              + ": gfn range ["
              + range.start()
              + ","
              + range.end()
              + ") of slot "
              + range.slot().id()
              + " is "
              + pages
              + " pages, not one page or block; only the leaf at "
              + range.start()
              + " is looked at");
    }
    EntryCodec codec = kvm.codec();
    boolean young = false;
    // The simulated world may hold several roots; each plays the VM's one g-stage table.
    for (Root root : kvm.mmu(range.slot().addressSpace()).validRoots()) {
      EntryCursor leaf = root.walk(range.start(), range.start() + 1);
      if (!leaf.next()) {
        continue;
      }
      long old = clear ? leaf.fetchAnd(~codec.accessedMask()) : leaf.load();
      young |= codec.present(old) && codec.accessed(old);
    }
    return young;
  }
}
