package dev.walkspec.runtime.arch;

import dev.walkspec.runtime.api.EntryCodec;

/**
 * What the arch codecs share: an entry is present, writable, accessed or dirty when its one bit for
 * that is set, and a leaf's frame and a table's page id sit in one frame field. Each arch adds how
 * it tells a leaf from a table and how it builds both.
 */
abstract class BitEntryCodec implements EntryCodec {
  private final String arch;
  private final long present;
  private final long writable;
  private final long accessed;
  private final long dirty;
  private final FrameField frame;

  BitEntryCodec(
      String arch, long present, long writable, long accessed, long dirty, FrameField frame) {
    this.arch = arch;
    this.present = present;
    this.writable = writable;
    this.accessed = accessed;
    this.dirty = dirty;
    this.frame = frame;
  }

  @Override
  public final String arch() {
    return arch;
  }

  @Override
  public final boolean present(long entry) {
    return (entry & present) != 0;
  }

  @Override
  public final boolean writable(long entry) {
    return (entry & writable) != 0;
  }

  @Override
  public final boolean accessed(long entry) {
    return (entry & accessed) != 0;
  }

  @Override
  public final boolean dirty(long entry) {
    return (entry & dirty) != 0;
  }

  @Override
  public final long frame(long entry) {
    return frame.get(entry);
  }

  @Override
  public final long tableId(long entry) {
    return frame.get(entry);
  }

  @Override
  public final long accessedMask() {
    return accessed;
  }

  @Override
  public final long dirtyMask() {
    return dirty;
  }

  @Override
  public final long writableMask() {
    return writable;
  }
}
