package dev.walkspec.runtime.mmu;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.PageTables;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.SlotRmap;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Shared;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The page tables of one address space, in two separate structures as x86 has them: the TDP MMU's
 * roots, a copy-on-write list (so lockless readers can iterate a stable snapshot inside an RCU
 * section) that the handler API lists; and the shadow MMU's pages, whose leaves, and only those,
 * are listed by one reverse map per slot. Which of the two exist is the world's {@link Mmus}; every
 * arch but x86 has the first alone (its stage-2 tables).
 */
@API(status = INTERNAL)
public final class AddressSpaceMmu implements PageTables, Shared {
  private final int addressSpace;
  private final MmuContext ctx;
  private final Mmus mmus;
  private volatile List<Root> all = List.of();
  private volatile List<Root> valid = List.of();
  private volatile List<RadixRoot> shadowRoots = List.of();
  private volatile SlotRmapImpl[] rmaps = new SlotRmapImpl[0];
  private final String lockedIteration;
  private final String lockedValidIteration;
  private final String rcuIteration;
  private final String rcuValidIteration;

  public AddressSpaceMmu(int addressSpace, MmuContext ctx, Mmus mmus) {
    this.addressSpace = addressSpace;
    this.ctx = ctx;
    this.mmus = mmus;
    this.lockedIteration = "iterating the roots of as " + addressSpace + " (lockless: rcuRoots)";
    this.lockedValidIteration =
        "iterating the valid roots of as " + addressSpace + " (lockless: rcuValidRoots)";
    this.rcuIteration = "iterating the roots of as " + addressSpace + " locklessly";
    this.rcuValidIteration = "iterating the valid roots of as " + addressSpace + " locklessly";
  }

  @Override
  public int addressSpace() {
    return addressSpace;
  }

  @Override
  public String sharedName() {
    return "roots[as " + addressSpace + "]";
  }

  @Override
  public List<Root> roots() {
    ctx.lock.assertHeld("H3", lockedIteration);
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    return all;
  }

  @Override
  public List<Root> validRoots() {
    ctx.lock.assertHeld("H3", lockedValidIteration);
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    return valid;
  }

  @Override
  public List<Root> rcuRoots() {
    ctx.rcu.assertInReadSection("H3", rcuIteration);
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    return all;
  }

  @Override
  public List<Root> rcuValidRoots() {
    ctx.rcu.assertInReadSection("H3", rcuValidIteration);
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    return valid;
  }

  /** Which structures this VM has. */
  public Mmus mmus() {
    return mmus;
  }

  /**
   * Every TDP root right now, without a yield point or lock check (for monitors and diagnostics).
   */
  public List<Root> peekRoots() {
    return all;
  }

  /** Every shadow root right now, without a yield point or lock check. */
  public List<RadixRoot> peekShadowRoots() {
    return shadowRoots;
  }

  /**
   * Every root of both structures, TDP roots (invalid ones included) first, for the world's own
   * writers (zaps, write-protection, teardown); needs the MMU lock held (any mode).
   */
  public List<RadixRoot> allRoots() {
    ctx.lock.assertHeld("H3", lockedIteration);
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    return peekAllRoots();
  }

  /** Every root of both structures right now, TDP first, without a yield point or lock check. */
  public List<RadixRoot> peekAllRoots() {
    List<RadixRoot> every = new ArrayList<>();
    all.forEach(r -> every.add((RadixRoot) r));
    every.addAll(shadowRoots);
    return every;
  }

  /**
   * The first valid direct TDP root, for a vCPU loading its MMU; the caller is in an RCU section.
   * Null when there is none (none yet, or a VM without the TDP MMU). A mirror root is never loaded
   * here: in a TDX VM the vCPU reaches private memory through the S-EPT that the mirror root
   * mirrors, which this world does not model; its accesses are to shared memory, through the direct
   * root.
   */
  public RadixRoot currentRoot() {
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    for (Root root : valid) {
      if (!root.mirror()) {
        return (RadixRoot) root;
      }
    }
    return null;
  }

