package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Walker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The exhaustive small scope: every layout of up to three slots per address space drawn from a
 * catalogue with aliases and a one-page slot, every hva range whose ends lie at, just inside or
 * just outside a slot boundary (or mid-page, or far off), every combination of flags and callbacks,
 * and every pattern of handler results. Scenarios are produced lazily, in a fixed order, with ids
 * that say where each came from.
 */
@API(status = INTERNAL)
public final class SmallScope {
  private static final long P = Scenario.PAGE_SIZE;

  /** The slot catalogue: A (one page) and B start at the same hva; C overlaps B's tail. */
  private static final List<long[]> SHAPES =
      List.of(new long[] {16 * P, 1, 0}, new long[] {16 * P, 3, 10}, new long[] {18 * P, 2, 20});

  /**
   * Where each catalogue slot of address space 0 is bound in the guest_memfd file (G1): B at page
   * offset 0, C right after it at 3, A alone at 8, so that ranges meet one binding, two adjacent
   * ones, or a hole between bindings.
   */
  private static final long[] GMEM_PGOFFS = {8, 0, 3};

  private final CheckedSpec spec;
  private final List<Interpreter> counters = new ArrayList<>();
  private final List<long[]> ranges;

  public SmallScope(CheckedSpec spec) {
    this(spec, List.of());
  }

  /**
   * A scope over {@code spec}'s inputs whose result patterns also cover the handler calls that
   * {@code others} make on the same scenarios (for comparing specs: a V2 walk calls the stub where
   * the canonical one calls nothing).
   */
  public SmallScope(CheckedSpec spec, List<CheckedSpec> others) {
    this.spec = spec;
    this.counters.add(new Interpreter(spec));
    others.forEach(o -> counters.add(new Interpreter(o)));
    this.ranges = ranges();
  }

  /** The most handler calls any of the specs makes on the scenario (0 where it does not apply). */
  private int calls(Scenario base) {
    int most = 0;
    for (Interpreter counter : counters) {
      try {
        Trace dry = counter.run(base);
        most =
            Math.max(most, (int) dry.lines().stream().filter(l -> l.startsWith("CALL ")).count());
      } catch (ScenarioException doesNotApply) {
        // this spec lacks a flag or profile the scenario uses; it makes no calls on it
      }
    }
    return most;
  }

  /** The ranges of the scope in the unit of the walker's range (hva, gfn or page offset). */
  private List<long[]> rangesOf(Walker walker) {
    if (walker.overBindings()) {
      return GMEM_RANGES;
    }
    return walker.overHva() ? ranges : GFN_RANGES;
  }

