package dev.walkspec.arch.x86;

import dev.walkspec.arch.x86.shadow.ShadowAccessTrackAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAccessTrackAgeHandler;
import dev.walkspec.runtime.api.AgeHandler;

/**
 * x86 age (C3, C4) on hardware without Accessed/Dirty bits (EPT without A/D): both MMUs' passes
 * mark young entries for access tracking with one compare-and-swap each, a lost one counting as
 * young and not retried (H4, H11).
 */
public class X86AccessTrackAgeHandler extends X86AgeHandler {
  public X86AccessTrackAgeHandler() {
    this(new TdpAccessTrackAgeHandler(), new ShadowAccessTrackAgeHandler());
  }

  /** Over other passes (variants). */
  protected X86AccessTrackAgeHandler(AgeHandler tdp, AgeHandler shadow) {
    super(tdp, shadow);
  }
}