  /** The first shadow root, for a vCPU that runs on shadow pages; null when there is none. */
  public RadixRoot currentShadowRoot() {
    ctx.sched.yieldPoint(Op.LOAD, this, -1);
    List<RadixRoot> snapshot = shadowRoots;
    return snapshot.isEmpty() ? null : snapshot.get(0);
  }

  /** The root a vCPU walks: a shadow root or a TDP root, as the world's {@link Mmus} says. */
  public RadixRoot rootFor(boolean shadow) {
    return shadow ? currentShadowRoot() : currentRoot();
  }

  /** Allocates a new valid TDP root; needs the lock exclusively (H7). */
  public RadixRoot newRoot() {
    ctx.checkStructural("allocating a root in as " + addressSpace);
    if (!mmus.tdp()) {
      throw new IllegalStateException(
          "this VM has no TDP MMU (" + mmus.describe() + "): it has no TDP roots");
    }
    return publishNew(new RadixRoot(ctx.nextRootId(), this, ctx, false, false));
  }

  /**
   * Allocates a new valid mirror TDP root (an x86 TDX VM's mirror of its private S-EPT tables),
   * listed after the direct roots that exist; needs the lock exclusively (H7). Only a VM with
   * mirrored TDP has one.
   */
  public RadixRoot newMirrorRoot() {
    ctx.checkStructural("allocating a mirror root in as " + addressSpace);
    if (mmus != Mmus.TDP) {
      throw new IllegalStateException(
          "mirror roots belong to a TDX VM, whose only structure is the TDP MMU; this VM has the "
              + mmus.describe());
    }
    return publishNew(new RadixRoot(ctx.nextRootId(), this, ctx, false, false, true));
  }

  /**
   * Allocates a nested stage-2 table (arm64 nested virtualization: the stage 2 that KVM builds for
   * an L2 guest, mapping its IPAs to host pages), listed after the VM's own root so vCPUs keep
   * using that one; needs the lock exclusively (H7). Its index is the L2 guest's IPA, not a gfn of
   * this address space.
   */
  public RadixRoot newNestedRoot() {
    ctx.checkStructural("allocating a nested stage-2 root in as " + addressSpace);
    if (!mmus.tdp()) {
      throw new IllegalStateException(
          "this VM has no two-dimensional tables (" + mmus.describe() + "): no nested stage 2");
    }
    return publishNew(new RadixRoot(ctx.nextRootId(), this, ctx, false, true));
  }

  private RadixRoot publishNew(RadixRoot root) {
    List<Root> more = new ArrayList<>(all);
    more.add(root);
    publish(more);
    return root;
  }

  /**
   * Allocates a new shadow root, whose leaves the reverse maps list; needs the lock exclusively
   * (H7).
   */
  public RadixRoot newShadowRoot() {
    ctx.checkStructural("allocating a shadow root in as " + addressSpace);
    if (!mmus.shadow()) {
      throw new IllegalStateException(
          "this VM has no shadow MMU (" + mmus.describe() + "): it has no shadow pages");
    }
    RadixRoot root = new RadixRoot(ctx.nextRootId(), this, ctx, true, false);
    ctx.sched.yieldPoint(Op.STORE, this, -1);
    List<RadixRoot> more = new ArrayList<>(shadowRoots);
    more.add(root);
    shadowRoots = List.copyOf(more);
    return root;
  }

  /** A root of the kind a vCPU uses, allocated if none exists; needs the lock exclusively. */
  public RadixRoot newRootFor(boolean shadow) {
    return shadow ? newShadowRoot() : newRoot();
  }

  /**
   * Zaps {@code [startGfn, endGfn)} in every root of both structures (invalid TDP roots included),
   * as the kernel's zap of a gfn range does; needs the lock exclusively (H7). Returns whether a
   * present leaf was removed, so TLBs must be flushed.
   */
  public boolean zapGfnRange(long startGfn, long endGfn) {
    boolean removed = false;
    for (RadixRoot root : allRoots()) {
      removed |= root.zapRange(startGfn, endGfn);
    }
    return removed;
  }

