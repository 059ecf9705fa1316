package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowTestAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpTestAgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/**
 * x86 test_age (C5): asks the TDP MMU first and skips the shadow MMU once the answer is known to be
 * young; a "not young" from the TDP MMU is not final, since the shadow MMU's separate entries may
 * map the page (H9, H11). Changes nothing.
 */
public class X86TestAgeHandler implements TestAgeHandler {
  private final TestAgeHandler tdp;
  private final TestAgeHandler shadow;

  public X86TestAgeHandler() {
    this(new TdpTestAgeHandler(), new ShadowTestAgeHandler());
  }

  /** The combined handler over other passes (variants). */
  protected X86TestAgeHandler(TestAgeHandler tdp, TestAgeHandler shadow) {
    this.tdp = tdp;
    this.shadow = shadow;
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    if (tdp.handle(kvm, range)) {
      return true;
    }
    return shadow.handle(kvm, range);
  }
}
