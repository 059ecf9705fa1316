package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A conformance check that failed, with a message in a fixed layout: what broke (rule or
 * obligation), where (operation, profile, spec), the scenario, what was expected and what happened,
 * and how to replay it. What broke is also a value, {@link #rule()}, which the matrix reads instead
 * of the message.
 */
@API(status = INTERNAL)
public final class ConformanceFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final String rule;

  private ConformanceFailure(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  public ConformanceFailure(
      String rule,
      String subject,
      String scenario,
      List<String> expected,
      List<String> actual,
      String replay) {
    this(rule, layout(rule, subject, scenario, expected, actual, replay));
  }

  public ConformanceFailure(
      String rule, String subject, String scenario, String details, String replay) {
    this(rule, rule, subject, scenario, details, replay);
  }

  /**
   * A failure of {@code rule}, named by its {@code title} ("H9 coverage"), with the details and the
   * command that reproduces it.
   */
  public ConformanceFailure(
      String rule, String title, String subject, String scenario, String details, String replay) {
    this(
        rule,
        "walkspec: "
            + title
            + " broken by "
            + subject
            + "\n"
            + "  scenario: "
            + scenario
            + "\n"
            + indent(details)
            + "  reproduce: "
            + replay
            + "\n");
  }

  /**
   * What a failure that points to another property's full report says after the obligation and the
   * handler (a reader, or the matrix choosing which report to show, tells it by this).
   */
  public static final String FOUND_AGAIN = " (found again while checking ";

  /**
   * A failure of {@code rule} that another property of the same handler reported in full already:
   * the message points there.
   */
  static ConformanceFailure seeAbove(String rule, String message) {
    return new ConformanceFailure(rule, message);
  }

  /** Whether a report is such a pointer rather than a counterexample. */
  public static boolean pointsElsewhere(String report) {
    return report.lines().findFirst().orElse("").contains(FOUND_AGAIN);
  }

  /** The rule or obligation id found broken, e.g. {@code H9} or {@code W12}. */
  public String rule() {
    return rule;
  }

  static String layout(
      String rule,
      String subject,
      String scenario,
      List<String> expected,
      List<String> actual,
      String replay) {
    StringBuilder out = new StringBuilder();
    out.append("walkspec: ").append(rule).append(" broken by ").append(subject).append('\n');
    out.append("  scenario: ").append(scenario).append('\n');
    int first = firstDifference(expected, actual);
    out.append("  first difference at event ").append(first + 1).append('\n');
    out.append(String.format("  %-44s | %s%n", "expected (reference semantics)", "actual"));
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String left = i < expected.size() ? expected.get(i) : "";
      String right = i < actual.size() ? actual.get(i) : "";
      out.append(String.format("%s %-44s | %s%n", i == first ? ">" : " ", left, right));
    }
    out.append("  replay:   ").append(replay).append('\n');
    return out.toString();
  }

  private static int firstDifference(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return i;
      }
    }
    return Math.min(a.size(), b.size());
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    text.lines().forEach(l -> out.append("  ").append(l).append('\n'));
    return out.toString();
  }
}
