package dev.walkspec.arch.x86.shadow;

/**
 * Shadow MMU age without A/D bits: each young entry is marked for access tracking with one
 * compare-and-swap, not retried when it fails, and counted as young either way (H4, H11).
 */
public class ShadowAccessTrackAgeHandler extends ShadowAgeHandler {
  public ShadowAccessTrackAgeHandler() {
    super(false);
  }
}
