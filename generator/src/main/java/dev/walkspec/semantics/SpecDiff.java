package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Name;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The behavioural difference of two specs: both run on every scenario of the exhaustive small scope
 * (every operation both have, and explicit inputs over the union of their flags, on every profile
 * both have); scenarios whose traces differ are grouped by the first event where they part, and
 * each group says which inputs all its scenarios share (where they are special among all scenarios
 * compared), how often each spec calls the handler, and its smallest scenario.
 */
@API(status = INTERNAL)
public final class SpecDiff {
  /**
   * What inputs occur at all is learnt from every differing scenario and one in this many of the
   * others: enough to tell which inputs set a group apart, at a fraction of the cost.
   */
  private static final int SAMPLE = 16;

  /** Inputs that vary less than this many ways are listed as a set, not as "varies". */
  private static final int MAX_LISTED_VALUES = 12;

  /** The count of a spec that calls no handler in any scenario of a group. */
  static final String NO_CALLS = "0 times";

  /**
   * A class of differing scenarios. {@code callsA} and {@code callsB} count the handler calls of
   * each spec ("0 times", "1 to 3 times"); {@code nullHandler} says that every scenario of the
   * group passes a null handler, so that those calls are calls of the null stub (W8).
   */
  public record Group(
      String firstDifference,
      long scenarios,
      Map<String, Set<String>> shared,
      String callsA,
      String callsB,
      boolean nullHandler,
      Scenario smallest,
      Trace traceA,
      Trace traceB) {

    /**
     * How often each spec calls the handler, in the kernel's terms: with a null handler (KVM passes
     * the stub kvm_null_fn) a correct walk calls nothing (W8), and a CALL in the trace is the stub
     * called as if it were the handler (V2), not "the handler" being called.
     */
    public String handlerCalls() {
      if (!nullHandler) {
        return "A calls the handler " + callsA + ", B calls it " + callsB;
      }
      return "A "
          + nullHandlerCalls(callsA)
          + " (the handler is null: kvm_null_fn), B "
          + nullHandlerCalls(callsB);
    }

    private static String nullHandlerCalls(String calls) {
      return calls.equals(NO_CALLS)
          ? "calls no handler"
          : "calls kvm_null_fn as the handler " + calls;
    }
  }

  /** The outcome of a comparison. */
  public record Result(
      String nameA,
      String nameB,
      long compared,
      long notComparable,
      List<Group> groups,
      List<ObligationChanges.Change> obligationChanges) {
    public long differing() {
      return groups.stream().mapToLong(Group::scenarios).sum();
    }
  }

  private final CheckedSpec a;
  private final CheckedSpec b;
  private final Interpreter left;
  private final Interpreter right;
  private final Map<String, Set<String>> everywhere = new LinkedHashMap<>();
  private final Map<String, GroupBuilder> groups = new LinkedHashMap<>();
  private final Progress progress;
  private long compared;
  private long notComparable;
  private long run;

  private SpecDiff(CheckedSpec a, CheckedSpec b, Progress progress) {
    this.a = a;
    this.b = b;
    this.progress = progress;
    this.left = new Interpreter(a);
    this.right = new Interpreter(b);
  }

  /**
   * Told which part of the small scope a comparison is in: part {@code number} of {@code total},
   * {@code what} ("explicit inputs on x86", "C4 clear_young on x86").
   */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (number, total, what) -> {};

    /** How often, in scenarios run, {@link #scenarios} is told the count. */
    int EVERY = 4096;

    void part(int number, int total, String what);

