package dev.walkspec.emit;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.CodeBlock;
import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Severity;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.suite.SpecRef;
import dev.walkspec.suite.WalkerContext;
import dev.walkspec.suite.WalkerSuite;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec mutants: each rule of the canonical spec dropped or flipped (a guard dropped, flush_on_ret
 * flipped, the flush moved after the unlock, the lock taken at walk start, ...), the walkers
 * generated from the mutant, and the walker suites of the unmodified spec run on them (the small
 * scope of every operation on x86, arm64 and riscv). A mutant is killed by the checker (it does not
 * check), killed by the suites (some generated walker fails a canonical check), or survives; the
 * survivors are exactly the mutants listed in {@link #EQUIVALENT}, each with the reason the walker
 * suites cannot tell it from the canonical spec (docs/mutation.md).
 */
class SpecMutantsTest {
  @TempDir Path work;

  /** A text edit of kvm.walk: in the block starting at {@code within}, replace {@code find}. */
  record Mutant(String name, String within, String find, String replace, String first) {
    Mutant(String name, String within, String find, String replace) {
      this(
          name, within, find, replace, within.startsWith("operation ") ? within.substring(10) : "");
    }

    /** The same edit, checked first where it shows: "C4", "C4@arm64", or "generic". */
    Mutant first(String where) {
      return new Mutant(name, within, find, replace, where);
    }

    String apply(String spec) {
      int block = spec.indexOf(within);
      assertThat(block).as("%s: '%s' is in kvm.walk", name, within).isNotNegative();
      int at = spec.indexOf(find, block);
      assertThat(at).as("%s: '%s' is in kvm.walk", name, find).isNotNegative();
      return spec.substring(0, at) + replace + spec.substring(at + find.length());
    }
  }

  static final String W = "walker hva_range {";

  static List<Mutant> mutants() {
    List<Mutant> m = new ArrayList<>();
    // W1: drop each guard, weaken the empty-range test.
    m.add(new Mutant("drop W1a", W, "  guard W1a empty_range when end <= start;\n", ""));
    m.add(
        new Mutant("drop W1b", W, "  guard W1b no_callbacks when !handler && !on_lock;\n", "")
            .first("generic"));
    m.add(
        new Mutant("drop W1c", W, "  guard W1c lockless_on_lock when lockless && on_lock;\n", ""));
    m.add(new Mutant("W1a end < start", W, "when end <= start", "when end < start"));
    // W2-W6.
    m.add(new Mutant("drop W2", W, "  section W2 srcu around walk;\n", ""));
    m.add(new Mutant("W4 inclusive end", W, "[start, end - 1]", "[start, end]"));
    m.add(new Mutant("W6 round_down", W, "gfn = round_out", "gfn = round_down"));
    // W7: the lock at walk start, without unless, without on_lock, in read mode, dropped.
    m.add(new Mutant("W7 at walk start", W, "on first_hit", "on walk_start"));
    m.add(new Mutant("W7 without unless", W, " unless lockless, then", ", then"));
    m.add(new Mutant("W7 without on_lock", W, ", then on_lock;", ";"));
    m.add(new Mutant("W7 read lock", W, "lock W7 mmu write", "lock W7 mmu read"));
    m.add(
        new Mutant(
            "drop W7", W, "  lock W7 mmu write on first_hit unless lockless, then on_lock;\n", ""));
    // W8-W9.
    m.add(new Mutant("W8 break slots", W, "jump unlock", "break slots").first("C2"));
    m.add(new Mutant("W9 stop at true", W, "= or(handler);", "= or(handler), stop when ret;"));
    // W10: after the unlock, or under another condition.
    m.add(new Mutant("W10 after unlock", W, "before unlock;", "after unlock;"));
    m.add(new Mutant("W10 without ret", W, "when flush_on_ret && ret,", "when flush_on_ret,"));
    m.add(
        new Mutant("W10 without flush_on_ret", W, "when flush_on_ret && ret,", "when ret,")
            .first("C4"));
    m.add(new Mutant("drop W10", W, "  flush W10 when flush_on_ret && ret, before unlock;\n", ""));
    // W11-W13.
    m.add(
        new Mutant(
            "W11 without !lockless", W, "when found_memslot && !lockless", "when found_memslot"));
    m.add(
        new Mutant(
            "W11 without found_memslot", W, "when found_memslot && !lockless", "when !lockless"));
    m.add(
        new Mutant(
            "W12 without found_memslot", W, "return W12 ret, found_memslot;", "return W12 ret;"));
    m.add(
        new Mutant(
            "W13 without may_block",
            W,
            "pass W13 may_block, lockless, arg;",
            "pass W13 lockless, arg;"));
    m.add(
        new Mutant(
                "W13 without lockless",
                W,
                "pass W13 may_block, lockless, arg;",
                "pass W13 may_block, arg;")
            .first("C3"));
    // C1-C5: flip flush_on_ret, lockless, may_block, the callbacks, the range.
    m.add(
        new Mutant(
            "C1 flush_on_ret false",
            "operation C1",
            "flush_on_ret = true;",
            "flush_on_ret = false;"));
    m.add(
        new Mutant(
            "C2 flush_on_ret true",
            "operation C2",
            "flush_on_ret = false;",
            "flush_on_ret = true;"));
    m.add(
        new Mutant(
            "C3 flush_on_ret flipped",
            "operation C3",
            "flush_on_ret = !KVM_ELIDE",
            "flush_on_ret = KVM_ELIDE"));
    m.add(
        new Mutant(
            "C4 flush_on_ret true",
            "operation C4",
            "flush_on_ret = false;",
            "flush_on_ret = true;"));
    m.add(
        new Mutant(
            "C5 flush_on_ret true",
            "operation C5",
            "flush_on_ret = false;",
            "flush_on_ret = true;"));
    m.add(new Mutant("C1 lockless", "operation C1", "lockless = false;", "lockless = true;"));
    m.add(
        new Mutant(
            "C3 never lockless",
            "operation C3",
            "lockless = KVM_MMU_LOCKLESS_AGING;",
            "lockless = false;"));
    m.add(
        new Mutant(
                "C4 always lockless",
                "operation C4",
                "lockless = KVM_MMU_LOCKLESS_AGING;",
                "lockless = true;")
            .first("C4@arm64"));
    m.add(
        new Mutant(
            "C5 never lockless",
            "operation C5",
            "lockless = KVM_MMU_LOCKLESS_AGING;",
            "lockless = false;"));
    m.add(
        new Mutant(
            "C1 may_block fixed", "operation C1", "may_block = param;", "may_block = false;"));
    m.add(
        new Mutant(
            "C1 ends the invalidation",
            "operation C1",
            "on_lock = invalidate_begin;",
            "on_lock = invalidate_end;"));
    m.add(
        new Mutant(
            "C2 no on_lock", "operation C2", "on_lock = invalidate_end;", "on_lock = null;"));
    m.add(new Mutant("C2 calls unmap", "operation C2", "handler = null;", "handler = unmap;"));
    m.add(new Mutant("C4 test_age", "operation C4", "handler = age;", "handler = test_age;"));
    m.add(new Mutant("C5 two bytes", "operation C5", "end = addr + 1;", "end = addr + 2;"));
    // Profiles.
    m.add(
        new Mutant(
            "x86 one address space",
            "profile x86 extends",
            "address_spaces = 2;",
            "address_spaces = 1;"));
    m.add(
        new Mutant(
                "x86 without elision",
                "profile x86 extends",
                ", KVM_ELIDE_TLB_FLUSH_IF_YOUNG;",
                ";")
            .first("C3"));
    m.add(
        new Mutant("arm64 spinlock", "profile arm64", "selects KVM_HAVE_MMU_RWLOCK;", "")
            .first("C1@arm64"));
    return m;
  }

  /**
   * Mutants no walker suite can kill, and why: what they change never shows in a walk's trace or
   * result (docs/mutation.md lists them with the tests that do see them).
   */
  static final Map<String, String> EQUIVALENT =
      Map.of(
          "W13 without may_block",
          "the flags a walk passes to its handler (W13) are not in the trace; the handler suites"
              + " (H8) see may_block",
          "C1 may_block fixed",
          "the walk never reads may_block (W13 passes it on untouched); only handlers see it",
          "C2 flush_on_ret true",
          "C2 has no handler: W8 jumps to the unlock, past the flush, and ret stays false",
          "C4 test_age",
          "walker suites script the handler, whatever its kind; the handler suites see the kind",
          "W12 without found_memslot",
          "neither the reference semantics nor the generated walker reads W12's list: a walk"
              + " always returns found_memslot");

  /**
   * The profiles every operation's walker is checked on: lockless aging with two address spaces and
   * locked aging (both rwlock); the full mode adds every other concrete profile (scripts/mutation
   * does). Survivors of the operations' walkers are checked once more through the generic walker
   * (flags and callbacks at run time) on a spinlock profile.
   */
  static List<String> profiles(CheckedSpec spec) {
    return FULL ? spec.profiles().stream().map(p -> p.name()).toList() : List.of("x86", "arm64");
  }

  /**
   * {@code -Dwalkspec.mutants=full} (scripts/mutation): every concrete profile, and the {@link
   * #EQUIVALENT} mutants run too, to confirm they survive. The normal build skips those (proving
   * that nothing kills them means running every check, about two minutes).
   */
  static final boolean FULL = "full".equals(System.getProperty("walkspec.mutants"));

  static final String GENERIC_PROFILE = "riscv";

  @Test
  void every_spec_mutant_is_killed_by_the_checker_or_by_the_walker_suites() throws Exception {
    Path canonical = work.resolve("canonical/kvm.walk");
    Files.createDirectories(canonical.getParent());
    Files.copy(BundledSpecs.file("kvm.walk"), canonical);
    String text = Files.readString(canonical, StandardCharsets.UTF_8);
    CheckedSpec canonicalSpec = check(canonical).checked();
    SpecRef canonicalRef =
        SpecRef.of(canonical.toAbsolutePath().toString(), canonicalSpec.spec().contentHash());
    List<String> profiles = profiles(canonicalSpec);
    Set<String> generated = new java.util.HashSet<>(profiles);
    generated.add(GENERIC_PROFILE);

    // Generate every checking mutant's walkers, in a package of its own; compile them at once.
    List<Mutant> mutants = mutants();
    Map<String, String> byChecker = new LinkedHashMap<>();
    Map<Integer, CheckedSpec> checked = new LinkedHashMap<>();
    List<GeneratedFile> sources = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < mutants.size(); i++) {
      if (!FULL && EQUIVALENT.containsKey(mutants.get(i).name())) {
        skipped.add(mutants.get(i).name());
        continue;
      }
      Path file = work.resolve("m" + i + "/kvm.walk");
      Files.createDirectories(file.getParent());
      Files.writeString(file, mutants.get(i).apply(text), StandardCharsets.UTF_8);
      CheckOutcome outcome = check(file);
      if (outcome.hasErrors()) {
        byChecker.put(
            mutants.get(i).name(),
            outcome.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code().name())
                .distinct()
                .reduce((a, b) -> a + "," + b)
                .orElseThrow());
        continue;
      }
      checked.put(i, outcome.checked());
      sources.addAll(
          new Generator(
                  outcome.checked(),
                  new GeneratorOptions("mutant.m" + i, Set.of(), generated, Map.of(), "x"))
              .walkers());
    }
    long started = System.nanoTime();
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("classes"));
    System.out.printf(
        "walkspec spec mutants: compiled %d sources in %d ms%n",
        sources.size(), (System.nanoTime() - started) / 1_000_000);
    assertThat(compiled.problems()).isEmpty();

    Map<String, String> bySuites = new java.util.concurrent.ConcurrentSkipListMap<>();
    List<String> survivors = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {compiled.classes().toUri().toURL()}, getClass().getClassLoader())) {
      // Two at a time (the machines have two cores); each mutant stops at its first failure.
      checked.entrySet().parallelStream()
          .forEach(
              mutant -> {
                String name = mutants.get(mutant.getKey()).name();
                String pkg = "mutant.m" + mutant.getKey();
                String killed = null;
                long t0 = System.nanoTime();
                String first = mutants.get(mutant.getKey()).first();
                if (first.equals("generic")) {
                  killed = runGeneric(canonicalRef, mutant.getValue(), pkg, loader);
                }
                // The operation the edit is about first: the others pass until then.
                List<Binding> bindings = new ArrayList<>(canonicalSpec.bindings());
                String op = first.contains("@") ? first.substring(0, first.indexOf('@')) : first;
                String on = first.contains("@") ? first.substring(first.indexOf('@') + 1) : "";
                bindings.sort(
                    java.util.Comparator.<Binding, Boolean>comparing(
                            b -> !b.operation().id().text().equals(op))
                        .thenComparing(b -> !b.profile().name().equals(on)));
                for (Binding binding : bindings) {
                  if (killed == null && profiles.contains(binding.profile().name())) {
                    killed = run(canonicalRef, binding, mutant.getValue(), pkg, loader);
                  }
                }
                if (killed == null && !first.equals("generic")) {
                  killed = runGeneric(canonicalRef, mutant.getValue(), pkg, loader);
                }
                System.out.printf(
                    "walkspec spec mutants: %s: %d ms%n",
                    name, (System.nanoTime() - t0) / 1_000_000);
                if (killed != null) {
                  bySuites.put(name, killed);
                } else {
                  survivors.add(name);
                }
              });
    }
    System.out.printf(
        "walkspec spec mutants: %d in all, %d killed by the checker, %d by the walker suites, %d"
            + " survived, %d known equivalent not run%n  checker: %s%n  suites: %s%n"
            + "  survived: %s%n",
        mutants.size(),
        byChecker.size(),
        bySuites.size(),
        survivors.size(),
        skipped.size(),
        byChecker,
        bySuites,
        survivors);
    assertThat(byChecker.size() + bySuites.size() + survivors.size() + skipped.size())
        .isEqualTo(mutants.size());
    if (FULL) {
      assertThat(survivors).containsExactlyInAnyOrderElementsOf(EQUIVALENT.keySet());
    } else {
      assertThat(survivors).isEmpty();
    }
    // The headline mutants of the issue are among the killed.
    assertThat(bySuites.keySet())
        .contains("drop W1a", "C1 flush_on_ret false", "W10 after unlock", "drop W2", "drop W1b");
    assertThat(byChecker.keySet()).contains("W7 at walk start", "drop W1c");
  }

  private CheckOutcome check(Path spec) {
    return new Pipeline(new SpecLoader(spec.getParent(), List.of())).check(spec);
  }

  /**
   * The canonical walker suite of one binding on the mutant's walker for it: the first failure's
   * headline ("W7 broken by clear_young[x86]"), or null when every layout passes.
   */
  private static String run(
      SpecRef canonical, Binding binding, CheckedSpec mutantSpec, String pkg, ClassLoader loader) {
    String op = binding.operation().id().text();
    Binding mutantBinding = mutantSpec.binding(op, binding.profile().name()).orElseThrow();
    String label = JavaNames.upperCamel(mutantBinding.operation().label().text());
    Class<?> walkerClass =
        load(
            loader,
            pkg + ".kvm." + label + JavaNames.upperCamel(binding.profile().name()) + "Walker");
    Constructor<?> constructor = walkerClass.getConstructors()[0];
    Method walk = walkMethod(walkerClass);
    WalkerPlan plan = WalkerPlan.specialized(mutantSpec, mutantBinding);
    List<CodeBlock> arguments = plan.invokerArguments;
    List<CodeBlock> constructorArguments = plan.constructorArguments();
    return firstFailure(
        WalkerSuite.forOperation(
            canonical,
            op,
            binding.profile().name(),
            context -> construct(constructor, constructorArguments, context),
            (walker, scenario) -> invoke(walk, walker, arguments, scenario)));
  }

  /** The canonical generic walker suite on the mutant's generic walker. */
  private static String runGeneric(
      SpecRef canonical, CheckedSpec mutantSpec, String pkg, ClassLoader loader) {
    dev.walkspec.model.Walker walker = mutantSpec.spec().walkers().get(0);
    Class<?> walkerClass =
        load(loader, pkg + ".kvm.Generic" + JavaNames.upperCamel(walker.name().text()) + "Walker");
    Constructor<?> constructor = walkerClass.getConstructors()[0];
    Method walk = walkMethod(walkerClass);
    WalkerPlan plan = WalkerPlan.generic(mutantSpec, walker);
    List<CodeBlock> arguments = plan.invokerArguments;
    List<CodeBlock> constructorArguments = plan.constructorArguments();
    return firstFailure(
        WalkerSuite.generic(
            canonical,
            GENERIC_PROFILE,
            context -> construct(constructor, constructorArguments, context),
            (w, scenario) -> invoke(walk, w, arguments, scenario)));
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return loader.loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Method walkMethod(Class<?> walkerClass) {
    return java.util.Arrays.stream(walkerClass.getMethods())
        .filter(m -> m.getName().equals("walk") && !m.isBridge())
        .findFirst()
        .orElseThrow();
  }

  private static String firstFailure(WalkerSuite<Object> suite) {
    for (int layout : suite.layouts()) {
      try {
        suite.checkLayout(layout);
      } catch (AssertionError | RuntimeException e) {
        return String.valueOf(e.getMessage())
            .lines()
            .findFirst()
            .orElse("")
            .replace("walkspec: ", "");
      }
    }
    return null;
  }

  private static final Pattern PRESENT =
      Pattern.compile("context\\.(\\w+)\\(\\) \\? context\\.(\\w+)\\(\\) : null");

  /** Builds the walker with what the generated suite's factory would pass (see WalkerPlan). */
  private static Object construct(
      Constructor<?> constructor, List<CodeBlock> arguments, WalkerContext context) {
    Object[] args = new Object[arguments.size()];
    for (int i = 0; i < args.length; i++) {
      String source = arguments.get(i).toString();
      Matcher present = PRESENT.matcher(source);
      if (present.matches()) {
        args[i] =
            (Boolean) accessor(context, present.group(1))
                ? accessor(context, present.group(2))
                : null;
      } else if (source.startsWith("context.") && source.endsWith("()")) {
        args[i] = accessor(context, source.substring(8, source.length() - 2));
      } else {
        throw new IllegalStateException("unknown constructor argument " + source);
      }
    }
    try {
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object accessor(WalkerContext context, String name) {
    try {
      return WalkerContext.class.getMethod(name).invoke(context);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Pattern FLAG =
      Pattern.compile("scenario\\.flags\\(\\)\\.getOrDefault\\(\"([^\"]+)\", false\\)");

  /** Calls walk with what the generated suite's invoker would pass (see WalkerPlan). */
  private static WalkResult invoke(
      Method walk, Object walker, List<CodeBlock> arguments, Scenario scenario) {
    Object[] args = new Object[arguments.size()];
    for (int i = 0; i < args.length; i++) {
      String source = arguments.get(i).toString();
      Matcher flag = FLAG.matcher(source);
      if (source.equals("scenario.start()")) {
        args[i] = scenario.start();
      } else if (source.equals("scenario.end()")) {
        args[i] = scenario.end();
      } else if (source.equals("0L")) {
        args[i] = 0L;
      } else if (flag.matches()) {
        args[i] = scenario.flags().getOrDefault(flag.group(1), false);
      } else {
        throw new IllegalStateException("unknown invoker argument " + source);
      }
    }
    try {
      return (WalkResult) walk.invoke(walker, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
