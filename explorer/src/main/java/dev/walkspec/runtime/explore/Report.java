package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a counterexample: a header naming the obligation, the rule and how it was found; the step
 * table (one column per actor, one row per step, {@code >} marking preemptions, each cell the
 * runtime call, the yield point and the values it read or wrote); the failure; the replay string;
 * and a JUnit test that replays it. The text depends only on the run, so it is deterministic.
 */
final class Report {
  private static final int MAX_CELL = 160;

  private Report() {}

  static Counterexample counterexample(
      Scenario scenario,
      List<Invariant> invariants,
      RunOutcome run,
      Schedule schedule,
      String foundBy,
      long schedulesToFailure,
      String shrinking) {
    Failure failure = run.failure;
    String table = table(scenario, run);
    String replay = schedule.named(scenario.name()).toString();
    String junit = junit(scenario, invariants, replay);
    int steps = Shrinker.failingStep(run);
    StringBuilder text = new StringBuilder();
    text.append("walkspec explorer: scenario '")
        .append(scenario.name())
        .append("' breaks ")
        .append(failure.obligation())
        .append(" (")
        .append(scenario.title(failure.obligation()))
        .append(')');
    if (!failure.related().isEmpty()) {
      text.append("; also ").append(String.join(", ", failure.related()));
    }
    text.append('\n');
    line(text, "rule", failure.rule());
    line(text, "message", failure.message());
    line(text, "found by", foundBy);
    line(
        text,
        "schedule",
        count(steps, "step")
            + ", "
            + count(run.preemptions, "preemption")
            + (shrinking == null ? "" : " (" + shrinking + ")"));
    StringBuilder actors = new StringBuilder();
    for (int a = 0; a < scenario.actorCount(); a++) {
      if (a > 0) {
        actors.append(", ");
      }
      actors.append(a).append(' ').append(scenario.actorName(a));
    }
    line(text, "actors", actors.toString());
    if (!scenario.description().isEmpty()) {
      line(text, "scenario", scenario.description());
    }
    text.append('\n').append(table).append('\n');
    text.append("  > marks a preemption: the actor that ran before could have gone on.\n");
    if (run.steps.stream().anyMatch(s -> s.call != null && s.call.contains("."))) {
      text.append(
          "  Calls are named as in the kernel where one runtime call stands for one kernel"
              + " function; EntryCursor, Root, PageTables and SlotRmap calls are the runtime's"
              + " page-table interface, which each arch port builds its walker from.\n");
    }
    if (steps > StepFolding.WHOLE) {
      text.append(
          "  Runs of like steps are folded (a row 'xN' stands for N steps; a..b spans steps and"
              + " numbers); a '...' row leaves steps out, to keep the table at "
              + StepFolding.WHOLE
              + " rows.\n");
    }
    text.append('\n');
    if (failure.step() > 0) {
      text.append(failure.obligation())
          .append(" broken at step ")
          .append(failure.step())
          .append(failure.actor() >= 0 ? " by '" + scenario.actorName(failure.actor()) + "'" : "")
          .append(": ");
    } else {
      text.append(failure.obligation()).append(" broken after step ").append(run.steps.size());
      text.append(": ");
    }
    text.append(failure.message()).append("\n\n");
    text.append("replay: ").append(replay).append("\n\n");
    text.append("regression test (JUnit 5):\n").append(junit);
    return new Counterexample(
        failure.obligation(),
        failure.related(),
        failure.rule(),
        failure.message(),
        steps,
        run.preemptions,
        schedulesToFailure,
        foundBy,
        table,
        replay,
        junit,
        text.toString(),
        rows(scenario, run));
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append("  ").append(key).append(':');
    text.append(" ".repeat(Math.max(1, 11 - key.length()))).append(value).append('\n');
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** The steps the table shows (up to the breaking one), by number. */
  private static Map<Integer, Step> shown(RunOutcome run) {
    Failure failure = run.failure;
    Map<Integer, Step> steps = new LinkedHashMap<>();
    for (Step step : run.steps) {
      if (failure != null && failure.step() > 0 && step.number() > failure.step()) {
        break;
      }
      steps.put(step.number(), step);
    }
    return steps;
  }

  /** The table's rows, folded: each step's cell, the breaking one marked {@code <-- Hn}. */
  private static List<StepFolding.Row> folded(RunOutcome run) {
    Failure failure = run.failure;
    List<StepFolding.Row> steps = new ArrayList<>();
    for (Step step : shown(run).values()) {
      String cell = cell(step, run.codec);
      if (breaks(run, step)) {
        cell += "  <-- " + failure.obligation();
      }
      steps.add(
          new StepFolding.Row(
              step.number(), step.number(), step.preemption(), step.actor(), cell, 1, false));
    }
    int failing = failure == null ? 0 : failure.step();
    return StepFolding.fold(StepFolding.markFixed(steps, failing));
  }

  private static boolean breaks(RunOutcome run, Step step) {
    return run.failure != null && run.failure.step() == step.number();
  }

  /**
   * The table's rows as data, from the steps themselves: a row that is one step unchanged by the
   * folding names what the step did; a folded or left-out row keeps its text.
   */
  static List<StepRow> rows(Scenario scenario, RunOutcome run) {
    Map<Integer, Step> steps = shown(run);
    List<StepRow> rows = new ArrayList<>();
    for (StepFolding.Row row : folded(run)) {
      Step step = steps.get(row.first());
      String cell = step == null ? null : cell(step, run.codec);
      boolean single =
          row.first() == row.last()
              && row.count() == 1
              && step != null
              && row.text().startsWith(cell);
      String name = scenario.actorName(row.actor());
      rows.add(single ? stepRow(run, step, name, cell) : summaryRow(row, name));
    }
    return rows;
  }

  /** A folded or left-out row: its text, count and step range only. */
  private static StepRow summaryRow(StepFolding.Row row, String actorName) {
    return new StepRow(
        row.first(),
        row.last(),
        row.count(),
        row.folded() ? StepRow.FOLDED : StepRow.LEFT_OUT,
        row.actor(),
        actorName,
        row.preemption(),
        false,
        null,
        row.text(),
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        List.of());
  }

  /** One step's row: what it did, as its cell shows it. */
  private static StepRow stepRow(RunOutcome run, Step step, String actorName, String cell) {
    boolean breaking = breaks(run, step);
    return new StepRow(
        step.number(),
        step.number(),
        1,
        StepRow.STEP,
        step.actor(),
        actorName,
        step.preemption(),
        breaking,
        breaking ? run.failure.obligation() : null,
        cell,
        step.call,
        step.op().render(),
        step.resumed(),
        step.targetName(),
        step.index() >= 0 ? step.target().renderIndex(step.index()) : null,
        step.before == Step.NO_VALUE ? null : hex(step.before),
        // As the cell reads it: a load writes nothing, a failed write left the value.
        step.op() == Op.LOAD || step.after == Step.NO_VALUE || step.failed ? null : hex(step.after),
        step.blockedOn,
        step.notes == null ? List.of() : step.notes);
  }

  /** The step table: one column per actor, one row per step. */
  static String table(Scenario scenario, RunOutcome run) {
    int n = scenario.actorCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n + 1];
    header[0] = "step";
    for (int a = 0; a < n; a++) {
      header[a + 1] = scenario.actorName(a);
    }
    for (StepFolding.Row folded : folded(run)) {
      String[] row = new String[n + 1];
      row[0] =
          (folded.first() == folded.last()
                  ? Integer.toString(folded.first())
                  : folded.first() + ".." + folded.last())
              + (folded.preemption() ? ">" : " ");
      for (int a = 0; a < n; a++) {
        row[a + 1] = "";
      }
      row[folded.actor() + 1] = folded.text() + (folded.folded() ? "  x" + folded.count() : "");
      rows.add(row);
    }
    int[] width = new int[n + 1];
    for (int c = 0; c <= n; c++) {
      width[c] = header[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder text = new StringBuilder();
    appendRow(text, header, width, true);
    for (int c = 0; c <= n; c++) {
      text.append(c == 0 ? "" : "+").append("-".repeat(width[c] + 2));
    }
    text.append('\n');
    for (String[] row : rows) {
      appendRow(text, row, width, false);
    }
    return text.toString();
  }

  private static void appendRow(StringBuilder text, String[] row, int[] width, boolean header) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < row.length; c++) {
      if (c == 0) {
        line.append(' ').append(" ".repeat(width[0] - row[0].length())).append(row[0]).append(' ');
      } else {
        line.append("| ").append(row[c]).append(" ".repeat(width[c] - row[c].length() + 1));
      }
    }
    text.append(strip(line.toString())).append('\n');
  }