  /** Marks a root invalid: no new vCPU uses it, but its mappings stay until zapped (C1). */
  public void invalidate(RadixRoot root) {
    ctx.checkStructural("invalidating root " + root.id());
    requireOwn(root);
    root.invalidate();
    publish(new ArrayList<>(all));
  }

  /** Removes an invalid root, zaps its leaves and frees its pages after a grace period. */
  public void free(RadixRoot root) {
    ctx.checkStructural("freeing root " + root.id());
    requireOwn(root);
    if (root.valid()) {
      throw new IllegalArgumentException(
          "root " + root.id() + " is still valid: invalidate it before freeing it");
    }
    List<Root> fewer = new ArrayList<>(all);
    fewer.remove(root);
    publish(fewer);
    root.releaseAll();
  }

  @Override
  public boolean hasRmaps() {
    return mmus.shadow();
  }

  @Override
  public SlotRmap rmap(MemSlot slot) {
    if (!mmus.shadow()) {
      throw new IllegalStateException(
          "this VM keeps no reverse maps: it has no shadow MMU pages ("
              + mmus.describe()
              + "); ask hasRmaps() first");
    }
    for (SlotRmapImpl rmap : rmaps) {
      if (rmap.slot().equals(slot)) {
        return rmap;
      }
    }
    throw new IllegalStateException(
        "slot "
            + slot.id()
            + " of as "
            + addressSpace
            + " has no reverse map (unknown or deleted)");
  }

  /** Creates the reverse map of a new slot (before the slot is published). */
  public void addRmap(MemSlot slot) {
    if (!mmus.shadow()) {
      return;
    }
    synchronized (this) {
      SlotRmapImpl[] more = Arrays.copyOf(rmaps, rmaps.length + 1);
      more[rmaps.length] = new SlotRmapImpl(slot, ctx);
      Arrays.sort(more, Comparator.comparingLong(r -> r.slot().baseGfn()));
      rmaps = more;
    }
  }

  /** Drops the reverse map of a deleted slot (after its mappings were zapped). */
  public void removeRmap(MemSlot slot) {
    if (!mmus.shadow()) {
      return;
    }
    synchronized (this) {
      rmaps = Arrays.stream(rmaps).filter(r -> !r.slot().equals(slot)).toArray(SlotRmapImpl[]::new);
    }
  }

  void rmapAdd(long gfn, int level, long ref) {
    SlotRmapImpl rmap = rmapFor(gfn, level);
    if (rmap != null) {
      rmap.add(gfn, level, ref);
    }
  }

  void rmapRemove(long gfn, int level, long ref) {
    SlotRmapImpl rmap = rmapFor(gfn, level);
    if (rmap != null) {
      rmap.remove(gfn, level, ref);
    }
  }

  private SlotRmapImpl rmapFor(long gfn, int level) {
    SlotRmapImpl[] snapshot = rmaps;
    int lo = 0;
    int hi = snapshot.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      MemSlot slot = snapshot[mid].slot();
      if (gfn < slot.baseGfn()) {
        hi = mid - 1;
      } else if (gfn >= slot.gfnEnd()) {
        lo = mid + 1;
      } else {
        return snapshot[mid].covers(gfn, level) ? snapshot[mid] : null;
      }
    }
    return null;
  }

  private void publish(List<Root> roots) {
    ctx.sched.yieldPoint(Op.STORE, this, -1);
    List<Root> validOnes = new ArrayList<>();
    for (Root root : roots) {
      if (root.valid()) {
        validOnes.add(root);
      }
    }
    valid = List.copyOf(validOnes);
    all = List.copyOf(roots);
  }

  private void requireOwn(RadixRoot root) {
    if (!all.contains(root)) {
      throw new IllegalArgumentException(
          "root " + root.id() + " is not a root of as " + addressSpace);
    }
  }
}
