package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.arch.x86.shadow.ShadowUnmapHandler;
import dev.walkspec.arch.x86.tdp.TdpUnmapHandler;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;

/** H9/H12: its TDP MMU pass skips invalid roots, whose mappings survive. */
public class TdpUnmapValidRootsOnly extends X86UnmapHandler {
  public TdpUnmapValidRootsOnly() {
    super(new ShadowUnmapHandler(), new Pass());
  }

  /** The TDP MMU's unmap pass, edited. */
  static final class Pass extends TdpUnmapHandler {
    @Override
    protected List<Root> roots(Kvm kvm, int addressSpace) {
      return kvm.mmu(addressSpace).validRoots();
    }
  }
}
