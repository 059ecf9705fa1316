package dev.walkspec.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The variants reproduce the known history (reference section 6): run over the whole small scope,
 * two specs differ on exactly the scenarios the history predicts, where the prediction is computed
 * from the scenario alone, not from either spec.
 */
class HistoryTest {
  private static final Set<String> AGING = Set.of("C3", "C4", "C5");

  /**
   * V2: a null handler `break`s only the slot loop, so the stub is called for the slots of a later
   * address space. Traces differ iff the walk gets past the guards with a null handler, hits a
   * slot, and some later address space has a slot in range.
   */
  @Test
  void v2_differs_exactly_where_a_null_handler_walk_reaches_a_later_address_space() {
    CheckedSpec canonical = Specs.bundled("kvm.walk");
    CheckedSpec v2 = Specs.bundled("v2-null-handler-break.walk");
    SmallScope scope = new SmallScope(canonical);
    long differing = 0;
    for (String arch : List.of("x86", "arm64")) {
      ResolvedProfile profile = canonical.profile(arch).orElseThrow();
      differing +=
          assertDiffersExactly(
              canonical,
              v2,
              scope.explicitInputs(profile),
              HistoryTest::nullHandlerWalkReachesLaterAddressSpace);
    }
    System.out.println("history V2 vs kvm.walk: " + differing + " scenarios differ, all predicted");
    assertThat(differing).as("V2 must differ somewhere on x86").isPositive();
  }

  private static boolean nullHandlerWalkReachesLaterAddressSpace(Scenario s) {
    boolean passesGuards = s.end() > s.start() && s.onLock() && !s.flags().get("lockless");
    if (s.handler() || !passesGuards) {
      return false;
    }
    int firstHit = -1;
    for (int as = 0; as < s.addressSpaces().size(); as++) {
      boolean hit =
          !Layouts.overlapping(s.addressSpaces().get(as), s.start(), s.end() - 1).isEmpty();
      if (hit && firstHit >= 0) {
        return true;
      }
      if (hit) {
        firstHit = as;
      }
    }
    return false;
  }

  /**
   * V4 (v6.14) against V5 (v6.15): only aging on the profiles that select lockless aging changes,
   * and there exactly the walks that hit a slot (no LOCK/UNLOCK any more).
   */
  @Test
  void v4_differs_from_v5_exactly_in_aging_operations_on_lockless_arches() {
    CheckedSpec v5 = Specs.bundled("v5-v6.15-lockless-aging.walk");
    CheckedSpec v4 = Specs.bundled("v4-v6.14-locked-aging.walk");
    SmallScope scope = new SmallScope(v5);
    long differing = 0;
    for (Binding binding : v5.bindings()) {
      // The arches that select KVM_MMU_LOCKLESS_AGING: x86 and its variants, and s390 (whose
      // profile the v6.14 file inherits, though s390 joined the generic walk in v7.0).
      boolean lockless =
          binding.profile().config().get("KVM_MMU_LOCKLESS_AGING").asBool()
              && AGING.contains(binding.operation().id().text());
      differing +=
          assertDiffersExactly(
              v5, v4, scope.operation(binding), s -> lockless && hitsASlot(s, binding));
    }
    System.out.println("history V4 vs V5: " + differing + " scenarios differ, all predicted");
    assertThat(differing).isPositive();
  }

  /** C5 (test_young) walks [addr, addr + 1); the others [start, end), empty when end <= start. */
  private static boolean hitsASlot(Scenario s, Binding binding) {
    long end = binding.operation().id().text().equals("C5") ? s.start() + 1 : s.end();
    return end > s.start()
        && s.addressSpaces().stream()
            .anyMatch(space -> !Layouts.overlapping(space, s.start(), end - 1).isEmpty());
  }

  /** Asserts that a and b differ exactly on the predicted scenarios; returns how many differ. */
  private static long assertDiffersExactly(
      CheckedSpec a, CheckedSpec b, Stream<Scenario> scenarios, Predicate<Scenario> predicted) {
    Interpreter left = new Interpreter(a);
    Interpreter right = new Interpreter(b);
    AtomicLong differing = new AtomicLong();
    scenarios.forEach(
        s -> {
          boolean differs = !left.run(s).lines().equals(right.run(s).lines());
          if (differs != predicted.test(s)) {
            throw new AssertionError(
                (differs ? "unexpected difference" : "missing difference")
                    + " on "
                    + ScenarioJson.write(s)
                    + "\nA:\n"
                    + left.run(s).text()
                    + "B:\n"
                    + right.run(s).text());
          }
          if (differs) {
            differing.incrementAndGet();
          }
        });
    return differing.get();
  }
}
