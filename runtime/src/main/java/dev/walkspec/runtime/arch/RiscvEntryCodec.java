package dev.walkspec.runtime.arch;

import dev.walkspec.runtime.api.EntryCodec;

/**
 * RISC-V style entries: V bit 0, R/W/X bits 1-3 (any of them set makes a leaf at every level),
 * accessed bit 6, dirty bit 7, 44 frame bits from bit 10.
 */
public final class RiscvEntryCodec implements EntryCodec {
  public static final RiscvEntryCodec INSTANCE = new RiscvEntryCodec();

  private static final long VALID = 1L;
  private static final long READ = 1L << 1;
  private static final long WRITE = 1L << 2;
  private static final long EXEC = 1L << 3;
  private static final long ACCESSED = 1L << 6;
  private static final long DIRTY = 1L << 7;
  private static final FrameField FRAME = new FrameField("riscv", 10, 44);

  private RiscvEntryCodec() {}

  @Override
  public String arch() {
    return "riscv";
  }

  @Override
  public boolean present(long entry) {
    return (entry & VALID) != 0;
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    return present(entry) && (entry & (READ | WRITE | EXEC)) != 0;
  }

  @Override
  public boolean writable(long entry) {
    return (entry & WRITE) != 0;
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
    return WRITE;
  }

  @Override
  public long leaf(long frame, int level, boolean writable, boolean accessed, boolean dirty) {
    return FRAME.put(frame)
        | VALID
        | READ
        | EXEC
        | (writable ? WRITE : 0)
        | (accessed ? ACCESSED : 0)
        | (dirty ? DIRTY : 0);
  }

  @Override
  public long table(long tableId) {
    return FRAME.put(tableId) | VALID;
  }
}
