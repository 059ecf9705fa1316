package dev.walkspec.runtime.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * RISC-V style entries: V bit 0, R/W/X bits 1-3 (any of them set makes a leaf at every level),
 * accessed bit 6, dirty bit 7, 44 frame bits from bit 10.
 */
@API(status = EXPERIMENTAL)
public final class RiscvEntryCodec extends BitEntryCodec {
  static final long VALID = 1L;
  private static final long READ = 1L << 1;
  static final long WRITE = 1L << 2;
  private static final long EXEC = 1L << 3;
  static final long ACCESSED = 1L << 6;
  static final long DIRTY = 1L << 7;
  static final FrameField FRAME = new FrameField("riscv", 10, 44);
  // After FRAME: the constructor reads it.
  public static final RiscvEntryCodec INSTANCE = new RiscvEntryCodec();

  private RiscvEntryCodec() {
    super("riscv", VALID, WRITE, ACCESSED, DIRTY, FRAME);
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    return present(entry) && (entry & (READ | WRITE | EXEC)) != 0;
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
