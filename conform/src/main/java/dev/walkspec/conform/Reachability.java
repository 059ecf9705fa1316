package dev.walkspec.conform;

import dev.walkspec.check.Binding;
import dev.walkspec.conform.cache.CacheKeys;
import dev.walkspec.conform.cache.ResultCache;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.suite.HandlerState;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.Judges;
import dev.walkspec.suite.MmRanges;
import dev.walkspec.suite.SpecRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Which findings of the kernel ports a range from mm can reach (issue 17 item 5), for the report.
 *
 * <p>A finding of an unmap handler is reachable by its range: mm invalidates any page-aligned range
 * (munmap, madvise, migration, reclaim). A finding of an aging handler that a one-call property
 * judges is judged again on ranges of the shapes mm's callers pass ({@link MmRanges}: one page, an
 * aligned 2 MiB folio, a large folio's PTEs within one page table, DAMON's unaligned sampling),
 * shape by shape, in a VM that follows KVM's rule for huge mappings: reachable when a range of one
 * of them breaks the obligation too (the first such range is named), latent when none of the ranges
 * drawn does. A draw that finds nothing proves nothing, so a latent verdict says how many ranges
 * were tried; the argument that no range can is in conformance-tests/README.md.
 */
final class Reachability {
  /** Ranges drawn per shape; the seed is fixed, so a rerun draws the same ones. */
  static final int TRIES_PER_SHAPE = 300;

  static final long SEED = 20261206L;

  private Reachability() {}

  /** A finding of a kernel port and what can reach it. */
  record Verdict(boolean reachable, String text) {}

  /**
   * The verdict's text on every obligation a kernel port broke, by "set/obligation", judged on the
   * spec {@code spec} (the first failure of each obligation there names the binding). A verdict is
   * taken from {@code cache} when the spec, the binding, the handler class (and what it loads), the
   * obligation, the draws and walkspec's code are unchanged, and stored there otherwise.
   */
  static Map<String, String> texts(
      MatrixResult result, Matrix.NamedSpec spec, Optional<ResultCache> cache) {
    Optional<Store> store = cache.map(c -> new Store(c, Matrix.walkspecKeys()));
    Map<String, String> out = new LinkedHashMap<>();
    for (HandlerSet set : result.sets()) {
      if (set.kind() != HandlerSet.Kind.KERNEL) {
        continue;
      }
      Optional<MatrixCell> cell = result.cell(set.name(), spec.name());
      if (cell.isEmpty()) {
        continue;
      }
      for (MatrixCell.Failure f : cell.get().failuresInOrder()) {
        binding(spec, f.binding())
            .map(b -> cached(spec, b, set, f.obligation(), store))
            .ifPresent(v -> out.put(set.name() + "/" + f.obligation(), v.text()));
      }
    }
    return out;
  }

  /** The result cache and the keys into it (walkspec's code as loaded now). */
  private record Store(ResultCache cache, CacheKeys keys) {}

  private static Verdict cached(
      Matrix.NamedSpec spec,
      Binding binding,
      HandlerSet set,
      String obligation,
      Optional<Store> store) {
    if (store.isEmpty()) {
      return of(spec, binding, set, obligation);
    }
    ResultCache cache = store.get().cache();
    String handler = set.handlers().get(binding.handlerKind().orElse(""));
    String key =
        store
            .get()
            .keys()
            .reachability(
                spec.checked().spec().contentHash(),
                binding.displayName(),
                handler == null ? List.of() : List.of(handler),
                obligation,
                TRIES_PER_SHAPE + "|" + SEED);
    Optional<ResultCache.Reach> stored = cache.reach(key);
    if (stored.isPresent()) {
      return new Verdict(stored.get().reachable(), stored.get().text());
    }
    Verdict verdict = of(spec, binding, set, obligation);
    cache.putReach(key, new ResultCache.Reach(verdict.reachable(), verdict.text()));
    return verdict;
  }

  /**
   * The verdict on {@code obligation}, which {@code set} broke in the binding named {@code
   * bindingName} ("clear_young[x86]") of {@code spec}; empty for a binding the spec does not have.
   */
  static Optional<Verdict> verdict(
      Matrix.NamedSpec spec, HandlerSet set, String obligation, String bindingName) {
    return binding(spec, bindingName).map(b -> of(spec, b, set, obligation));
  }

  private static Optional<Binding> binding(Matrix.NamedSpec spec, String bindingName) {
    return spec.checked().bindings().stream()
        .filter(b -> b.displayName().equals(bindingName))
        .findFirst();
  }

  private static Verdict of(
      Matrix.NamedSpec spec, Binding binding, HandlerSet set, String obligation) {
    String kind = binding.handlerKind().orElse("");
    if (kind.equals("unmap")) {
      return new Verdict(
          true,
          "reachable from mm: invalidations come for any page-aligned range (munmap, madvise,"
              + " migration, reclaim)");
    }
    String className = set.handlers().get(kind);
    if (className == null || !Judges.judgedBy(obligation, Judges.By.ONE_CALL)) {
      return new Verdict(false, "not judged on mm's ranges (" + binding.displayName() + ")");
    }
    // test_young passes one address: one page, whatever the caller.
    List<MmRanges.Shape> shapes =
        kind.equals("test_age")
            ? List.of(MmRanges.Shape.ONE_PAGE)
            : List.of(MmRanges.Shape.values());
    for (MmRanges.Shape shape : shapes) {
      Optional<HandlerState> reaching =
          firstBreaking(spec, binding, className, obligation, EnumSet.of(shape));
      if (reaching.isPresent()) {
        return new Verdict(
            true,
            "reachable from mm: "
                + shape.text()
                + " breaks it too ("
                + binding.displayName()
                + " over ["
                + reaching.get().start()
                + ", "
                + reaching.get().end()
                + "))");
      }
    }
    return new Verdict(
        false,
        "latent: none of "
            + TRIES_PER_SHAPE * shapes.size()
            + " ranges of the shapes mm issues breaks it in "
            + binding.displayName()
            + " (conformance-tests/README.md says why none can)");
  }

  /**
   * The first of {@link #TRIES_PER_SHAPE} states with ranges of {@code shapes} on which the handler
   * {@code className} breaks {@code obligation} in {@code binding}, if one does.
   */
  static Optional<HandlerState> firstBreaking(
      Matrix.NamedSpec spec,
      Binding binding,
      String className,
      String obligation,
      Set<MmRanges.Shape> shapes) {
    HandlerSuite suite =
        HandlerSuite.of(
            SpecRef.of(spec::checked, spec.file().toString()),
            binding.operation().id().text(),
            binding.profile().name(),
            className,
            handlers(className));
    // Drawn outside a property, so in a session of jqwik's own; the seed makes the draws the same
    // on every run.
    List<HandlerState> drawn = new ArrayList<>();
    JqwikSession.run(
        () -> {
          RandomGenerator<HandlerState> states = suite.mmRangeStates(shapes).generator(1000);
          Random random = new Random(SEED);
          for (int i = 0; i < TRIES_PER_SHAPE; i++) {
            drawn.add(states.next(random).value());
          }
        });
    for (HandlerState state : drawn) {
      if (suite.breaks(obligation, state)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  private static Supplier<GfnHandler> handlers(String className) {
    return () -> {
      try {
        return (GfnHandler)
            Class.forName(className, true, Reachability.class.getClassLoader())
                .getConstructor()
                .newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make handler " + className, e);
      }
    };
  }
}
