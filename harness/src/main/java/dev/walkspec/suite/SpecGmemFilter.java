package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterDecision;
import dev.walkspec.runtime.trace.TraceEvent;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The attr_filter a spec's guest_memfd invalidation passes (G8), for a file created INIT_SHARED and
 * for one that is not, asked of the spec's reference semantics: the interpreter runs the begin step
 * (the operation on a walk over bindings whose handler is unmap) over one bound page and the filter
 * is read off its handler call. The explored guest_memfd scenarios then run the runtime's walk with
 * that filter, so that a spec edit (V8: the filter hard-coded private) is what the handler meets.
 * The rest of the runtime's walk is a transcription of the kernel's, not generated.
 */
@API(status = INTERNAL)
public final class SpecGmemFilter {
  private static final String INIT_SHARED = "init_shared";

  private SpecGmemFilter() {}

  /** The filters the spec's begin step passes: for an INIT_SHARED file, and for the others. */
  public record Filters(AttrFilter initShared, AttrFilter other) {
    public FilterDecision decision() {
      return FilterDecision.of(initShared, other);
    }

    /** "init_shared SHARED, other PRIVATE": part of the key under which the matrix shares work. */
    @Override
    public String toString() {
      return "init_shared " + initShared + ", other " + other;
    }
  }

  /** The spec's decision on {@code profile}; empty when it has no such walk or passes no filter. */
  public static Optional<FilterDecision> of(CheckedSpec spec, ResolvedProfile profile) {
    return filters(spec, profile).map(Filters::decision);
  }

  /**
   * Whether an unmap suite of {@code profile} explores the guest_memfd scenario: where a VM may be
   * a TDX one, whose roots the filter picks (elsewhere every filter zaps the same direct roots).
   */
  public static boolean explored(ResolvedProfile profile, String kind) {
    return kind.equals("unmap") && RuntimeProfiles.mayHaveMirroredTdp(profile);
  }

  /**
   * What the explorations of an unmap suite depend on beyond the generated walker: the filters of
   * the spec's guest_memfd walk where the suite explores it ({@link #explored}); empty elsewhere.
   * Two specs that differ only in those filters (V8) must not share such explorations.
   */
  public static String explorationKey(CheckedSpec spec, ResolvedProfile profile, String kind) {
    if (!explored(profile, kind)) {
      return "";
    }
    return filters(spec, profile).map(f -> "gmem " + f).orElse("gmem none");
  }

  private static Optional<Filters> filters(CheckedSpec spec, ResolvedProfile profile) {
    Optional<Binding> begin =
        spec.allBindings().stream()
            .filter(b -> b.profile().name().equals(profile.name()))
            .filter(b -> b.walker().overBindings())
            .filter(b -> b.handlerKind().filter("unmap"::equals).isPresent())
            .findFirst();
    if (begin.isEmpty()) {
      return Optional.empty();
    }
    Optional<AttrFilter> initShared = filter(spec, begin.get(), true);
    Optional<AttrFilter> other = filter(spec, begin.get(), false);
    if (initShared.isEmpty() || other.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Filters(initShared.get(), other.get()));
  }

  /** The filter of the begin step's call for one bound page of a file, INIT_SHARED or not. */
  private static Optional<AttrFilter> filter(CheckedSpec spec, Binding begin, boolean initShared) {
    boolean hasParam = begin.params().stream().anyMatch(p -> p.name().text().equals(INIT_SHARED));
    Map<String, Boolean> inputs = hasParam ? Map.of(INIT_SHARED, initShared) : Map.of();
    Scenario.Slot slot = new Scenario.Slot(1, 0x100, 16, HandlerWorld.HVA_BASE);
    Scenario scenario =
        new Scenario(
            "gmem-filter",
            begin.profile().name(),
            Map.of(),
            Optional.of(begin.operation().id().text()),
            inputs,
            true,
            false,
            10,
            11,
            List.of(new Scenario.AddressSpace(List.of(slot))),
            List.of(0L),
            List.of(new Scenario.GmemBinding(1, 8)));
    return new Interpreter(spec)
        .run(scenario).events().stream()
            .filter(TraceEvent.Call.class::isInstance)
            .map(e -> ((TraceEvent.Call) e).filter())
            .findFirst()
            .flatMap(AttrFilter::ofKernelName);
  }
}
