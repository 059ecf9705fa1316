package dev.walkspec.runtime.vcpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.Root;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.testing.ScriptedScheduler;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** H13: a fault that raced with an invalidation of its gfn never installs a mapping. */
class FaultRetryTest {
  private static final long GFN = 5;
  private static final long[] COVERING = {0, 16};
  private static final long[] ELSEWHERE = {100, 116};

  private World world;
  private Vcpu vcpu;

  @BeforeEach
  void setUp() {
    world = World.builder(ArchProfile.X86).hugePages(false).build();
    world.createSlot(new MemSlot(0, 1, 0, 256, 0x100000, 0));
    vcpu = world.vcpu(0);
  }

  @Test
  void h13InvalidationBeginsBetweenSequenceReadAndRecheckSoTheFaultRetries() {
    FaultAttempt fault = vcpu.beginFault(0, GFN, false);
    invalidateStart(COVERING);
    assertThat(fault.finish()).isEqualTo(FaultOutcome.RETRY);
    assertThat(mapped(GFN)).isFalse();
  }

  @Test
  void h13AnInvalidationThatEndedInTheWindowStillForcesARetry() {
    FaultAttempt fault = vcpu.beginFault(0, GFN, true);
    invalidateStart(COVERING);
    invalidateEnd();
    assertThat(fault.finish()).isEqualTo(FaultOutcome.RETRY);
    assertThat(mapped(GFN)).isFalse();
    assertThat(vcpu.fault(0, GFN, true)).isEqualTo(FaultOutcome.INSTALLED);
  }

  @Test
  void h13AFaultStartedDuringAnInvalidationRetriesUntilItEnds() {
    invalidateStart(COVERING);
    assertThat(vcpu.fault(0, GFN, false)).isEqualTo(FaultOutcome.RETRY);
    invalidateEnd();
    assertThat(vcpu.fault(0, GFN, false)).isEqualTo(FaultOutcome.INSTALLED);
    assertThat(vcpu.fault(0, GFN, false)).isEqualTo(FaultOutcome.ALREADY_MAPPED);
  }

  @Test
  void anInvalidationElsewhereThatIsStillInProgressDoesNotBlockTheFault() {
    FaultAttempt fault = vcpu.beginFault(0, GFN, false);
    invalidateStart(ELSEWHERE);
    assertThat(fault.finish()).isEqualTo(FaultOutcome.INSTALLED);
    invalidateEnd();
  }

  @Test
  void faultsOutsideSlotsOrWritingReadOnlySlotsInstallNothing() {
    world.createSlot(new MemSlot(0, 2, 300, 4, 0x900000, MemSlot.READONLY));
    assertThat(vcpu.fault(0, 1000, false)).isEqualTo(FaultOutcome.NO_MEMSLOT);
    assertThat(vcpu.fault(0, 301, true)).isEqualTo(FaultOutcome.WRITE_TO_READONLY);
    assertThat(vcpu.fault(0, 301, false)).isEqualTo(FaultOutcome.INSTALLED);
  }

  /** The same race, driven through yield points by the cooperative scheduler. */
  @Test
  void h13TheRaceInterleavedAtYieldPoints() {
    ScriptedScheduler scheduler = new ScriptedScheduler();
    World coop = World.builder(ArchProfile.X86).scheduler(scheduler).hugePages(false).build();
    coop.createSlot(new MemSlot(0, 1, 0, 256, 0x100000, 0));
    FaultOutcome[] outcome = new FaultOutcome[1];
    ScriptedScheduler.Outcome run =
        scheduler
            .actor("vcpu0", () -> outcome[0] = coop.vcpu(0).fault(0, GFN, false))
            .actor("notifier", () -> invalidateStart(coop, COVERING))
            .then("vcpu0", 2)
            .thenRun("notifier")
            .thenRun("vcpu0")
            .run();
    assertThat(run.failures()).isEmpty();
    assertThat(run.stepsOf("vcpu0")).startsWith("load roots[as 0]", "load mmu_invalidate");
    assertThat(run.indexOf("notifier: store mmu_invalidate"))
        .isBetween(run.indexOf("vcpu0: load mmu_invalidate"), run.indexOf("vcpu0: lock_read"));
    assertThat(outcome[0]).isEqualTo(FaultOutcome.RETRY);
  }

  /** Events of a sequential interleaving of one fault and some invalidations. */
  enum Event {
    FAULT_BEGIN,
    FAULT_FINISH,
    START_COVERING,
    START_ELSEWHERE,
    END
  }

