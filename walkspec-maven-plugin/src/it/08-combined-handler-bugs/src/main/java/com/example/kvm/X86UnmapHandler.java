package com.example.kvm;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.UnmapHandler;

/** x86 unmap, right: both passes at every level, the results of every root OR-ed. */
public class X86UnmapHandler implements UnmapHandler {
  public X86UnmapHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return Passes.unmap(kvm, range, Integer.MAX_VALUE, true);
  }
}
