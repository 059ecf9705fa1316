package dev.walkspec.runtime.arch;

/** A frame-number bit field of an entry; rejects frames that do not fit instead of truncating. */
final class FrameField {
  private final String arch;
  private final int shift;
  private final int bits;
  private final long mask;

  FrameField(String arch, int shift, int bits) {
    this.arch = arch;
    this.shift = shift;
    this.bits = bits;
    this.mask = (1L << bits) - 1;
  }

  long get(long entry) {
    return (entry >>> shift) & mask;
  }

  long put(long frame) {
    if (frame < 0 || frame > mask) {
      throw new IllegalArgumentException(
          "frame 0x"
              + Long.toHexString(frame)
              + " does not fit the "
              + bits
              + "-bit "
              + arch
              + " frame field");
    }
    return frame << shift;
  }
}
