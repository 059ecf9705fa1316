package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.runtime.api.WriteProtector;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.explore.Actors;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterDecision;
import dev.walkspec.runtime.explore.Scenario;
import dev.walkspec.runtime.mmu.AddressSpaceMmu;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.trace.TraceSink;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The concurrent scenarios of a handler suite, small enough for the explorer to exhaust every
 * schedule with up to two preemptions (one where one is enough, see {@link #preemptionBound}): the
 * generated walker runs the operation with the handler under test while other actors zap, fault,
 * touch and write-protect the same pages.
 */
@API(status = INTERNAL)
public final class ConcurrentScenarios {
  static final long HVA = HandlerWorld.HVA_BASE;
  static final int SLOT_PAGES = 1024;

  /** Runs the operation's generated walker (built from a context) on a scenario's inputs. */
  @FunctionalInterface
  public interface Walk {
    WalkResult run(WalkerContext context, dev.walkspec.semantics.Scenario inputs);
  }

  private final Binding binding;
  private final Supplier<? extends GfnHandler> handlers;
  private final Walk walk;
  private final Optional<Walk> endWalk;
  private final Optional<Supplier<? extends WriteProtector>> writer;

  /** The Java expression of the suite, for the regression tests counterexamples print. */
  private String suiteSource = "SUITE";

  /** The attr_filter the spec's guest_memfd invalidation passes, if it has one (G8). */
  private Optional<FilterDecision> gmemFilter = Optional.empty();

  ConcurrentScenarios(
      Binding binding,
      Supplier<? extends GfnHandler> handlers,
      Walk walk,
      Optional<Walk> endWalk,
      Optional<Supplier<? extends WriteProtector>> writer) {
    this.binding = binding;
    this.handlers = handlers;
    this.walk = walk;
    this.endWalk = endWalk;
    this.writer = writer;
  }

  /** The titles of the spec's obligations for the explorer's reports ("H3" -> "table lifetime"). */
  private Map<String, String> titles = Map.of();

  /** These scenarios' reports name obligations as the spec does. */
  ConcurrentScenarios titled(Map<String, Obligation> obligations) {
    Map<String, String> byId = new HashMap<>();
    obligations.forEach((id, o) -> byId.put(id, o.prose()));
    this.titles = Map.copyOf(byId);
    return this;
  }

  /**
   * The guest_memfd scenario runs with the filter the spec's walk over bindings decides (absent:
   * the spec has no such walk, and the scenario is not explored).
   */
  ConcurrentScenarios withGmemFilter(Optional<FilterDecision> filter) {
    this.gmemFilter = filter;
    return this;
  }

  /** These scenarios, printed as {@code SUITE_EXPRESSION.scenario("NAME")} in regression tests. */
  ConcurrentScenarios sourcedFrom(String suiteExpression) {
    this.suiteSource = suiteExpression;
    return this;
  }

  /**
   * The scenarios a suite may explore: each one's name, preemption bound, what happens in it, and
   * who acts. Freeing a root during an unmap's yield needs one preemption: the teardown runs whole
   * while the notifier waits for the lock (blocked steps cost no preemption), and a second would
   * only multiply the schedules of a 40-page zap; the others get two.
   */
  enum Shape {
    AGING_VS_ZAP(
        "aging-vs-zap",
        2,
        "the walk ages pages 0-3 while a zapper removes page 1 under the lock and a vCPU writes"
            + " page 3") {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        b.setup(pages(0, 4, true))
            .actor("walk", s.walker(0, 4, false))
            .actor("zap", Actors.zapper(0, 1, 2))
            .actor("vcpu", Actors.vcpuAccess(0, 0, 3, true));
      }
    },
    AGING_VS_TABLE_FREE(
        "aging-vs-table-free",
        2,
        "the walk ages pages 512-515 while a zapper unlinks and frees their table") {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        b.setup(pages(512, 516, true))
            .actor("walk", s.walker(512, 516, false))
            .actor("zap", Actors.tableZapper(0, 512, 1024));
      }
    },
    AGING_VS_WRITE_PROTECT(
        "aging-vs-write-protect",
        2,
        "the walk ages pages 0-1 while the arch's writer write-protects them and a vCPU writes"
            + " page 1") {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        b.setup(pages(0, 2, true))
            .actor("walk", s.walker(0, 2, false))
            .actor("wrprot", s.writeProtect(0, 2))
            .actor("vcpu", Actors.vcpuAccess(0, 0, 1, true));
      }
    },
    INVALIDATION_VS_VCPUS(
        "invalidation-vs-vcpus",
        2,
        "invalidate_range_start and _end over pages 0-3 while vCPU 0 uses a cached translation"
            + " and vCPU 1 faults") {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        b.setup(pages(0, 4, true).andThen(Actors.vcpuAccess(0, 0, 1, false)))
            .actor("notifier", s.walker(0, 4, false).andThen(s.endWalker(0, 4)))
            .actor("vcpu0", Actors.vcpuAccess(0, 0, 1, true))
            .actor("vcpu1", Actors.vcpuFault(1, 0, 2, true));
      }
    },
    UNMAP_MANY_PAGES(
        "unmap-many-pages", 2, "the walk unmaps 40 mapped pages with may_block false") {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        b.setup(pages(0, 40, true)).actor("notifier", s.walker(0, 40, false));
      }
    },
    UNMAP_VS_ROOT_FREE(
        "unmap-vs-root-free",
        1,
        "the walk unmaps 40 pages mapped in the current root and in an invalid one, with"
            + " may_block, while the invalid root is freed") {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        if (RuntimeProfiles.freesRootsWhileRunning(s.binding.profile())) {
          b.setup(pages(0, 40, true).andThen(invalidRootWith(0, 40)))
              .actor("notifier", s.walker(0, 40, true))
              .actor("teardown", Actors.invalidRootFreer(0));
        } else {
          // Four pages: riscv's walk yields after each, and every step is a preemption point.
          b.setup(pages(0, 4, true))
              .actor("notifier", s.walker(0, 4, true))
              .actor("teardown", Actors.pageTableTeardown(0));
        }
      }

      /**
       * Where roots live as long as the VM, the root freed is the VM's own, at teardown: the
       * release of the MMU notifier (kvm_arch_flush_shadow_all) may run while a blockable
       * invalidation has yielded the lock; RISC-V's use-after-free (fixed by dec9ed994434) was that
       * race.
       */
      @Override
      String description(ConcurrentScenarios s) {
        return RuntimeProfiles.freesRootsWhileRunning(s.binding.profile())
            ? description
            : "the walk unmaps 4 mapped pages, with may_block, while the VM's page tables are"
                + " torn down (kvm_arch_flush_shadow_all frees the stage-2 root)";
      }
    },
    GMEM_PUNCH_HOLE(
        GmemScenarios.PUNCH_HOLE,
        2,
        GmemScenarios.description("the spec's guest_memfd walk (C6, G8)")) {
      @Override
      void cast(ConcurrentScenarios s, Scenario.Builder b) {
        GmemScenarios.castPunchHole(b, s.handlers, s.gmemFilter.orElseThrow());
      }

      /** A TDX VM: mirror roots for private memory beside the direct roots (RootTypes). */
      @Override
      World.Builder configure(World.Builder world) {
        return world.mirroredTdp(true);
      }
    };

    final String label;
    final int bound;
    final String description;

    Shape(String label, int bound, String description) {
      this.label = label;
      this.bound = bound;
      this.description = description;
    }

    /** Adds the setup and the actors of this scenario to {@code b}. */
    abstract void cast(ConcurrentScenarios s, Scenario.Builder b);

    /** The world the scenario needs beyond the suite's (a TDX VM for the guest_memfd one). */
    World.Builder configure(World.Builder world) {
      return world;
    }

    /** What happens in this scenario, for the suite {@code s}. */
    String description(ConcurrentScenarios s) {
      return description;
    }

    /** The shape a scenario name (with or without the shadow suffix) names. */
    static Optional<Shape> of(String name) {
      String base =
          name.endsWith(SHADOW_SUFFIX)
              ? name.substring(0, name.length() - SHADOW_SUFFIX.length())
              : name;
      return Arrays.stream(values()).filter(v -> v.label.equals(base)).findFirst();
    }
  }

  /** The preemptions the explorer allows in the scenario {@code name} ({@link Shape}). */
  static int preemptionBound(String scenario) {
    return Shape.of(scenario).map(s -> s.bound).orElse(2);
  }

  /**
   * The name suffix of a scenario run in a VM with shadow pages alone (the shadow MMU does all the
   * work); without it, a scenario runs in a VM with the TDP MMU alone.
   */
  static final String SHADOW_SUFFIX = "-shadow";

  /**
   * The scenario names this suite explores, for its kind of handler: each scenario in each VM the
   * explorer runs the profile in ({@link RuntimeProfiles#exploredVms}).
   */
  List<String> names(String kind) {
    List<String> names = new ArrayList<>();
    for (Mmus vm : RuntimeProfiles.exploredVms(binding.profile())) {
      String suffix = vm == Mmus.SHADOW ? SHADOW_SUFFIX : "";
      baseNames(kind, vm).forEach(name -> names.add(name + suffix));
    }
    return names;
  }

  private List<String> baseNames(String kind, Mmus vm) {
    List<Shape> shapes = new ArrayList<>();
    if (kind.equals("unmap")) {
      if (endWalk.isPresent()) {
        shapes.add(Shape.INVALIDATION_VS_VCPUS);
      }
      shapes.add(Shape.UNMAP_MANY_PAGES);
      // Freed roots are TDP (stage-2) roots: the shadow MMU's pages are reached through the
      // reverse maps, which the lock keeps current across a yield. x86 frees invalid roots while
      // the VM runs; arm64 and riscv, whose unmaps yield, free the VM's root at teardown (issue 17
      // item 6). LoongArch's and s390's unmaps never give up the lock (their H14 findings), so
      // nothing can be freed under them and the scenario would only cost time.
      if (vm == Mmus.TDP && RuntimeProfiles.unmapMayYield(binding.profile())) {
        shapes.add(Shape.UNMAP_VS_ROOT_FREE);
      }
      // The guest_memfd invalidation (C6) calls the same unmap handler, in a TDX VM where
      // attr_filter picks mirror or direct roots; only there does the filter decide anything.
      if (vm == Mmus.TDP
          && gmemFilter.isPresent()
          && SpecGmemFilter.explored(binding.profile(), kind)) {
        shapes.add(Shape.GMEM_PUNCH_HOLE);
      }
    } else {
      shapes.add(Shape.AGING_VS_ZAP);
      shapes.add(Shape.AGING_VS_TABLE_FREE);
      if (writer.isPresent()) {
        shapes.add(Shape.AGING_VS_WRITE_PROTECT);
      }
    }
    return shapes.stream().map(shape -> shape.label).toList();
  }

  Scenario scenario(String name) {
    Mmus vm = name.endsWith(SHADOW_SUFFIX) ? Mmus.SHADOW : Mmus.TDP;
    Shape shape =
        Shape.of(name)
            .orElseThrow(
                () -> new IllegalArgumentException("no concurrent scenario named " + name));
    if (!RuntimeProfiles.exploredVms(binding.profile()).contains(vm)) {
      throw new IllegalArgumentException(
          "no concurrent scenario named "
              + name
              + " on "
              + binding.profile().name()
              + ", whose VMs have no "
              + vm.describe());
    }
    Scenario.Builder b =
        Scenario.builder(name)
            .source(suiteSource + ".scenario(\"" + name + "\")")
            .world(RuntimeProfiles.of(binding.profile()), w -> shape.configure(w.vcpus(2).mmus(vm)))
            .titles(titles)
            .description(
                binding.displayName()
                    + ": "
                    + shape.description(this)
                    + (vm == Mmus.SHADOW ? " (a VM with the shadow MMU alone)" : ""));
    if (binding.fixedFlags().getOrDefault("lockless", false)
        && titles.containsKey(Judges.UNCAUGHT_WHEN_LOCKLESS)) {
      b.uncaughtExceptionBreaks(Judges.UNCAUGHT_WHEN_LOCKLESS);
    }
    shape.cast(this, b);
    return b.build();
  }

  /**
   * A slot of 1024 pages at gfn 0, with [from, to) mapped (young) in the current root of the VM's
   * structure (a TDP root, or a shadow root, whose leaves the reverse maps list).
   */
  private static Consumer<World> pages(long from, long to, boolean young) {
    return world -> {
      world.createSlot(new MemSlot(0, 1, 0, SLOT_PAGES, HVA, 0));
      world.withExclusiveLock(
          () -> {
            AddressSpaceMmu mmu = world.mmu(0);
            RadixRoot root = mmu.rootFor(world.mmus() == Mmus.SHADOW);
            for (long gfn = from; gfn < to; gfn++) {
              root.map(gfn, 1, 0x100000 + gfn, true, young, false);
            }
          });
    };
  }

  /**
   * [from, to) mapped (young) in a second root that is already invalid: a handler that gives up the
   * lock while walking it, or while walking the current root before it, may find it freed when it
   * comes back (H3).
   */
  private static Consumer<World> invalidRootWith(long from, long to) {
    return world -> {
      world.withExclusiveLock(
          () -> {
            AddressSpaceMmu mmu = world.mmu(0);
            RadixRoot old = mmu.newRoot();
            for (long gfn = from; gfn < to; gfn++) {
              old.map(gfn, 1, 0x100000 + gfn, true, true, false);
            }
            mmu.invalidate(old);
          });
    };
  }

  /** The generated walker over gfns [from, to) of the slot, with the handler under test. */
  private Consumer<World> walker(long from, long to, boolean mayBlock) {
    return world -> walk.run(context(world, onLock()), inputs(from, to, mayBlock));
  }

  private Consumer<World> endWalker(long from, long to) {
    return world ->
        endWalk.get().run(context(world, named("invalidate_end")), inputs(from, to, false));
  }

  private dev.walkspec.semantics.Scenario inputs(long from, long to, boolean mayBlock) {
    return new dev.walkspec.semantics.Scenario(
        "explore",
        binding.profile().name(),
        Map.of(),
        Optional.of(binding.operation().id().text()),
        binding.paramFlags().contains("may_block") ? Map.of("may_block", mayBlock) : Map.of(),
        true,
        false,
        HVA + from * Pages.SIZE,
        HVA + to * Pages.SIZE,
        List.of(),
        List.of());
  }

  /** What the walk hands the handler: checked calls (H1, H2, H8), and C1's range recording. */
  private WalkerContext context(World world, OnLockCallback onLock) {
    GfnHandler handler = handlers.get();
    boolean recordsRange = binding.handlerKind().filter("unmap"::equals).isPresent();
    GfnHandler checked =
        (kvm, range) -> {
          if (recordsRange) {
            kvm.invalidation().addRange(range.start(), range.end());
          }
          return kvm.callHandler(handler, range);
        };
    return new WalkerContext(
        world,
        Map.of(),
        true,
        true,
        checked,
        (kvm, range) -> checked.handle(kvm, range) ? 1 : 0,
        onLock,
        checked,
        (kvm, range) -> checked.handle(kvm, range) ? 1 : 0,
        TraceSink.OFF);
  }

  private OnLockCallback onLock() {
    return named(
        WalkerRoles.of(binding.walker()).onLockSlot().flatMap(binding::callback).orElse(""));
  }

  /** The on_lock callbacks the model knows by name: the invalidation bookkeeping of C1/C2. */
  static OnLockCallback named(String callback) {
    return switch (callback) {
      // invalidate_start: the name queued upstream for invalidate_begin (next-invalidate-start).
      case "invalidate_begin", "invalidate_start" -> kvm -> kvm.invalidation().begin();
      case "invalidate_end" -> kvm -> kvm.invalidation().end();
      default -> kvm -> {};
    };
  }

  /** The arch's writer, the way dirty logging runs it: under the MMU lock, then a flush. */
  private Consumer<World> writeProtect(long from, long to) {
    return world -> {
      WriteProtector w = writer.orElseThrow().get();
      LockMode mode = world.mmuLock().kind().exclusiveMode();
      world.mmuLock().acquire(mode);
      boolean flush;
      try {
        flush = w.writeProtect(world, world.memslotStore().peek(0).byId(1), from, to);
      } finally {
        world.mmuLock().release(mode);
      }
      if (flush) {
        world.flushRemoteTlbs();
      }
    };
  }
}
