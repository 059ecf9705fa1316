package dev.walkspec.arch.x86.tdp;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Rcu;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.RootTypes;
import java.util.List;

/**
 * The TDP MMU aging walk that age and test_age share. It takes no MMU lock at all (H1): the only
 * protection is an RCU read section, entered once around the whole walk, inside which the valid
 * roots are listed with the RCU-safe iteration and their tables are read (H3). Every entry change
 * is one atomic read-modify-write (H4), and nothing but the Accessed state changes (H7).
 *
 * <p>Aging restricts itself to valid roots, as the kernel does: an invalid root is on its way out
 * and no vCPU loads it any more, so its accessed state tells nothing about the guest's working set.
 * Of those it visits the kinds the range's attr_filter selects ({@link RootTypes}: in a TDX VM the
 * mirror roots for PRIVATE, the direct ones for SHARED; elsewhere every root is direct).
 */
public abstract class TdpAging {
  private final boolean adEnabled;

  /**
   * @param adEnabled whether the entries use hardware Accessed/Dirty bits; if not, aging marks them
   *     for access tracking with a single compare-and-swap instead
   */
  protected TdpAging(boolean adEnabled) {
    this.adEnabled = adEnabled;
  }

  /** Whether this handler clears the hardware Accessed bit (true) or marks for access tracking. */
  public final boolean adEnabled() {
    return adEnabled;
  }

  /**
   * Ages, or with {@code testOnly} only tests, every leaf meeting {@code [start, end)} in the valid
   * roots of the slot's address space.
   */
  protected boolean walk(Kvm kvm, GfnRange range, boolean testOnly) {
    Rcu rcu = kvm.rcu();
    rcu.readLock();
    try {
      // H3: the root list is read inside the section that keeps the roots and their tables alive.
      return walkRoots(kvm, range, roots(kvm, range.slot().addressSpace()), testOnly);
    } finally {
      // H2: released on every path, the early test_age return included.
      rcu.readUnlock();
    }
  }

  /** The walk over {@code roots}; the caller is inside an RCU read section. */
  protected final boolean walkRoots(Kvm kvm, GfnRange range, List<Root> roots, boolean testOnly) {
    EntryCodec codec = kvm.codec();
    RootTypes types = RootTypes.of(kvm, range);
    boolean young = false;
    for (Root root : roots) {
      if (!types.includes(root)) {
        continue;
      }
      EntryCursor leaf = leaves(root, range);
      while (leaf.next()) {
        long old = leaf.load();
        // H6: the entry may have been zapped since the cursor found it; skip it quietly.
        if (!codec.present(old) || !codec.accessed(old)) {
          continue;
        }
        if (testOnly) {
          return true;
        }
        // H11: young is decided on the value read, so an update that then loses a race still
        // reports the mapping as young.
        young = true;
        ageLeaf(kvm, leaf, old);
      }
    }
    return young;
  }

  /** The roots aging visits: the valid ones, listed for a lockless reader (H3). */
  protected List<Root> roots(Kvm kvm, int addressSpace) {
    return kvm.mmu(addressSpace).rcuValidRoots();
  }

  /**
   * The leaves of {@code root} meeting the range, huge ones that start before {@code range.start}
   * or end after {@code range.end} included (H9); nothing outside it (H10).
   */
  protected EntryCursor leaves(Root root, GfnRange range) {
    return root.walk(range.start(), range.end());
  }

  /**
   * Clears the accessed state of one young leaf whose value was read as {@code old}.
   *
   * <p>With A/D bits: one atomic fetch-and of the Accessed bit (H4). It cannot erase a concurrent
   * change of any other bit, so a writer's update or the hardware's Dirty bit survives (H5).
   *
   * <p>Without A/D bits: one compare-and-swap from {@code old} to the access-tracked form. If it
   * fails, someone changed the entry meanwhile (most likely the guest touched it again); the
   * failure is tolerated, not retried, and the leaf still counts as young (H4, H11).
   */
  protected void ageLeaf(Kvm kvm, EntryCursor leaf, long old) {
    EntryCodec codec = kvm.codec();
    if (adEnabled) {
      leaf.fetchAnd(~codec.accessedMask());
    } else {
      leaf.compareAndSet(old, markForAccessTracking(codec, old));
    }
  }

  /**
   * The access-tracked form of an entry. The kernel also takes away the hardware permissions so the
   * next access faults; the simulated world has no such encoding, so the access-tracked form is the
   * entry with its accessed state cleared (what the next access sets again).
   */
  protected static long markForAccessTracking(EntryCodec codec, long entry) {
    return codec.clearAccessed(entry);
  }
}
