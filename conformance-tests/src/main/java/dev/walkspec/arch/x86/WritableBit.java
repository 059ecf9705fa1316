package dev.walkspec.arch.x86;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockMode;

/**
 * How x86's locked writers clear an entry's Writable bit (H5), the same for the TDP MMU's entries
 * and the shadow MMU's: with lockless aging, and hardware setting Accessed/Dirty without the lock,
 * an entry is volatile, and a writer must then update it with an atomic read-modify-write, or a
 * concurrent change made between its load and its store is lost.
 */
public final class WritableBit {
  private final boolean locklessAging;

  /**
   * @param locklessAging whether aging runs without the MMU lock, making every present leaf's
   *     Accessed bit subject to concurrent change
   */
  public WritableBit(boolean locklessAging) {
    this.locklessAging = locklessAging;
  }

  /**
   * H5: a volatile entry, or any entry when the lock is only held for read (other writers then run
   * too), loses its Writable bit through an atomic fetch-and, which keeps whatever changed since
   * {@code old} was read. Only an entry nobody else can touch gets a plain store.
   */
  public void clear(Kvm kvm, EntryCursor entry, long old) {
    EntryCodec codec = kvm.codec();
    if (kvm.mmuLock().heldMode() == LockMode.READ || isVolatile(codec, old)) {
      entry.fetchAnd(~codec.writableMask());
    } else {
      entry.store(old & ~codec.writableMask());
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
