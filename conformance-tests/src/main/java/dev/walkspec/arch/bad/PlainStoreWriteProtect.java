package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpWriteProtect;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H5: the locked writer write-protects volatile entries with a plain store. */
public class PlainStoreWriteProtect extends TdpWriteProtect {
  public PlainStoreWriteProtect() {}

  @Override
  protected void clearWritable(Kvm kvm, EntryCursor leaf, long old) {
    leaf.store(old & ~kvm.codec().writableMask());
  }
}
