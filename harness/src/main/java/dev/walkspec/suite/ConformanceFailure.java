package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A conformance check that failed, with a message in a fixed layout: what broke (rule or
 * obligation), where (operation, profile, spec), the scenario, what was expected and what happened,
 * and how to replay it.
 */
@API(status = INTERNAL)
public final class ConformanceFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  public ConformanceFailure(
      String rule,
      String subject,
      String scenario,
      List<String> expected,
      List<String> actual,
      String replay) {
    super(layout(rule, subject, scenario, expected, actual, replay));
  }

  public ConformanceFailure(
      String rule, String subject, String scenario, String details, String replay) {
    super(
        "walkspec: "
            + rule
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
