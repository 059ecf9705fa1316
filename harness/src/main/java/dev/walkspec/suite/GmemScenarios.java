package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.explore.Actors;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterDecision;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterRule;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.gmem.GuestMemfd;
import java.util.Objects;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The explored scenarios of the guest_memfd invalidation, which walks a file's bindings rather than
 * the memslots, so no generated walker plays it: the explorer's {@link
 * dev.walkspec.runtime.explore.GmemInvalidation} does, with the unmap handler under test as the
 * arch's kvm_unmap_gfn_range and a rule for its attr_filter. Judged, like invalidation-vs-vcpus, by
 * the standard invariants: H12 once the invalidation's begin returns, H13 for faults racing it.
 */
@API(status = INTERNAL)
public final class GmemScenarios {
  /** The hole punch over one shared page of an INIT_SHARED file in a TDX VM. */
  public static final String PUNCH_HOLE = "gmem-punch-hole";

  /** Preemptions explored: two, as for invalidation-vs-vcpus, whose shape this one has. */
  public static final int BOUND = 2;

  /** The slot the file backs: 16 pages at gfn 0x100. */
  static final MemSlot SLOT = new MemSlot(0, 1, 0x100, 16, HandlerWorld.HVA_BASE, 0);

  /** Where the slot's pages start in the file. */
  static final long PGOFF = 8;

  /** The file page punched out; it backs gfn 0x102 (0x100 + 10 - 8). */
  static final long PAGE = 10;

  /** The gfn of {@link #PAGE}. */
  public static final long GFN = 0x102;

  private GmemScenarios() {}

  /**
   * {@value #PUNCH_HOLE}: a TDX VM (x86_private with mirrored TDP) whose guest_memfd, created with
   * INIT_SHARED, backs a slot from file page 8 on; gfn 0x102 (file page 10) is mapped in the direct
   * root, and vCPU 0 has it in its TLB. The hole punch invalidates file page 10 (begin, then end)
   * with {@code unmap} and the attr_filter of {@code rule}, while vCPU 0 accesses the page and vCPU
   * 1 faults on it.
   *
   * <p>Upstream only TDX reads attr_filter and TDX refuses INIT_SHARED files, so this pairing does
   * not occur there today: it is the VM that honours the filter meeting a file of shared pages,
   * which is where the pre-fix rule (always PRIVATE) leaves the shared mapping behind.
   */
  public static Scenario punchHole(Supplier<? extends UnmapHandler> unmap, FilterRule rule) {
    Objects.requireNonNull(unmap, "unmap handler");
    Objects.requireNonNull(rule, "filter rule");
    Scenario.Builder b =
        Scenario.builder(PUNCH_HOLE)
            .source("GmemScenarios.punchHole(..., GmemInvalidation.FilterRule." + rule.name() + ")")
            .world(ArchProfile.X86_PRIVATE_MEMORY, w -> w.vcpus(2).mirroredTdp(true))
            .description(description("the " + rule.name() + " rule"));
    castPunchHole(b, unmap, rule);
    return b.build();
  }

  /** What {@value #PUNCH_HOLE} does, its attr_filter decided by {@code whose}. */
  static String description(String whose) {
    return "guest_memfd hole punch of file page "
        + PAGE
        + " (gfn 0x"
        + Long.toHexString(GFN)
        + ") of an INIT_SHARED file in a TDX VM, attr_filter by "
        + whose
        + ", while vCPU 0 uses a cached translation of the page and vCPU 1 faults on it";
  }

  /**
   * The setup and actors of {@value #PUNCH_HOLE} in a world with mirrored TDP (x86 TDX): the
   * handler suites cast it with the filter their spec's guest_memfd walk passes.
   */
  static void castPunchHole(
      Scenario.Builder b, Supplier<? extends GfnHandler> unmap, FilterDecision rule) {
    b.setup(
            world -> {
              world.createSlot(SLOT);
              GuestMemfd gmem = world.createGuestMemfd(true);
              gmem.bind(SLOT, PGOFF);
              world.withExclusiveLock(
                  () -> world.mmu(0).currentRoot().map(GFN, 1, 0x100000 + GFN, true, true, false));
              Actors.vcpuAccess(0, 0, GFN, false).accept(world);
            })
        // A fresh handler in every run, as the suites' scenarios make theirs.
        .actor(
            "punch-hole",
            world -> Actors.gmemInvalidation(0, PAGE, PAGE + 1, unmap.get(), rule).accept(world))
        .actor("vcpu0", Actors.vcpuAccess(0, 0, GFN, true))
        .actor("vcpu1", Actors.vcpuFault(1, 0, GFN, true));
  }
}
