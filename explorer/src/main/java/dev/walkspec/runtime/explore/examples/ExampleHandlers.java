package dev.walkspec.runtime.explore.examples;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.explore.Actors;
import java.util.List;
import org.apiguardian.api.API;

/**
 * EXAMPLES, not arch code: small handlers written for the explorer's scenario catalogue, correct
 * ones and ones with a planted bug (named so). Real handlers come from the arch code under test.
 */
@API(status = INTERNAL)
public final class ExampleHandlers {
  /**
   * A software bit of the x86 entry layout where access tracking keeps the Writable bit of an entry
   * whose accessed state is tracked without A/D bits (A/D disabled).
   */
  public static final long SAVED_WRITABLE = 1L << 54;

  private ExampleHandlers() {}

  /** Zaps the range in every root of the slot's address space; true if anything was mapped. */
  public static UnmapHandler unmap() {
    return (kvm, range) -> {
      boolean flush = false;
      for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
        flush |= root.zapRange(range.start(), range.end());
      }
      return flush;
    };
  }

  /** PLANTED BUG (H12): zaps like {@link #unmap()} but answers "no flush needed". */
  public static UnmapHandler unmapWithoutFlush() {
    return (kvm, range) -> {
      unmap().handle(kvm, range);
      return false;
    };
  }

  /**
   * Ages with an atomic fetch-and per leaf; locklessly inside an RCU read section over the RCU root
   * list, else over the roots the lock protects.
   */
  public static AgeHandler ageAtomic() {
    return (kvm, range) ->
        eachLeaf(
            kvm, range, (entry, codec) -> codec.accessed(entry.fetchAnd(~codec.accessedMask())));
  }

  /**
   * PLANTED BUG (H4, H5): clears Accessed with a plain load and store; without the lock a zap in
   * between is undone.
   */
  public static AgeHandler agePlainStore() {
    return (kvm, range) ->
        eachLeaf(
            kvm,
            range,
            (entry, codec) -> {
              long value = entry.load();
              if (!codec.accessed(value)) {
                return false;
              }
              entry.store(value & ~codec.accessedMask());
              return true;
            });
  }

  /**
   * PLANTED BUG (H5, H4): writes back the value the walk read, minus Accessed, with an exchange:
   * atomic, but not a read-modify-write, so a zap since the walk's read comes undone.
   */
  public static AgeHandler ageStaleExchange() {
    return (kvm, range) ->
        eachLeaf(
            kvm,
            range,
            (entry, codec) -> {
              long value = entry.value();
              if (!codec.accessed(value)) {
                return false;
              }
              entry.exchange(value & ~codec.accessedMask());
              return true;
            });
  }

  /**
   * Ages entries whose accessed state is tracked without A/D bits (A/D disabled): marks a young
   * entry for access tracking with one compare-and-swap that clears Accessed and Writable and saves
   * Writable in {@link #SAVED_WRITABLE}. A lost compare-and-swap counts as young and is not retried
   * (H4, H11). This changes a bit other than Accessed without the lock: the entry is volatile, so
   * writers holding the lock must update it atomically too (H5).
   */
  public static AgeHandler ageAccessTracking() {
    return (kvm, range) ->
        eachLeaf(
            kvm,
            range,
            (entry, codec) -> {
              long value = entry.value();
              if (!codec.accessed(value)) {
                return false;
              }
              long saved = codec.writable(value) ? SAVED_WRITABLE : 0;
              long tracked = (value & ~codec.accessedMask() & ~codec.writableMask()) | saved;
              entry.compareAndSet(value, tracked);
              return true;
            });
  }

  /**
   * Write-protects with one atomic fetch-and of Writable and the saved Writable bit: correct next
   * to lockless access tracking.
   */
  public static Actors.WriteProtect writeProtectAtomic() {
    return (entry, codec) -> entry.fetchAnd(~(codec.writableMask() | SAVED_WRITABLE));
  }

  /**
   * PLANTED BUG (H5): write-protects with a plain store of the value the walk read: under the lock
   * that used to be enough, but lockless aging may have changed the entry since (the upstream fix:
   * "Always update A/D-disabled SPTEs atomically").
   */
  public static Actors.WriteProtect writeProtectPlainStore() {
    return (entry, codec) -> entry.store(entry.value() & ~(codec.writableMask() | SAVED_WRITABLE));
  }

  /** One leaf's update: returns whether the leaf was young. */
  @FunctionalInterface
  interface LeafUpdate {
    boolean apply(EntryCursor entry, EntryCodec codec);
  }

  static boolean eachLeaf(Kvm kvm, GfnRange range, LeafUpdate update) {
    PageTables mmu = kvm.mmu(range.slot().addressSpace());
    EntryCodec codec = kvm.codec();
    boolean young = false;
    if (range.lockless()) {
      kvm.rcu().readLock();
    }
    try {
      List<Root> roots = range.lockless() ? mmu.rcuRoots() : mmu.roots();
      for (Root root : roots) {
        EntryCursor entry = root.walk(range.start(), range.end());
        while (entry.next()) {
          young |= update.apply(entry, codec);
        }
      }
    } finally {
      if (range.lockless()) {
        kvm.rcu().readUnlock();
      }
    }
    return young;
  }
}
