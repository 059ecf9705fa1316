package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowWriteProtect;
import dev.walkspec.arch.x86.tdp.TdpWriteProtect;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.WriteProtector;

/**
 * x86 dirty logging's write-protection of a gfn range: the TDP MMU's roots, then the shadow MMU's
 * entries through the reverse maps, both under the MMU lock; each must update volatile entries
 * atomically (H5). True if either removed a Writable bit, so TLBs must be flushed.
 */
public class X86WriteProtect implements WriteProtector {
  private final WriteProtector tdp;
  private final WriteProtector shadow;

  public X86WriteProtect() {
    this(new TdpWriteProtect());
  }

  /** Over another TDP MMU pass (variants); the shadow MMU's is the kernel's. */
  protected X86WriteProtect(WriteProtector tdp) {
    this.tdp = tdp;
    this.shadow = new ShadowWriteProtect();
  }

  @Override
  public boolean writeProtect(Kvm kvm, MemSlot slot, long start, long end) {
    boolean changed = tdp.writeProtect(kvm, slot, start, end);
    changed |= shadow.writeProtect(kvm, slot, start, end);
    return changed;
  }
}
