package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.GmemBinding;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.gmem.GuestMemfd;
import dev.walkspec.runtime.world.World;
import org.apiguardian.api.API;

/**
 * The guest_memfd invalidation of a range of file pages, as virt/kvm/guest_memfd.c runs it around a
 * hole punch, a memory error or the file's release (__kvm_gmem_invalidate_begin and _end, one
 * per-VM file; the inode-level wrapper that loops over the VMs' files is not modelled). The caller
 * holds the file's invalidate lock upstream, so the bindings do not change between begin and end.
 *
 * <p>Begin walks the bindings holding a page of {@code [start, end)} in page-offset order. At the
 * first one it takes the MMU lock for write and begins the invalidation (the lock is taken lazily:
 * a range with no binding touches neither). For each binding it hands the unmap handler the gfns
 * that binding backs ({@link GfnRange#forGmem}: may_block, the attr_filter the rule decided once
 * for the file), through the generic unmap step, which records the range for the fault path's retry
 * check before the arch unmap runs (range_add, then unmap). The results are ORed; if any asked for
 * it, remote TLBs are flushed while the lock is still held; then the lock is dropped.
 *
 * <p>End, if any binding holds a page of the range, takes the lock for write, ends the invalidation
 * and drops the lock.
 *
 * <p>Between the two the kernel truncates the punched pages; the simulated world has no page cache,
 * so nothing happens there.
 */
@API(status = INTERNAL)
public final class GmemInvalidation {
  private GmemInvalidation() {}

  /**
   * How the invalidation decides its attr_filter for a file: one of the kernel's rules below, or
   * what a spec's guest_memfd walk passes (the conformance suites ask the spec).
   */
  @FunctionalInterface
  public interface FilterDecision {
    /** The attr_filter of every range an invalidation of {@code gmem} hands its handler. */
    AttrFilter filterFor(GuestMemfd gmem);

    /** {@code initShared} for a file created with INIT_SHARED, {@code other} for the rest. */
    static FilterDecision of(AttrFilter initShared, AttrFilter other) {
      return gmem -> gmem.initShared() ? initShared : other;
    }
  }

  /** The kernel's rules for the attr_filter of a file. */
  public enum FilterRule implements FilterDecision {
    /**
     * Since 5d3341d684be (Oct 2025, "Invalidate SHARED GPAs if gmem supports INIT_SHARED"): SHARED
     * for a file created with GUEST_MEMFD_FLAG_INIT_SHARED, whose pages are all shared, PRIVATE
     * otherwise; never both.
     */
    FIXED {
      @Override
      public AttrFilter filterFor(GuestMemfd gmem) {
        return gmem.initShared() ? AttrFilter.SHARED : AttrFilter.PRIVATE;
      }
    },
    /**
     * Before that fix (from the commit that introduced attr_filter): always PRIVATE, so an
     * INIT_SHARED file's shared mappings were left in place when its pages were punched out. Latent
     * upstream, since only TDX reads the filter and TDX refuses INIT_SHARED; a VM that honours the
     * filter and has such a file keeps stale mappings.
     */
    PRE_FIX {
      @Override
      public AttrFilter filterFor(GuestMemfd gmem) {
        return AttrFilter.PRIVATE;
      }
    }
  }

  /**
   * Begin: unmaps what the bindings of {@code gmem} map of file pages {@code [start, end)} with
   * {@code unmap}, as described above. Returns whether a binding was found (the lock was taken).
   */
  public static boolean begin(
      World world, GuestMemfd gmem, long start, long end, GfnHandler unmap, FilterDecision rule) {
    AttrFilter filter = rule.filterFor(gmem);
    LockMode mode = world.mmuLock().kind().exclusiveMode();
    // kvm_mmu_unmap_gfn_range: the range is recorded before the arch unmap runs (H13).
    GfnHandler recordThenUnmap =
        (kvm, range) -> {
          kvm.invalidation().addRange(range.start(), range.end());
          return unmap.handle(kvm, range);
        };
    boolean found = false;
    boolean flush = false;
    for (GmemBinding binding : gmem.bindingsIn(start, end)) {
      GfnRange range = GfnRange.forGmem(binding, start, end, filter);
      if (!found) {
        found = true;
        world.mmuLock().acquire(mode);
        world.invalidation().begin();
      }
      flush |= world.callBindingHandler(recordThenUnmap, range, gmem);
    }
    if (flush) {
      world.flushRemoteTlbs();
    }
    if (found) {
      world.mmuLock().release(mode);
    }
    return found;
  }

  /** End: ends the invalidation under the lock if a binding holds a page of the range. */
  public static void end(World world, GuestMemfd gmem, long start, long end) {
    if (!gmem.anyBindingIn(start, end)) {
      return;
    }
    LockMode mode = world.mmuLock().kind().exclusiveMode();
    world.mmuLock().acquire(mode);
    world.invalidation().end();
    world.mmuLock().release(mode);
  }
}