    /** {@code count} scenarios of the whole scope have run (every {@link #EVERY}). */
    default void scenarios(long count) {}
  }

  /**
   * One part of the scope: every scenario of one operation, or the explicit inputs, on a profile.
   */
  private record Part(String what, Supplier<Stream<Scenario>> scenarios) {}

  public static Result compare(CheckedSpec a, CheckedSpec b) {
    return compare(a, b, Progress.NONE);
  }

  /**
   * {@link #compare(CheckedSpec, CheckedSpec)}, telling {@code progress} each part as it begins.
   */
  public static Result compare(CheckedSpec a, CheckedSpec b, Progress progress) {
    SpecDiff diff = new SpecDiff(a, b, progress);
    List<Part> parts = diff.parts();
    for (int i = 0; i < parts.size(); i++) {
      progress.part(i + 1, parts.size(), parts.get(i).what());
      parts.get(i).scenarios().get().forEach(diff::compareOne);
    }
    List<Group> built =
        diff.groups.values().stream()
            .map(g -> g.build(diff.everywhere))
            .sorted(
                Comparator.comparingLong(Group::scenarios)
                    .reversed()
                    .thenComparing(Group::firstDifference))
            .toList();
    return new Result(
        a.spec().name(),
        b.spec().name(),
        diff.compared,
        diff.notComparable,
        built,
        ObligationChanges.between(a, b));
  }

  private List<Part> parts() {
    SmallScope scope = new SmallScope(a, List.of(b));
    List<String> flags = new ArrayList<>(flagNames(a));
    flagNames(b).stream().filter(f -> !flags.contains(f)).forEach(flags::add);
    List<Part> parts = new ArrayList<>();
    for (ResolvedProfile profile : a.profiles()) {
      if (b.profile(profile.name()).isEmpty()) {
        continue;
      }
      String on = " on " + profile.name();
      parts.add(new Part("explicit inputs" + on, () -> scope.explicitInputsOver(profile, flags)));
      for (Binding binding : a.allBindings()) {
        boolean common =
            binding.profile().name().equals(profile.name())
                && b.spec().operation(binding.operation().id().text()).isPresent();
        if (common) {
          String operation = operationName(binding.operation().id().text());
          parts.add(new Part(operation + on, () -> scope.operation(binding)));
        }
      }
    }
    return parts;
  }

  private static List<String> flagNames(CheckedSpec spec) {
    return spec.spec().walkers().get(0).flags().stream().map(Name::text).toList();
  }

  private void compareOne(Scenario s) {
    if (++run % Progress.EVERY == 0) {
      progress.scenarios(run);
    }
    Trace ta;
    Trace tb;
    try {
      ta = left.run(s);
      tb = right.run(s);
    } catch (ScenarioException doesNotApply) {
      notComparable++;
      return;
    }
    compared++;
    boolean same = ta.lines().equals(tb.lines());
    if (same && compared % SAMPLE != 0) {
      return;
    }
    Map<String, String> features = features(s);
    features.forEach((k, v) -> note(everywhere, k, v));
    if (same) {
      return;
    }
    String first = firstDifference(ta.lines(), tb.lines());
    groups.computeIfAbsent(first, GroupBuilder::new).add(s, ta, tb, features);
  }

  static void note(Map<String, Set<String>> values, String feature, String value) {
    Set<String> seen = values.computeIfAbsent(feature, k -> new TreeSet<>());
    if (seen.size() <= MAX_LISTED_VALUES) {
      seen.add(value);
    }
  }

  /** What a scenario is, in the words a reader of the spec would use. */
  private Map<String, String> features(Scenario s) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("profile", s.arch());
    f.put("operation", s.operation().map(this::operationName).orElse("explicit inputs"));
    WalkSetup setup = left.setup(s);
    new TreeSet<>(setup.flags().keySet())
        .forEach(flag -> f.put(flag, String.valueOf(setup.flags().get(flag))));
    // An operation's bool parameters (init_shared of C6) come with the scenario, not the flags.
    new TreeSet<>(s.flags().keySet())
        .stream()
            .filter(name -> !setup.flags().containsKey(name))
            .forEach(name -> f.put(name, String.valueOf(s.flags().get(name))));
    f.put("handler", setup.handler() ? "set" : "null");
    f.put("on_lock", setup.onLock().isPresent() ? "set" : "null");
    f.put("range", setup.end() <= setup.start() ? "empty" : "non-empty");
    f.put("slot hits", hits(s, setup));
    f.put(
        "handler results",
        s.handlerResults().stream().anyMatch(r -> r != 0) ? "some true" : "all false");
    return f;
  }

  private String operationName(String id) {
    return a.spec().operation(id).map(o -> o.id() + " " + o.label()).orElse(id);
  }

  /** Where the walk's range meets something: address spaces with slots in it, or bindings. */
  private static String hits(Scenario s, WalkSetup setup) {
    long low = setup.start();
    long high = setup.end() - 1;
    if (setup.walker().overBindings()) {
      int bindings = Layouts.bindingsOverlapping(s, low, high).size();
      return bindings == 0 ? "none" : bindings == 1 ? "one binding" : bindings + " bindings";
    }
    List<String> spaces = new ArrayList<>();
    for (int as = 0; as < s.addressSpaces().size(); as++) {
      Scenario.AddressSpace space = s.addressSpaces().get(as);
      List<Scenario.Slot> slots =
          setup.walker().overHva()
              ? Layouts.overlapping(space, low, high)
              : Layouts.overlappingGfn(space, low, high);
      if (!slots.isEmpty()) {
        spaces.add("address space " + as);
      }
    }
    return spaces.isEmpty() ? "none" : String.join(" and ", spaces);
  }

  /** "A: UNLOCK write | B: a handler call" at the first event where the traces part. */
  static String firstDifference(List<String> la, List<String> lb) {
    int i = 0;
    while (i < la.size() && i < lb.size() && la.get(i).equals(lb.get(i))) {
      i++;
    }
    return "A: "
        + kind(i < la.size() ? la.get(i) : null)
        + " | B: "
        + kind(i < lb.size() ? lb.get(i) : null);
  }

  private static String kind(String line) {
    if (line == null) {
      return "(nothing)";
    }
    if (line.startsWith("CALL ")) {
      // G8: where the walk passes an attr_filter, which mappings the call concerns is its point
      int filter = line.indexOf(" filter=");
      return filter < 0
          ? "a handler call"
          : "a handler call with attr_filter "
              + line.substring(filter + " filter=".length(), line.indexOf(" -> "));
    }
    if (line.startsWith("RESULT ")) {
      return line;
    }
    return line;
  }

  /** Collects one group. */
  private static final class GroupBuilder {
    private final String first;
    private final Map<String, Set<String>> values = new LinkedHashMap<>();
    private long count;
    private int minCallsA = Integer.MAX_VALUE;
    private int maxCallsA;
    private int minCallsB = Integer.MAX_VALUE;
    private int maxCallsB;
    private boolean nullHandler = true;
    private Scenario smallest;
    private Trace smallestA;
    private Trace smallestB;

    GroupBuilder(String first) {
      this.first = first;
    }

    void add(Scenario s, Trace ta, Trace tb, Map<String, String> features) {
      count++;
      features.forEach((k, v) -> note(values, k, v));
      nullHandler &= features.get("handler").equals("null");
      int ca = calls(ta);
      int cb = calls(tb);
      minCallsA = Math.min(minCallsA, ca);
      maxCallsA = Math.max(maxCallsA, ca);
      minCallsB = Math.min(minCallsB, cb);
      maxCallsB = Math.max(maxCallsB, cb);
      if (smallest == null || size(s) < size(smallest)) {
        smallest = s;
        smallestA = ta;
        smallestB = tb;
      }
    }

    private static int calls(Trace t) {
      return (int) t.lines().stream().filter(l -> l.startsWith("CALL ")).count();
    }

    private static long size(Scenario s) {
      long range = Math.max(0, s.end() - s.start());
      return s.slotCount() * (1L << 40)
          + s.handlerResults().size() * (1L << 32)
          + Math.min(range, (1L << 32) - 1);
    }

    Group build(Map<String, Set<String>> everywhere) {
      Map<String, Set<String>> shared = new LinkedHashMap<>();
      values.forEach(
          (feature, set) -> {
            Set<String> all = everywhere.getOrDefault(feature, Set.of());
            boolean special = set.size() <= MAX_LISTED_VALUES && set.size() < all.size();
            if (special) {
              shared.put(feature, new LinkedHashSet<>(set));
            }
          });
      return new Group(
          first,
          count,
          shared,
          range(minCallsA, maxCallsA),
          range(minCallsB, maxCallsB),
          nullHandler,
          smallest,
          smallestA,
          smallestB);
    }

    private static String range(int min, int max) {
      String times = max == 1 ? "once" : max + " times";
      return min == max ? (max == 0 ? NO_CALLS : times) : min + " to " + max + " times";
    }
  }
}
