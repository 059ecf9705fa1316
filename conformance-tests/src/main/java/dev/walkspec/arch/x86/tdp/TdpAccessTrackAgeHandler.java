package dev.walkspec.arch.x86.tdp;

/**
 * TDP MMU age when A/D bits are disabled (e.g. EPT without A/D): each young leaf is marked for
 * access tracking with a single compare-and-swap; a failed one counts as young and is not retried
 * (H4, H11).
 */
public class TdpAccessTrackAgeHandler extends TdpAgeHandler {
  public TdpAccessTrackAgeHandler() {
    super(false);
  }
}
