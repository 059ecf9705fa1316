package dev.walkspec.runtime.arch;

import dev.walkspec.runtime.api.EntryCodec;

/**
 * LoongArch's second-level entries in the model: the riscv layout, but Accessed and Dirty are
 * maintained by software: a guest access to a leaf without them traps, and the fault path sets them
 * with the MMU lock held. That is why LoongArch's locked aging may use plain stores.
 */
public final class LoongarchEntryCodec implements EntryCodec {
  public static final LoongarchEntryCodec INSTANCE = new LoongarchEntryCodec();
  private static final EntryCodec LAYOUT = RiscvEntryCodec.INSTANCE;

  private LoongarchEntryCodec() {}

  @Override
  public String arch() {
    return "loongarch";
  }

  @Override
  public boolean hardwareAccessDirty() {
    return false;
  }

  @Override
  public boolean present(long entry) {
    return LAYOUT.present(entry);
  }

  @Override
  public boolean isLeaf(long entry, int level) {
    return LAYOUT.isLeaf(entry, level);
  }

  @Override
  public boolean writable(long entry) {
    return LAYOUT.writable(entry);
  }

  @Override
  public boolean accessed(long entry) {
    return LAYOUT.accessed(entry);
  }

  @Override
  public boolean dirty(long entry) {
    return LAYOUT.dirty(entry);
  }

  @Override
  public long frame(long entry) {
    return LAYOUT.frame(entry);
  }

  @Override
  public long tableId(long entry) {
    return LAYOUT.tableId(entry);
  }

  @Override
  public long accessedMask() {
    return LAYOUT.accessedMask();
  }

  @Override
  public long dirtyMask() {
    return LAYOUT.dirtyMask();
  }

  @Override
  public long writableMask() {
    return LAYOUT.writableMask();
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
