package dev.walkspec.arch.x86.tdp;

import dev.walkspec.arch.x86.WritableBit;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.WriteProtector;

/**
 * The TDP MMU's write-protect path used by dirty logging: a writer that holds the MMU lock and
 * clears the Writable bit of the leaves of a gfn range in the valid TDP roots. It is not a notifier
 * handler; it is the "other writer" that obligation H5 is about (see {@link WritableBit}).
 */
public class TdpWriteProtect implements WriteProtector {
  private final WritableBit writable;

  /** The x86 configuration: lockless aging is on (x86 selects KVM_MMU_LOCKLESS_AGING). */
  public TdpWriteProtect() {
    this(true);
  }

  /**
   * @param locklessAging whether aging runs without the MMU lock, making every present leaf's
   *     Accessed bit subject to concurrent change
   */
  public TdpWriteProtect(boolean locklessAging) {
    this.writable = new WritableBit(locklessAging);
  }

  /**
   * Write-protects every leaf meeting {@code [start, end)} of {@code slot} in the valid roots of
   * its address space. Needs the MMU lock (either mode). Returns true if an entry lost its Writable
   * bit, i.e. TLBs must be flushed.
   */
  @Override
  public boolean writeProtect(Kvm kvm, MemSlot slot, long start, long end) {
    kvm.mmuLock().assertHeld("H1", "write-protecting for dirty logging");
    checkRange(slot, start, end);
    EntryCodec codec = kvm.codec();
    boolean changed = false;
    for (Root root : kvm.mmu(slot.addressSpace()).validRoots()) {
      EntryCursor leaf = root.walk(start, end);
      while (leaf.next()) {
        long old = leaf.load();
        if (!codec.present(old) || !codec.writable(old)) {
          continue;
        }
        clearWritable(kvm, leaf, old);
        changed = true;
      }
    }
    return changed;
  }

  /** Clears Writable on one entry read as {@code old} (H5; variants edit this). */
  protected void clearWritable(Kvm kvm, EntryCursor leaf, long old) {
    writable.clear(kvm, leaf, old);
  }

  /** Whether something may change {@code entry} without the MMU lock (see {@link WritableBit}). */
  public boolean isVolatile(EntryCodec codec, long entry) {
    return writable.isVolatile(codec, entry);
  }

  /** Refuses an empty range or one outside the slot, naming both. */
  public static void checkRange(MemSlot slot, long start, long end) {
    if (start < slot.baseGfn() || end > slot.gfnEnd() || start >= end) {
      throw new IllegalArgumentException(
          "gfn range [" + start + "," + end + ") is empty or outside slot " + slot.id());
    }
  }
}
