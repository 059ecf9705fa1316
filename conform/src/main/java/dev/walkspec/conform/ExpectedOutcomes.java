package dev.walkspec.conform;

import dev.walkspec.pipeline.BundledSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reviewed expected outcomes of the matrix (expected-outcomes.tsv): every expected failure with
 * the obligations it breaks and a one-line reason; every other cell passes.
 */
public final class ExpectedOutcomes {
  /** One line of the file. */
  public record Expectation(
      int line, String set, String specs, Set<String> obligations, String reason) {}

  /** A cell whose outcome is not what the file says. */
  public record Difference(
      String set, String spec, Set<String> expected, Set<String> actual, String reason) {
    public String describe() {
      return set
          + " on "
          + spec
          + ": expected "
          + (expected.isEmpty() ? "pass" : String.join(" ", expected))
          + ", got "
          + (actual.isEmpty() ? "pass" : String.join(" ", actual))
          + (reason.isEmpty() ? "" : " (expected because: " + reason + ")");
    }
  }

  private final List<Expectation> expectations;
  private final Map<String, List<String>> groups;

  /** The spec names the file speaks for; empty: every name (the bundled run of MatrixTest). */
  private final Optional<Set<String>> bundledSpecs;

  private ExpectedOutcomes(
      List<Expectation> expectations,
      Map<String, List<String>> groups,
      Optional<Set<String>> bundledSpecs) {
    this.expectations = List.copyOf(expectations);
    this.groups = Map.copyOf(groups);
    this.bundledSpecs = bundledSpecs.map(Set::copyOf);
  }

  /**
   * These expectations for a run of {@code specs}: the file was reviewed for the bundled spec
   * files, so only a spec that is one of them (by path, not by its name) has them; any other spec,
   * even a user's kvm.walk, is expected to pass everywhere.
   */
  public ExpectedOutcomes forRun(List<Matrix.NamedSpec> specs) {
    Set<String> bundled = new HashSet<>();
    for (Matrix.NamedSpec spec : specs) {
      if (isBundled(spec.file())) {
        bundled.add(spec.name());
      }
    }
    return new ExpectedOutcomes(expectations, groups, Optional.of(bundled));
  }

  private static boolean isBundled(Path file) {
    try {
      Path real = file.toRealPath();
      for (Path bundled : BundledSpecs.files()) {
        if (bundled.toRealPath().equals(real)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  public static ExpectedOutcomes bundled() {
    try (InputStream in = ExpectedOutcomes.class.getResourceAsStream("expected-outcomes.tsv")) {
      if (in == null) {
        throw new IllegalStateException("expected-outcomes.tsv is missing from the conform jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read expected-outcomes.tsv", e);
    }
  }

  static ExpectedOutcomes parse(String text) {
    List<Expectation> expectations = new ArrayList<>();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@")) {
        String[] group = line.split("=", 2);
        if (group.length != 2) {
          throw new IllegalArgumentException(
              "expected-outcomes.tsv:" + (i + 1) + ": a group is '@name = a,b,c'");
        }
        groups.put(group[0].strip(), List.of(group[1].strip().split("\\s*,\\s*")));
        continue;
      }
      String[] cols = lines[i].split("\t");
      if (cols.length != 4) {
        throw new IllegalArgumentException(
            "expected-outcomes.tsv:"
                + (i + 1)
                + ": expected 4 tab-separated columns (set, specs, obligations, reason), got "
                + cols.length);
      }
      expectations.add(
          new Expectation(
              i + 1,
              cols[0].strip(),
              cols[1].strip(),
              new TreeSet<>(List.of(cols[2].strip().split("\\s+"))),
              cols[3].strip()));
    }
    return new ExpectedOutcomes(expectations, groups, Optional.empty());
  }

  /** The obligations the file expects this cell to break (empty: it passes), and why. */
  public Map.Entry<Set<String>, String> expected(String set, String spec, List<String> allSpecs) {
    Set<String> obligations = new TreeSet<>(Comparator.comparingInt(Matrix::number));
    List<String> reasons = new ArrayList<>();
    if (bundledSpecs.isPresent() && !bundledSpecs.get().contains(spec)) {
      return Map.entry(obligations, "");
    }
    for (Expectation e : expectations) {
      if (e.set().equals(set) && specs(e, allSpecs).contains(spec)) {
        obligations.addAll(e.obligations());
        reasons.add(e.reason());
      }
    }
    return Map.entry(obligations, String.join("; ", reasons));
  }

  /**
   * Why the file expects this cell to break {@code obligation}: the reasons of the lines that list
   * it (a cell that breaks two obligations for two reasons has a line for each), if any.
   */
  public Optional<String> reason(
      String set, String spec, String obligation, List<String> allSpecs) {
    List<String> reasons =
        expectations.stream()
            .filter(e -> e.set().equals(set) && e.obligations().contains(obligation))
            .filter(e -> specs(e, allSpecs).contains(spec))
            .map(Expectation::reason)
            .distinct()
            .toList();
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  /** The reason the file gives for an expected failure of this cell, if any. */
  public Optional<String> reason(String set, String spec, List<String> allSpecs) {
    String reasons = expected(set, spec, allSpecs).getValue();
    return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons);
  }

  private Set<String> specs(Expectation e, List<String> all) {
    String[] words = e.specs().split("[\\s,]+");
    Set<String> chosen = new LinkedHashSet<>();
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      boolean minus = word.startsWith("-");
      String name = minus ? word.substring(1) : word;
      List<String> named =
          name.equals("*") ? all : name.startsWith("@") ? group(e, name) : List.of(name);
      if (minus) {
        named.forEach(chosen::remove);
      } else {
        chosen.addAll(named);
      }
    }
    return chosen;
  }

  private List<String> group(Expectation e, String name) {
    List<String> members = groups.get(name);
    if (members == null) {
      throw new IllegalArgumentException(
          "expected-outcomes.tsv:" + e.line() + ": no group " + name);
    }
    return members;
  }

  /** Every cell of the result that differs from the file, in either direction. */
  public List<Difference> differences(MatrixResult result) {
    List<Difference> out = new ArrayList<>();
    Map<String, Boolean> unknown = new HashMap<>();
    for (Expectation e : expectations) {
      boolean knownSet = result.sets().stream().anyMatch(s -> s.name().equals(e.set()));
      unknown.put(e.set(), !knownSet);
    }
    for (HandlerSet set : result.sets()) {
      for (String spec : result.specs()) {
        Map.Entry<Set<String>, String> expected = expected(set.name(), spec, result.specs());
        Set<String> actual =
            result.cell(set.name(), spec).<Set<String>>map(MatrixCell::failed).orElse(Set.of());
        if (!new TreeSet<>(expected.getKey()).equals(new TreeSet<>(actual))) {
          out.add(new Difference(set.name(), spec, expected.getKey(), actual, expected.getValue()));
        }
      }
    }
    return out;
  }

  public List<Expectation> expectations() {
    return expectations;
  }
}
