package dev.walkspec.arch.x86.shadow;

/**
 * Shadow MMU age without A/D bits: each young entry is marked for access tracking with one
 * compare-and-swap, not retried when it fails, and counted as young either way (H4, H11). The
 * kernel's walk, stride from range.start included (H9, {@link RmapStride#FROM_START}).
 */
public class ShadowAccessTrackAgeHandler extends ShadowAgeHandler {
  public ShadowAccessTrackAgeHandler() {
    this(RmapStride.FROM_START);
  }

  /** For the what-if stride and variants. */
  protected ShadowAccessTrackAgeHandler(RmapStride stride) {
    super(false, stride);
  }
}
