package dev.walkspec.runtime.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.EntryCodec;
import org.apiguardian.api.API;

/**
 * LoongArch's second-level entries in the model: the riscv layout, but Accessed and Dirty are
 * maintained by software: a guest access to a leaf without them traps, and the fault path sets them
 * with the MMU lock held. That is why LoongArch's locked aging may use plain stores.
 */
@API(status = EXPERIMENTAL)
public final class LoongarchEntryCodec extends BitEntryCodec {
  private static final EntryCodec LAYOUT = RiscvEntryCodec.INSTANCE;
  public static final LoongarchEntryCodec INSTANCE = new LoongarchEntryCodec();

  private LoongarchEntryCodec() {
    super(
        "loongarch",
        RiscvEntryCodec.VALID,
        RiscvEntryCodec.WRITE,
        RiscvEntryCodec.ACCESSED,
        RiscvEntryCodec.DIRTY,
        RiscvEntryCodec.FRAME);
  }

  @Override
  public boolean hardwareAccessDirty() {
    return false;
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    return LAYOUT.isLeaf(entry, level);
  }

  @Override
  public long leaf(long frame, int level, boolean writable, boolean accessed, boolean dirty) {
    return LAYOUT.leaf(frame, level, writable, accessed, dirty);
  }

  @Override
  public long table(long tableId) {
    return LAYOUT.table(tableId);
  }
}
