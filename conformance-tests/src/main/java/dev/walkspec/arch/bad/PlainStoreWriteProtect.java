package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86WriteProtect;
import dev.walkspec.arch.x86.tdp.TdpWriteProtect;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H5: its TDP MMU pass write-protects volatile entries with a plain store. */
public class PlainStoreWriteProtect extends X86WriteProtect {
  public PlainStoreWriteProtect() {
    super(new Pass());
  }

  /** The TDP MMU's write-protect pass, edited. */
  static final class Pass extends TdpWriteProtect {
    @Override
    protected void clearWritable(Kvm kvm, EntryCursor leaf, long old) {
      leaf.store(old & ~kvm.codec().writableMask());
    }
  }
}
