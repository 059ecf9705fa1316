package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.Root;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Locked aging may age by removing mappings (the shadow MMU once did), but the call must then end
 * with a flush: the handler's own, or the walk's on a true result where the operation flushes on it
 * (H11; else a later unmap that finds nothing to zap skips its flush, H12).
 */
class AgingThatRemovesMappingsTest {
  private static final HandlerState YOUNG_PAGE = SuiteFixtures.pageAt3(true);

  /** Ages by zapping every leaf of the range, then says "young" if it zapped one. */
  public static final class AgesByZapping implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      boolean zapped = false;
      for (Root root : kvm.mmu(range.slot().addressSpace()).validRoots()) {
        zapped |= root.zapRange(range.start(), range.end());
      }
      return zapped;
    }
  }

  /** The same, and it flushes remote TLBs itself. */
  public static final class AgesByZappingAndFlushes implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      boolean zapped = new AgesByZapping().handle(kvm, range);
      kvm.flushRemoteTlbs();
      return zapped;
    }
  }

  /** Flushes first, then zaps: the flush comes too early to cover what it removed. */
  public static final class FlushesThenAgesByZapping implements AgeHandler {
    @Override
    public boolean handle(Kvm kvm, GfnRange range) {
      kvm.flushRemoteTlbs();
      return new AgesByZapping().handle(kvm, range);
    }
  }

  private static HandlerSuite suite(String operation, Supplier<? extends GfnHandler> handler) {
    return SuiteFixtures.suite(operation, "arm64", "zapper", handler);
  }

  @Test
  void whereTheWalkFlushesOnATrueResultZappingToAgeIsAllowed() {
    assertThatCode(() -> suite("C3", AgesByZapping::new).check("H11", YOUNG_PAGE))
        .doesNotThrowAnyException();
  }

  @Test
  void whereItNeverFlushesTheHandlerMustFlushWhatItRemoved() {
    assertThatThrownBy(() -> suite("C4", AgesByZapping::new).check("H11", YOUNG_PAGE))
        .isInstanceOf(ConformanceFailure.class)
        .hasMessageStartingWith("walkspec: H11 result_meaning broken by age handler zapper in")
        .hasMessageContaining(
            "age removed 1 mapping(s) and the call ends without a remote TLB flush (the handler"
                + " flushed nothing and returned true in an operation that never flushes): vCPUs"
                + " keep the removed translations, and a later unmap that finds nothing to zap"
                + " will not flush them (H12): 0/0/3/1 removed");
    assertThatCode(() -> suite("C4", AgesByZappingAndFlushes::new).check("H11", YOUNG_PAGE))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> suite("C4", FlushesThenAgesByZapping::new).check("H11", YOUNG_PAGE))
        .isInstanceOf(ConformanceFailure.class)
        .hasMessageContaining("age removed 1 mapping(s) and the call ends without a remote TLB");
  }

  @Test
  void theReportShowsTheStateShrunkToWhatTheFailureNeeds() {
    // A young page in the range, one in an invalid (nested, unused) root, one outside the range.
    HandlerState drawn =
        new HandlerState(
            0,
            512,
            16,
            2,
            List.of(1),
            List.of(
                new HandlerState.Mapping(0, 3, 1, true, false, true),
                new HandlerState.Mapping(1, 5, 1, true, false, false),
                new HandlerState.Mapping(0, 400, 1, true, false, false)),
            0,
            200);

    // Worked out by hand from StateShrinker's steps: only the zapped page matters.
    assertThatThrownBy(() -> suite("C4", AgesByZapping::new).check("H11", drawn))
        .isInstanceOf(ConformanceFailure.class)
        .hasMessageContaining(
            "\n  scenario: slot gfn [3,4) + neighbour [4,5), 1 root(s), invalid [], range [3,4),"
                + " mappings root0:4K@3+A+W\n")
        .hasMessageContaining("age removed 1 mapping(s)");
  }
}
