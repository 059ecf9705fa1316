package dev.walkspec.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.trace.RecordingTraceSink;
import dev.walkspec.runtime.trace.TraceSink;
import dev.walkspec.runtime.vcpu.Vcpu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callers C1-C4 through a walker written against the api only, on a world with aliases. */
class SampleWalkerTest {
  private static final long A = 0x7f00_0000_0000L;
  private static final SampleWalker.Flags C1 = new SampleWalker.Flags(true, true, false);
  private static final SampleWalker.Flags C2 = new SampleWalker.Flags(false, true, false);
  private static final SampleWalker.Flags C4_LOCKLESS = new SampleWalker.Flags(false, false, true);

  static final UnmapHandler UNMAP =
      (kvm, range) -> {
        kvm.invalidation().addRange(range.start(), range.end());
        boolean flush = false;
        for (Root root : kvm.mmu(range.slot().addressSpace()).roots()) {
          flush |= root.zapRange(range.start(), range.end());
        }
        return flush;
      };

  static final AgeHandler LOCKLESS_AGE =
      (kvm, range) -> {
        kvm.rcu().readLock();
        try {
          boolean young = false;
          for (Root root : kvm.mmu(range.slot().addressSpace()).rcuValidRoots()) {
            young |= root.ageRange(range.start(), range.end());
          }
          return young;
        } finally {
          kvm.rcu().readUnlock();
        }
      };

  private World world;
  private Vcpu vcpu;
  private final RecordingTraceSink sink = new RecordingTraceSink();

  @BeforeEach
  void setUp() {
    world = World.builder(ArchProfile.X86).hugePages(false).build();
    world.createSlot(new MemSlot(0, 2, 100, 16, A, 0));
    world.createSlot(new MemSlot(0, 1, 0, 16, A, 0));
    world.createSlot(new MemSlot(1, 3, 0, 16, A + 8 * Pages.SIZE, 0));
    vcpu = world.vcpu(0);
    vcpu.access(0, 5, true);
  }

  @Test
  void c1UnmapVisitsAliasesInTreeOrderFlushesAndLeavesNothingReachable() {
    SampleWalker.Result result =
        SampleWalker.walk(
            world,
            A + 4 * Pages.SIZE,
            A + 10 * Pages.SIZE,
            0,
            "unmap",
            UNMAP,
            "invalidate_begin",
            kvm -> kvm.invalidation().begin(),
            C1,
            sink);
    assertThat(sink.lines())
        .containsExactly(
            "SRCU_LOCK",
            "LOCK write",
            "ON_LOCK invalidate_begin",
            "CALL as=0 slot=1 gfn=[4,10) -> true",
            "CALL as=0 slot=2 gfn=[104,110) -> false",
            "CALL as=1 slot=3 gfn=[0,2) -> false",
            "FLUSH",
            "UNLOCK write",
            "SRCU_UNLOCK",
            "RESULT ret=true found_memslot=true");
    assertThat(result).isEqualTo(new SampleWalker.Result(true, true));
    assertThat(vcpu.tlb().maps(0, 5)).as("H12").isFalse();
    assertThat(world.invalidation().inProgress()).isEqualTo(1);
    assertThat(world.invalidation().rangeStart()).isEqualTo(0);
    assertThat(world.invalidation().rangeEnd()).isEqualTo(110);

    sink.clear();
    SampleWalker.walk(
        world,
        A + 4 * Pages.SIZE,
        A + 10 * Pages.SIZE,
        0,
        "null",
        null,
        "invalidate_end",
        kvm -> kvm.invalidation().end(),
        C2,
        sink);
    assertThat(sink.lines())
        .containsExactly(
            "SRCU_LOCK",
            "LOCK write",
            "ON_LOCK invalidate_end",
            "UNLOCK write",
            "SRCU_UNLOCK",
            "RESULT ret=false found_memslot=true");
    assertThat(world.invalidation().inProgress()).isZero();
  }

  @Test
  void c4LocklessAgingTakesNoLockAndReportsYoung() {
    SampleWalker.Result first =
        SampleWalker.walk(
            world, A, A + 16 * Pages.SIZE, 0, "age", LOCKLESS_AGE, null, null, C4_LOCKLESS, sink);
    assertThat(sink.lines())
        .containsExactly(
            "SRCU_LOCK",
            "CALL as=0 slot=1 gfn=[0,16) -> true",
            "CALL as=0 slot=2 gfn=[100,116) -> false",
            "CALL as=1 slot=3 gfn=[0,8) -> false",
            "SRCU_UNLOCK",
            "RESULT ret=true found_memslot=true");
    assertThat(first.ret()).isTrue();
    SampleWalker.Result second =
        SampleWalker.walk(
            world, A, A + 1, 0, "age", LOCKLESS_AGE, null, null, C4_LOCKLESS, TraceSink.OFF);
    assertThat(second).isEqualTo(new SampleWalker.Result(false, true));
  }

  @Test
  void w12WalkResultReadsRetAsABooleanOrAnInt() {
    assertThat(dev.walkspec.runtime.api.WalkResult.NOTHING.young()).isFalse();
    assertThat(dev.walkspec.runtime.api.WalkResult.NOTHING.foundMemslot()).isFalse();
    assertThat(new dev.walkspec.runtime.api.WalkResult(1, true).young()).isTrue();
    assertThat(new dev.walkspec.runtime.api.WalkResult(-12, true).ret()).isEqualTo(-12);
  }

  @Test
  void w1GuardsAndMissesProduceTheShortTraces() {
    SampleWalker.walk(world, A, A, 0, "age", LOCKLESS_AGE, null, null, C4_LOCKLESS, sink);
    SampleWalker.walk(world, A, A + 1, 0, "age", LOCKLESS_AGE, "x", kvm -> {}, C4_LOCKLESS, sink);
    SampleWalker.walk(
        world,
        0,
        4096,
        0,
        "unmap",
        UNMAP,
        "invalidate_begin",
        kvm -> kvm.invalidation().begin(),
        C1,
        sink);
    assertThat(sink.lines())
        .containsExactly(
            "WARN W1a",
            "RESULT ret=false found_memslot=false",
            "WARN W1c",
            "RESULT ret=false found_memslot=false",
            "SRCU_LOCK",
            "SRCU_UNLOCK",
            "RESULT ret=false found_memslot=false");
  }
}
