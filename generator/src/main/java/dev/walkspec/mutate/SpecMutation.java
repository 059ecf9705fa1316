package dev.walkspec.mutate;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.diag.Severity;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.Generator;
import dev.walkspec.emit.GeneratorOptions;
import dev.walkspec.emit.SourceCompiler;
import dev.walkspec.model.Walker;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.suite.SpecRef;
import dev.walkspec.suite.WalkerSuite;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Runs the spec mutants of {@link SpecMutants}: each edit of the canonical spec is checked; the
 * walkers of those that check are generated (each in a package of its own) and compiled at once;
 * then the walker suites of the unmodified spec run on them, each mutant stopping at its first
 * failure. The operation an edit is about is checked first, since the others pass until then.
 */
@API(status = INTERNAL)
public final class SpecMutation {
  /** The generic walkers (flags and callbacks at run time) are checked on this spinlock profile. */
  public static final String GENERIC_PROFILE = "riscv";

  /**
   * @param profiles the profiles every operation's walker is checked on
   * @param runEquivalents whether the known equivalents run too (to confirm they survive: every
   *     check of every profile runs for them, so this is the slow part)
   */
  public record Options(List<String> profiles, boolean runEquivalents) {
    public Options {
      profiles = List.copyOf(profiles);
    }

    /**
     * Lockless aging with two address spaces (x86) and locked aging (arm64), both rwlock; the
     * survivors are checked once more through the generic walker on a spinlock profile.
     */
    public static Options normal() {
      return new Options(List.of("x86", "arm64"), false);
    }
  }

  private final Path canonical;
  private final Path work;
  private final Options options;
  private BiConsumer<Integer, Integer> progress = (done, total) -> {};
  private final AtomicInteger done = new AtomicInteger();

  private SpecMutation(Path canonical, Path work, Options options) {
    this.canonical = canonical;
    this.work = work;
    this.options = options;
  }

  /**
   * Every mutant of the catalogue, in its order.
   *
   * @param canonical the canonical spec file (the catalogue's edits are written against it)
   * @param work an empty directory for the mutants' files and classes
   */
  public static List<MutantOutcome> run(Path canonical, Path work, Options options)
      throws IOException {
    return run(canonical, work, options, (done, total) -> {});
  }

  /**
   * As {@link #run(Path, Path, Options)}, telling {@code progress} (done, total) after each
   * mutant's verdict, so that a long run can show how far it is (walkspec conform).
   */
  public static List<MutantOutcome> run(
      Path canonical, Path work, Options options, BiConsumer<Integer, Integer> progress)
      throws IOException {
    SpecMutation mutation = new SpecMutation(canonical, work, options);
    mutation.progress = progress;
    return mutation.run();
  }

