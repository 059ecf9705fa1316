package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;

/** H9/H12: unmap skips invalid roots, whose mappings and TLB entries survive. */
public class TdpUnmapValidRootsOnly extends TdpUnmapHandler {
  public TdpUnmapValidRootsOnly() {}

  @Override
  protected List<Root> roots(Kvm kvm, int addressSpace) {
    return kvm.mmu(addressSpace).validRoots();
  }
}