  /** Page offsets at, next to and between the bindings' ends (G1, G2). */
  private static final List<long[]> GMEM_RANGES =
      pairs(new TreeSet<>(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 8L, 9L, 12L)), 4, 2);

  /** Gfns at, next to and between the catalogue slots' ends (M2, M3). */
  private static final List<long[]> GFN_RANGES =
      pairs(
          new TreeSet<>(List.of(0L, 1L, 2L, 9L, 10L, 11L, 12L, 13L, 14L, 19L, 20L, 21L, 22L, 23L)),
          11,
          10);

  /** Ordered pairs of the points, then an empty range at {@code at} and a reversed one. */
  private static List<long[]> pairs(TreeSet<Long> points, long at, long below) {
    List<long[]> ranges = new ArrayList<>();
    for (long start : points) {
      for (long end : points.tailSet(start, false)) {
        ranges.add(new long[] {start, end});
      }
    }
    ranges.add(new long[] {at, at});
    ranges.add(new long[] {at, below});
    return List.copyOf(ranges);
  }

  /** Every hva range of the scope: ordered pairs of boundary points, and two empty ones. */
  static List<long[]> ranges() {
    TreeSet<Long> points = new TreeSet<>();
    for (long page = 16; page <= 20; page++) {
      points.add(page * P - 1);
      points.add(page * P);
      points.add(page * P + 1);
    }
    points.add(16 * P + P / 2);
    points.add(18 * P + P / 2);
    points.add(8 * P);
    points.add(24 * P);
    List<long[]> ranges = new ArrayList<>();
    for (long start : points) {
      for (long end : points.tailSet(start, false)) {
        ranges.add(new long[] {start, end});
      }
    }
    ranges.add(new long[] {17 * P, 17 * P});
    ranges.add(new long[] {19 * P, 17 * P});
    return List.copyOf(ranges);
  }

  /** Every layout for a profile: a subset of the catalogue in each of its address spaces. */
  public static List<List<Scenario.AddressSpace>> layouts(int addressSpaces) {
    List<List<Scenario.AddressSpace>> layouts = new ArrayList<>();
    int subsets = 1 << SHAPES.size();
    int total = (int) Math.pow(subsets, addressSpaces);
    for (int code = 0; code < total; code++) {
      List<Scenario.AddressSpace> spaces = new ArrayList<>();
      int rest = code;
      for (int as = 0; as < addressSpaces; as++) {
        spaces.add(space(as, rest % subsets));
        rest /= subsets;
      }
      layouts.add(spaces);
    }
    return layouts;
  }

  private static Scenario.AddressSpace space(int as, int subset) {
    List<Scenario.Slot> slots = new ArrayList<>();
    for (int shape = 0; shape < SHAPES.size(); shape++) {
      if ((subset >> shape & 1) == 1) {
        long[] s = SHAPES.get(shape);
        slots.add(new Scenario.Slot(as * 10 + shape + 1, s[2], s[1], s[0]));
      }
    }
    return new Scenario.AddressSpace(slots);
  }

  /** How many layouts the scope has for a profile (one per subset of the catalogue per space). */
  public static int layoutCount(ResolvedProfile profile) {
    return layouts(profile.addressSpaces()).size();
  }

  /** Explicit-input scenarios: every flag of the walker, handler and on_lock present or null. */
  public Stream<Scenario> explicitInputs(ResolvedProfile profile) {
    return explicitInputs(profile, allIndices(profile.addressSpaces()));
  }

  /** The explicit-input scenarios of one layout (index below {@link #layoutCount}). */
  public Stream<Scenario> explicitInputs(ResolvedProfile profile, int layout) {
    return explicitInputs(profile, List.of(layout));
  }

  private Stream<Scenario> explicitInputs(ResolvedProfile profile, List<Integer> layouts) {
    Walker walker = spec.spec().walkers().get(0);
    return explicitInputs(profile, walker.flags().stream().map(Name::text).toList(), layouts);
  }

  /**
   * Explicit-input scenarios over the given flags (for comparing two specs: the union of their
   * walkers' flags), every layout.
   */
  public Stream<Scenario> explicitInputsOver(ResolvedProfile profile, List<String> flags) {
    return explicitInputs(profile, flags, allIndices(profile.addressSpaces()));
  }

  private Stream<Scenario> explicitInputs(
      ResolvedProfile profile, List<String> flags, List<Integer> layouts) {
    int inputs = flags.size() + 2;
    Walker walker = spec.spec().walkers().get(0);
    return IntStream.range(0, 1 << inputs)
        .boxed()
        .filter(
            bits ->
                callbacksAllowed(
                    walker, (bits >> flags.size() & 1) == 1, (bits >> (flags.size() + 1) & 1) == 1))
        .flatMap(
            bits -> {
              Map<String, Boolean> values = new HashMap<>();
              for (int i = 0; i < flags.size(); i++) {
                values.put(flags.get(i), (bits >> i & 1) == 1);
              }
              boolean handler = (bits >> flags.size() & 1) == 1;
              boolean onLock = (bits >> (flags.size() + 1) & 1) == 1;
              String tag = profile.name() + "/in" + bits;
              return withLayoutsAndRanges(
                  profile.addressSpaces(),
                  layouts,
                  tag,
                  (id, spaces, range) ->
                      new Scenario(
                          id,
                          profile.name(),
                          Map.of(),
                          Optional.empty(),
                          values,
                          handler,
                          onLock,
                          range[0],
                          range[1],
                          spaces,
                          List.of()));
            });
  }

  /** Operation scenarios: the binding's param flags (may_block of C1) both ways. */
  public Stream<Scenario> operation(Binding binding) {
    return operation(binding, allIndices(binding.profile().addressSpaces()));
  }

  /** The operation scenarios of one layout (index below {@link #layoutCount}). */
  public Stream<Scenario> operation(Binding binding, int layout) {
    return operation(binding, List.of(layout));
  }

  private Stream<Scenario> operation(Binding binding, List<Integer> layouts) {
    List<String> params = new ArrayList<>(binding.paramFlags().stream().sorted().toList());
    binding.params().stream()
        .filter(p -> p.type().text().equals("bool"))
        .map(p -> p.name().text())
        .sorted()
        .forEach(params::add);
    boolean gmem = binding.walker().overBindings();
    // The guest_memfd walk reads only the bound slots of address space 0: layouts that differ
    // only in the other spaces would repeat the same scenarios.
    List<Integer> used =
        gmem ? layouts.stream().filter(l -> l < 1 << SHAPES.size()).toList() : layouts;
    List<long[]> ranges = rangesOf(binding.walker());
    return IntStream.range(0, 1 << params.size())
        .boxed()
        .flatMap(
            bits -> {
              Map<String, Boolean> values = new HashMap<>();
              for (int i = 0; i < params.size(); i++) {
                values.put(params.get(i), (bits >> i & 1) == 1);
              }
              String tag = binding.displayName() + "/p" + bits;
              return withLayoutsAndRanges(
                  binding.profile().addressSpaces(),
                  used,
                  ranges,
                  tag,
                  (id, spaces, range) ->
                      new Scenario(
                          id,
                          binding.profile().name(),
                          Map.of(),
                          Optional.of(binding.operation().id().text()),
                          values,
                          true,
                          false,
                          range[0],
                          range[1],
                          spaces,
                          List.of(),
                          gmem ? gmemBindings(spaces) : List.of()));
            });
  }

  /** Each catalogue slot of address space 0 bound at its page offset (GMEM_PGOFFS). */
  private static List<Scenario.GmemBinding> gmemBindings(List<Scenario.AddressSpace> spaces) {
    List<Scenario.GmemBinding> bindings = new ArrayList<>();
    if (!spaces.isEmpty()) {
      for (Scenario.Slot slot : spaces.get(0).slots()) {
        bindings.add(new Scenario.GmemBinding(slot.id(), GMEM_PGOFFS[slot.id() - 1]));
      }
    }
    return bindings;
  }

  /**
   * Whether the walker can be called with these callbacks: a slot that is not optional is always
   * set, and a walker without an on_lock slot never runs one.
   */
  private static boolean callbacksAllowed(Walker walker, boolean handler, boolean onLock) {
    WalkerRoles roles = WalkerRoles.of(walker);
    boolean handlerOptional =
        walker.callback(roles.handlerSlot()).map(s -> s.optional()).orElse(true);
    if (!handler && !handlerOptional) {
      return false;
    }
    if (roles.onLockSlot().isEmpty()) {
      return !onLock;
    }
    boolean onLockOptional =
        walker.callback(roles.onLockSlot().get()).map(s -> s.optional()).orElse(true);
    return onLock || onLockOptional;
  }

  private static List<Integer> allIndices(int addressSpaces) {
    return IntStream.range(0, layouts(addressSpaces).size()).boxed().toList();
  }

  private Stream<Scenario> withLayoutsAndRanges(
      int addressSpaces, List<Integer> layoutIndices, String tag, Maker maker) {
    return withLayoutsAndRanges(addressSpaces, layoutIndices, ranges, tag, maker);
  }

  private Stream<Scenario> withLayoutsAndRanges(
      int addressSpaces,
      List<Integer> layoutIndices,
      List<long[]> ranges,
      String tag,
      Maker maker) {
    List<List<Scenario.AddressSpace>> layouts = layouts(addressSpaces);
    return layoutIndices.stream()
        .flatMap(
            l ->
                IntStream.range(0, ranges.size())
                    .boxed()
                    .flatMap(
                        r ->
                            withResults(
                                maker.make(
                                    tag + "/L" + l + "/r" + r, layouts.get(l), ranges.get(r)))));
  }

  private interface Maker {
    Scenario make(String id, List<Scenario.AddressSpace> spaces, long[] range);
  }

  /**
   * Every pattern of results for the calls the walk makes. The number of calls comes from a dry run
   * with every result false (stop-on-true walks make at most that many calls). Walks whose handlers
   * return int also get, for each call, a pattern where that call fails (-12, V7).
   */
  private Stream<Scenario> withResults(Scenario base) {
    int calls = calls(base);
    List<List<Long>> patterns = new ArrayList<>();
    for (int bits = 0; bits < 1 << calls; bits++) {
      List<Long> pattern = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        pattern.add((long) (bits >> i & 1));
      }
      patterns.add(pattern);
    }
    if (intResults(base)) {
      for (int failing = 0; failing < calls; failing++) {
        List<Long> pattern = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          pattern.add(i == failing ? -12L : 1L);
        }
        patterns.add(pattern);
      }
    }
    return IntStream.range(0, patterns.size())
        .mapToObj(p -> base.withId(base.id() + "/h" + p).withResults(patterns.get(p)));
  }

  /** Whether the walk the scenario runs (its operation's, else the first) has int results (V7). */
  private boolean intResults(Scenario scenario) {
    Walker walker =
        scenario
            .operation()
            .flatMap(spec.spec()::operation)
            .flatMap(o -> spec.spec().walker(o.walker().text()))
            .orElse(spec.spec().walkers().get(0));
    return walker
        .rule(Rule.Result.class)
        .filter(r -> r.combinator() == Rule.Combinator.INT_OR)
        .isPresent();
  }
}
