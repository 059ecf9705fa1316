package dev.walkspec.runtime.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * x86-style entries: present bit 0, writable bit 1, accessed bit 5, dirty bit 6, page-size (huge)
 * bit 7 at levels 2 and 3, 40 frame bits from bit 12.
 */
@API(status = EXPERIMENTAL)
public final class X86EntryCodec extends BitEntryCodec {
  private static final long PRESENT = 1L;
  private static final long WRITABLE = 1L << 1;
  private static final long ACCESSED = 1L << 5;
  private static final long DIRTY = 1L << 6;
  private static final long HUGE = 1L << 7;
  private static final FrameField FRAME = new FrameField("x86", 12, 40);
  // After FRAME: the constructor reads it.
  public static final X86EntryCodec INSTANCE = new X86EntryCodec();

  private X86EntryCodec() {
    super("x86", PRESENT, WRITABLE, ACCESSED, DIRTY, FRAME);
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    return present(entry) && (level == 1 || (entry & HUGE) != 0);
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