  private List<MutantOutcome> run() throws IOException {
    Path original = Files.createDirectories(work.resolve("canonical")).resolve("kvm.walk");
    Files.copy(canonical, original);
    String text = Files.readString(original, StandardCharsets.UTF_8);
    CheckOutcome base = check(original);
    if (base.hasErrors()) {
      throw new IllegalArgumentException("the canonical spec " + canonical + " has errors");
    }
    CheckedSpec spec = base.checked();
    SpecRef ref = SpecRef.of(() -> spec, original.toAbsolutePath().toString());
    Set<String> generated = new HashSet<>(options.profiles());
    generated.add(GENERIC_PROFILE);

    List<SpecMutant> mutants = SpecMutants.catalogue();
    Map<Integer, MutantOutcome> outcomes = new ConcurrentHashMap<>();
    Map<Integer, Generated> toRun = new LinkedHashMap<>();
    List<GeneratedFile> sources = new ArrayList<>();
    for (int i = 0; i < mutants.size(); i++) {
      SpecMutant mutant = mutants.get(i);
      String equivalent = SpecMutants.EQUIVALENT.get(mutant.name());
      if (equivalent != null && !options.runEquivalents()) {
        verdict(
            outcomes,
            mutants.size(),
            i,
            new MutantOutcome(mutant, MutantOutcome.Verdict.NOT_RUN, equivalent));
        continue;
      }
      Path file = Files.createDirectories(work.resolve("m" + i)).resolve("kvm.walk");
      Files.writeString(file, mutant.apply(text), StandardCharsets.UTF_8);
      CheckOutcome outcome = check(file);
      if (outcome.hasErrors()) {
        String codes =
            outcome.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .map(d -> d.code().name())
                .distinct()
                .collect(Collectors.joining(","));
        verdict(
            outcomes,
            mutants.size(),
            i,
            new MutantOutcome(mutant, MutantOutcome.Verdict.KILLED_BY_CHECKER, codes));
        continue;
      }
      Generator generator =
          new Generator(
              outcome.checked(),
              new GeneratorOptions("mutant.m" + i, Set.of(), generated, Map.of(), "x"));
      toRun.put(i, new Generated(outcome.checked(), generator));
      sources.addAll(generator.walkers());
    }
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work.resolve("classes"));
    if (!compiled.problems().isEmpty()) {
      throw new IllegalStateException(
          "the mutants' walkers do not compile: " + String.join("\n", compiled.problems()));
    }
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {compiled.classes().toUri().toURL()}, SpecMutation.class.getClassLoader())) {
      // Two at a time on the two-core machines this runs on; each stops at its first failure.
      toRun.entrySet().parallelStream()
          .forEach(
              m -> {
                SpecMutant mutant = mutants.get(m.getKey());
                String killed = firstKill(spec, ref, mutant, m.getValue(), loader);
                verdict(
                    outcomes,
                    mutants.size(),
                    m.getKey(),
                    killed == null
                        ? new MutantOutcome(mutant, MutantOutcome.Verdict.SURVIVED, "")
                        : new MutantOutcome(
                            mutant, MutantOutcome.Verdict.KILLED_BY_SUITES, killed));
              });
    }
    List<MutantOutcome> ordered = new ArrayList<>();
    for (int i = 0; i < mutants.size(); i++) {
      ordered.add(outcomes.get(i));
    }
    return ordered;
  }

  /** Records a mutant's verdict and tells the progress listener how many have one. */
  private void verdict(
      Map<Integer, MutantOutcome> outcomes, int total, int index, MutantOutcome outcome) {
    outcomes.put(index, outcome);
    progress.accept(done.incrementAndGet(), total);
  }

  private record Generated(CheckedSpec checked, Generator generator) {}

  /** The first canonical check the mutant's walkers fail, or null if they pass every one. */
  private String firstKill(
      CheckedSpec spec, SpecRef ref, SpecMutant mutant, Generated m, ClassLoader loader) {
    String first = mutant.first();
    String killed = null;
    if (first.equals("generic")) {
      killed = generic(ref, m, loader);
    }
    String op = first.contains("@") ? first.substring(0, first.indexOf('@')) : first;
    String on = first.contains("@") ? first.substring(first.indexOf('@') + 1) : "";
    List<Binding> bindings = new ArrayList<>(spec.bindings());
    bindings.sort(
        Comparator.<Binding, Boolean>comparing(b -> !b.operation().id().text().equals(op))
            .thenComparing(b -> !b.profile().name().equals(on)));
    for (Binding binding : bindings) {
      if (killed == null && options.profiles().contains(binding.profile().name())) {
        killed = specialized(ref, binding, m, loader);
      }
    }
    if (killed == null && !first.equals("generic")) {
      killed = generic(ref, m, loader);
    }
    return killed;
  }

  /** The canonical walker suite of one binding on the mutant's walker for it. */
  private static String specialized(
      SpecRef canonical, Binding binding, Generated mutant, ClassLoader loader) {
    String op = binding.operation().id().text();
    Binding mutantBinding = mutant.checked().binding(op, binding.profile().name()).orElseThrow();
    ReflectiveWalker walker =
        ReflectiveWalker.of(mutant.generator().signature(mutantBinding), loader);
    return firstFailure(
        WalkerSuite.forOperation(
            canonical, op, binding.profile().name(), walker::construct, walker::walk));
  }

  /** The canonical generic walker suite on the mutant's generic walker. */
  private static String generic(SpecRef canonical, Generated mutant, ClassLoader loader) {
    Walker w = mutant.checked().spec().walkers().get(0);
    ReflectiveWalker walker = ReflectiveWalker.of(mutant.generator().genericSignature(w), loader);
    return firstFailure(
        WalkerSuite.generic(canonical, GENERIC_PROFILE, walker::construct, walker::walk));
  }

  /** The first failure's headline ("W7 broken by clear_young[x86]"), or null. */
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

  private static CheckOutcome check(Path spec) {
    return new Pipeline(new SpecLoader(spec.getParent(), List.of())).check(spec);
  }
}
