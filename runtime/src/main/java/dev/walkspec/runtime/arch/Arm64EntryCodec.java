package dev.walkspec.runtime.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * arm64 stage-2 style descriptors: valid bit 0; bit 1 marks a table above level 1 and a page at
 * level 1 (so a valid upper-level entry with bit 1 clear is a block); write permission bit 7;
 * access flag bit 10; dirty (DBM-style) bit 51; 36 output-address bits from bit 12.
 */
@API(status = EXPERIMENTAL)
public final class Arm64EntryCodec extends BitEntryCodec {
  private static final long VALID = 1L;
  private static final long TABLE_OR_PAGE = 1L << 1;
  private static final long WRITE = 1L << 7;
  private static final long ACCESS_FLAG = 1L << 10;
  private static final long DIRTY = 1L << 51;
  private static final FrameField FRAME = new FrameField("arm64", 12, 36);
  // After FRAME: the constructor reads it.
  public static final Arm64EntryCodec INSTANCE = new Arm64EntryCodec();

  private Arm64EntryCodec() {
    super("arm64", VALID, WRITE, ACCESS_FLAG, DIRTY, FRAME);
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    if (!present(entry)) {
      return false;
    }
    return level == 1 || (entry & TABLE_OR_PAGE) == 0;
  }

  @Override
  public long leaf(long frame, int level, boolean writable, boolean accessed, boolean dirty) {
    return FRAME.put(frame)
        | VALID
        | (level == 1 ? TABLE_OR_PAGE : 0)
        | (writable ? WRITE : 0)
        | (accessed ? ACCESS_FLAG : 0)
        | (dirty ? DIRTY : 0);
  }

  @Override
  public long table(long tableId) {
    return FRAME.put(tableId) | VALID | TABLE_OR_PAGE;
  }
}
