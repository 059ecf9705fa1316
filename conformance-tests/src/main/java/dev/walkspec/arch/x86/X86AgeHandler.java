package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * x86 age (C3, C4) as the notifier calls it: the TDP MMU, then the shadow MMU when the VM keeps
 * reverse maps. Both parts are lockless (H1) and both always run, so every mapping of the range is
 * aged whichever MMU holds it (H9); young is the OR of the two (H11).
 */
public class X86AgeHandler implements AgeHandler {
  private final TdpAgeHandler tdp = new TdpAgeHandler();
  private final ShadowAgeHandler shadow = new ShadowAgeHandler();

  public X86AgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = tdp.handle(kvm, range);
    young |= shadow.handle(kvm, range);
    return young;
  }
}
