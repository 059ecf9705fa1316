package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * x86 age (C3, C4) as the notifier calls it: the TDP MMU's pass over its roots, then the shadow
 * MMU's pass over the reverse maps (which returns at once in a VM without shadow pages). The two
 * MMUs hold separate entries, so both passes always run and every mapping of the range is aged
 * whichever MMU holds it (H9); young is the OR of the two (H11). Both passes are lockless (H1).
 */
public class X86AgeHandler implements AgeHandler {
  private final AgeHandler tdp;
  private final AgeHandler shadow;

  public X86AgeHandler() {
    this(new TdpAgeHandler(), new ShadowAgeHandler());
  }

  /** The combined handler over other passes (the access-tracking ones, or variants). */
  protected X86AgeHandler(AgeHandler tdp, AgeHandler shadow) {
    this.tdp = tdp;
    this.shadow = shadow;
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    boolean young = tdp.handle(kvm, range);
    young |= shadow.handle(kvm, range);
    return young;
  }
}