  @Property(tries = 300)
  void h13NoInterleavingLetsARacingFaultInstall(@ForAll("interleavings") List<Event> events) {
    setUp();
    FaultAttempt fault = null;
    FaultOutcome outcome = null;
    int open = 0;
    boolean coveredSinceCountLeftZero = false;
    boolean endedInWindow = false;
    boolean coveringOverlappedWindow = false;
    boolean retryAtFinish = false;
    for (Event event : events) {
      boolean inWindow = fault != null && outcome == null;
      switch (event) {
        case FAULT_BEGIN -> {
          fault = vcpu.beginFault(0, GFN, false);
          coveringOverlappedWindow = open > 0 && coveredSinceCountLeftZero;
        }
        case START_COVERING, START_ELSEWHERE -> {
          boolean covering = event == Event.START_COVERING;
          coveredSinceCountLeftZero = (open > 0 && coveredSinceCountLeftZero) || covering;
          open++;
          invalidateStart(covering ? COVERING : ELSEWHERE);
          coveringOverlappedWindow |= inWindow && covering;
        }
        case END -> {
          open--;
          invalidateEnd();
          endedInWindow |= inWindow;
        }
        case FAULT_FINISH -> {
          retryAtFinish = endedInWindow || (open > 0 && coveredSinceCountLeftZero);
          outcome = fault.finish();
        }
      }
    }
    assertThat(outcome)
        .as("events %s", events)
        .isEqualTo(retryAtFinish ? FaultOutcome.RETRY : FaultOutcome.INSTALLED);
    if (coveringOverlappedWindow) {
      assertThat(outcome).as("H13: %s", events).isEqualTo(FaultOutcome.RETRY);
      assertThat(mapped(GFN)).as("H13: nothing mapped after %s", events).isFalse();
    }
  }

  @Provide
  Arbitrary<List<Event>> interleavings() {
    return Arbitraries.integers()
        .between(0, 3)
        .flatMap(
            pairs ->
                Arbitraries.of(Event.START_COVERING, Event.START_ELSEWHERE)
                    .list()
                    .ofSize(pairs)
                    .flatMap(starts -> Arbitraries.randomValue(random -> shuffle(starts, random))));
  }

  /** Random order keeping begin before finish and each start before its end. */
  private static List<Event> shuffle(List<Event> starts, java.util.Random random) {
    List<Event> pending = new ArrayList<>();
    pending.add(Event.FAULT_BEGIN);
    pending.addAll(starts);
    List<Event> out = new ArrayList<>();
    int ends = 0;
    boolean finished = false;
    while (!pending.isEmpty() || ends > 0 || !finished) {
      List<Event> choices = new ArrayList<>(pending);
      if (ends > 0) {
        choices.add(Event.END);
      }
      if (!finished && out.contains(Event.FAULT_BEGIN)) {
        choices.add(Event.FAULT_FINISH);
      }
      Event next = choices.get(random.nextInt(choices.size()));
      out.add(next);
      if (next == Event.END) {
        ends--;
      } else if (next == Event.FAULT_FINISH) {
        finished = true;
      } else {
        pending.remove(next);
        if (next != Event.FAULT_BEGIN) {
          ends++;
        }
      }
    }
    return out;
  }

  private boolean mapped(long gfn) {
    return mapped(world, gfn);
  }

  private static boolean mapped(World world, long gfn) {
    world.mmuLock().lockRead();
    try {
      for (Root root : world.mmu(0).roots()) {
        if (root.walk(gfn, gfn + 1).next()) {
          return true;
        }
      }
      return false;
    } finally {
      world.mmuLock().unlockRead();
    }
  }

  private void invalidateStart(long[] range) {
    invalidateStart(world, range);
  }

  /** C1: on_lock begins, the handler records the range and unmaps it in every root, flush. */
  private static void invalidateStart(World world, long[] range) {
    world.withExclusiveLock(
        () -> {
          world.invalidation().begin();
          world.invalidation().addRange(range[0], range[1]);
          boolean flush = false;
          for (Root root : world.mmu(0).roots()) {
            flush |= root.zapRange(range[0], range[1]);
          }
          if (flush) {
            world.flushRemoteTlbs();
          }
        });
  }

  private void invalidateEnd() {
    world.withExclusiveLock(() -> world.invalidation().end());
  }
}
