package dev.walkspec.arch.x86.tdp;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.WriteProtector;

/**
 * The TDP MMU's write-protect path used by dirty logging: a writer that holds the MMU lock and
 * clears the Writable bit of the leaves of a gfn range. It is not a notifier handler; it is the
 * "other writer" that obligation H5 is about: with lockless aging (and hardware setting
 * Accessed/Dirty without the lock) an entry is volatile, and a writer must then update it with an
 * atomic read-modify-write, or a concurrent change made between its load and its store is lost.
 */
public class TdpWriteProtect implements WriteProtector {
  private final boolean locklessAging;

  /** The x86 configuration: lockless aging is on (x86 selects KVM_MMU_LOCKLESS_AGING). */
  public TdpWriteProtect() {
    this(true);
  }

  /**
   * @param locklessAging whether aging runs without the MMU lock, making every present leaf's
   *     Accessed bit subject to concurrent change
   */
  public TdpWriteProtect(boolean locklessAging) {
    this.locklessAging = locklessAging;
  }

  /**
   * Write-protects every leaf meeting {@code [start, end)} of {@code slot} in the valid roots of
   * its address space. Needs the MMU lock (either mode). Returns true if an entry lost its Writable
   * bit, i.e. TLBs must be flushed.
   */
  @Override
  public boolean writeProtect(Kvm kvm, MemSlot slot, long start, long end) {
    kvm.mmuLock().assertHeld("H1", "write-protecting for dirty logging");
    if (start < slot.baseGfn() || end > slot.gfnEnd() || start >= end) {
      throw new IllegalArgumentException(
          "gfn range [" + start + "," + end + ") is empty or outside slot " + slot.id());
    }
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

  /**
   * H5: a volatile entry, or any entry when the lock is only held for read (other writers then run
   * too), loses its Writable bit through an atomic fetch-and, which keeps whatever changed since
   * {@code old} was read. Only an entry nobody else can touch gets a plain store.
   */
  protected void clearWritable(Kvm kvm, EntryCursor leaf, long old) {
    EntryCodec codec = kvm.codec();
    if (kvm.mmuLock().heldMode() == LockMode.READ || isVolatile(codec, old)) {
      leaf.fetchAnd(~codec.writableMask());
    } else {
      leaf.store(old & ~codec.writableMask());
    }
  }

  /**
   * Whether something may change {@code entry} without the MMU lock: lockless aging may clear
   * Accessed on any present leaf; hardware may set Accessed while it is clear, and Dirty while the
   * entry is writable and not yet dirty.
   */
  public boolean isVolatile(EntryCodec codec, long entry) {
    if (!codec.present(entry)) {
      return false;
    }
    return locklessAging
        || !codec.accessed(entry)
        || (codec.writable(entry) && !codec.dirty(entry));
  }
}
