package dev.walkspec.runtime.arch;

import dev.walkspec.runtime.api.EntryCodec;

/**
 * x86-style entries: present bit 0, writable bit 1, accessed bit 5, dirty bit 6, page-size (huge)
 * bit 7 at levels 2 and 3, 40 frame bits from bit 12.
 */
public final class X86EntryCodec implements EntryCodec {
  public static final X86EntryCodec INSTANCE = new X86EntryCodec();

  private static final long PRESENT = 1L;
  private static final long WRITABLE = 1L << 1;
  private static final long ACCESSED = 1L << 5;
  private static final long DIRTY = 1L << 6;
  private static final long HUGE = 1L << 7;
  private static final FrameField FRAME = new FrameField("x86", 12, 40);

  private X86EntryCodec() {}

  @Override
  public String arch() {
    return "x86";
  }

  @Override
  public boolean present(long entry) {
    return (entry & PRESENT) != 0;
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    return present(entry) && (level == 1 || (entry & HUGE) != 0);
  }

  @Override
  public boolean writable(long entry) {
    return (entry & WRITABLE) != 0;
  }

  @Override
  public boolean accessed(long entry) {
    return (entry & ACCESSED) != 0;
  }

  @Override
  public boolean dirty(long entry) {
    return (entry & DIRTY) != 0;
  }

  @Override
  public long frame(long entry) {
    return FRAME.get(entry);
  }

  @Override
  public long tableId(long entry) {
    return FRAME.get(entry);
  }

  @Override
  public long accessedMask() {
    return ACCESSED;
  }

  @Override
  public long dirtyMask() {
    return DIRTY;
  }

  @Override
  public long writableMask() {
    return WRITABLE;
  }

  @Override
  public long leaf(long frame, int level, boolean writable, boolean accessed, boolean dirty) {
    return FRAME.put(frame)
        | PRESENT
        | (writable ? WRITABLE : 0)
        | (accessed ? ACCESSED : 0)
        | (dirty ? DIRTY : 0)
        | (level > 1 ? HUGE : 0);
  }

  @Override
  public long table(long tableId) {
    return FRAME.put(tableId) | PRESENT | WRITABLE;
  }
}