  private static String strip(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ') {
      end--;
    }
    return line.substring(0, end);
  }

  /**
   * E.g. {@code EntryCursor.next: load page#2[0] = 0x8000067 [present W A D, pfn 0x8000]}: a table
   * entry's value is decoded as the arch's codec reads it (a leaf's permission and Accessed/Dirty
   * bits and frame, a table pointer's page, or none), a change as what it changed ({@code -A},
   * {@code +D}, {@code zapped}).
   */
  static String cell(Step step, EntryCodec codec) {
    StringBuilder text = new StringBuilder();
    if (step.call != null) {
      text.append(step.call).append(": ");
    }
    text.append(step.describe());
    if (step.before != Step.NO_VALUE) {
      if (step.before == TablePage.POISON) {
        text.append(" (a freed page)");
      } else if (step.op() == Op.LOAD) {
        text.append(" = ").append(hex(step.before)).append(EntryText.of(step, step.before, codec));
      } else if (step.after == Step.NO_VALUE || step.failed) {
        text.append(" on ").append(hex(step.before)).append(EntryText.of(step, step.before, codec));
      } else if (step.after != step.before) {
        text.append(' ')
            .append(hex(step.before))
            .append(" -> ")
            .append(hex(step.after))
            .append(EntryText.change(step, step.before, step.after, codec));
      } else {
        text.append(' ').append(hex(step.before)).append(" (unchanged)");
      }
    }
    if (step.blockedOn != null) {
      text.append(": ").append(step.blockedOn);
    }
    if (step.notes != null) {
      text.append(" {").append(String.join("; ", step.notes)).append('}');
    }
    String cell = text.toString();
    return cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL - 3) + "...";
  }

  static String hex(long value) {
    return "0x" + Long.toHexString(value);
  }

  /** A JUnit 5 test method that replays the counterexample (it fails until the bug is fixed). */
  static String junit(Scenario scenario, List<Invariant> invariants, String replay) {
    String method = camel(scenario.name()) + "Replay";
    StringBuilder text = new StringBuilder();
    text.append("  // imports: dev.walkspec.runtime.explore.{Explorer, Invariants, Strategy}\n");
    text.append("  @Test\n");
    text.append("  void ").append(method).append("() {\n");
    text.append("    Explorer.check(\n");
    text.append("        ").append(scenario.source()).append(",\n");
    text.append("        Strategy.replay(\"").append(replay.replace("\"", "\\\"")).append("\"),\n");
    text.append("        ").append(invariantsSource(invariants)).append(");\n");
    text.append("  }\n");
    return text.toString();
  }

  private static String invariantsSource(List<Invariant> invariants) {
    if (Invariants.isStandard(invariants)) {
      return "Invariants.standard()";
    }
    List<String> parts = new ArrayList<>();
    for (Invariant invariant : invariants) {
      parts.add(invariant.source());
    }
    return "java.util.List.of(" + String.join(", ", parts) + ")";
  }

  private static String camel(String name) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = out.length() > 0;
      }
    }
    String text = out.length() == 0 ? "scenario" : out.toString();
    if (!Character.isJavaIdentifierStart(text.charAt(0))) {
      text = "s" + text;
    }
    return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
