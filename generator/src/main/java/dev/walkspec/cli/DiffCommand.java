package dev.walkspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.c.CDiff;
import dev.walkspec.emit.c.CRenderer;
import dev.walkspec.semantics.ObligationChanges;
import dev.walkspec.semantics.ScenarioJson;
import dev.walkspec.semantics.SpecDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code walkspec diff SPEC_A SPEC_B}: what changes in behaviour between two specs, and why; with
 * {@code --c}, the unified diff between their C renderings instead.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Compare two specs on the exhaustive small scope and explain every difference.",
    footer = {
      "",
      "Example:",
      "  walkspec diff spec/src/main/walkspec/kvm.walk"
          + " spec/src/main/walkspec/v2-null-handler-break.walk",
      "  walkspec diff --c spec/src/main/walkspec/v4-v6.14-locked-aging.walk"
          + " spec/src/main/walkspec/kvm.walk",
      "",
      "With --c, the output is the unified diff of the two specs' C renderings (a/ the first,"
          + " b/ the second), which patch -p1 applies to a tree rendered from the first.",
      "",
      "Exit codes: 0 no difference, 1 the specs behave differently (or a spec has errors), 2 usage."
    })
final class DiffCommand implements Callable<Integer> {
  private static final int COLUMN = 44;

  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SPEC_A", description = "The first spec.")
  Path specA;

  @Parameters(index = "1", paramLabel = "SPEC_B", description = "The second spec.")
  Path specB;

  @Option(
      names = {"-I", "--import-path"},
      paramLabel = "DIR",
      description = "Another directory for imports.")
  List<Path> importPath = new ArrayList<>();

  @Option(
      names = "--c",
      description = "Print the unified diff between the specs' C renderings (kernel C, Kconfig).")
  boolean c;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    // One comparison, one object: there is no stream of results to put one per line.
    common.format("diff", CommonOptions.Format.text, CommonOptions.Format.json);
    Optional<CheckedSpec> a = SpecArguments.load(specA, importPath, err);
    Optional<CheckedSpec> b = SpecArguments.load(specB, importPath, err);
    if (a.isEmpty() || b.isEmpty()) {
      return Main.FINDINGS;
    }
    if (c) {
      return renderedDiff(out, a.get(), b.get());
    }
    SpecDiff.Result result;
    // Progress on stderr only (stdout is the diff, for scripts and --format json), live at a
    // terminal, a heartbeat elsewhere; as conform decides it, by the console.
    try (DiffProgress progress = DiffProgress.start(System.console() != null, err)) {
      result = SpecDiff.compare(a.get(), b.get(), progress);
    }
    if (common.format == CommonOptions.Format.text) {
      out.print(text(result));
    } else {
      out.println(
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(result)));
    }
    boolean same = result.groups().isEmpty() && result.obligationChanges().isEmpty();
    return same ? Main.OK : Main.FINDINGS;
  }

  /** --c: the unified diff of the C renderings; exit 1 when they differ, as diff does. */
  private int renderedDiff(PrintWriter out, CheckedSpec a, CheckedSpec b) throws Exception {
    String diff = CDiff.unified(CRenderer.render(a), CRenderer.render(b));
    if (common.format == CommonOptions.Format.text) {
      out.print(diff);
    } else {
      ObjectNode root = new ObjectMapper().createObjectNode();
      root.put("a", a.spec().name());
      root.put("b", b.spec().name());
      root.put("diff", diff);
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
    return diff.isEmpty() ? Main.OK : Main.FINDINGS;
  }

  static String text(SpecDiff.Result r) {
    StringBuilder out = new StringBuilder();
    out.append("walkspec diff: A = ")
        .append(r.nameA())
        .append(", B = ")
        .append(r.nameB())
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "compared %,d scenarios of the exhaustive small scope; %,d differ, in %d group%s",
            r.compared(),
            r.differing(),
            r.groups().size(),
            r.groups().size() == 1 ? "" : "s"));
    if (r.notComparable() > 0) {
      out.append(
          String.format(
              Locale.ROOT,
              "; %,d not comparable (they set a flag or use a profile one spec lacks)",
              r.notComparable()));
    }
    out.append('\n');
    int n = 1;
    for (SpecDiff.Group g : r.groups()) {
      out.append('\n')
          .append(
              String.format(
                  Locale.ROOT,
                  "%d. %,d scenarios part at the first event where %s%n",
                  n++,
                  g.scenarios(),
                  g.firstDifference()));
      out.append("   they share: ").append(shared(g.shared())).append('\n');
      out.append("   ").append(g.handlerCalls()).append('\n');
      out.append("   smallest: ").append(ScenarioJson.write(g.smallest())).append('\n');
      out.append(sideBySide(r, g.traceA().lines(), g.traceB().lines()));
    }
    out.append('\n').append("handlers: ");
    if (r.obligationChanges().isEmpty()) {
      out.append("no change in the context handlers run in or in the obligations they must meet\n");
    } else {
      out.append("context and obligations that change\n");
      for (ObligationChanges.Change c : r.obligationChanges()) {
        out.append("  ").append(c.binding()).append(" (").append(c.kind()).append("): ");
        out.append(
            c.contextA().equals(c.contextB())
                ? c.contextA() + " in both"
                : c.contextA() + " in A, " + c.contextB() + " in B");
        if (!c.nowApply().isEmpty()) {
          out.append("; now apply: ").append(String.join(", ", c.nowApply()));
        }
        if (!c.noLongerApply().isEmpty()) {
          out.append("; no longer apply: ").append(String.join(", ", c.noLongerApply()));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String shared(Map<String, Set<String>> shared) {
    if (shared.isEmpty()) {
      return "nothing that sets them apart";
    }
    List<String> parts = new ArrayList<>();
    shared.forEach(
        (feature, values) ->
            parts.add(
                values.size() == 1
                    ? feature + " = " + values.iterator().next()
                    : feature + " in {" + String.join(", ", values) + "}"));
    return String.join("; ", parts);
  }

  private static String sideBySide(SpecDiff.Result r, List<String> a, List<String> b) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "     %-" + COLUMN + "s | %s%n", "A: " + r.nameA(), "B: " + r.nameB()));
    boolean parted = false;
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String left = i < a.size() ? a.get(i) : "";
      String right = i < b.size() ? b.get(i) : "";
      boolean first = !parted && !left.equals(right);
      parted |= first;
      out.append(
          String.format(
              Locale.ROOT, "   %s %-" + COLUMN + "s | %s%n", first ? ">" : " ", left, right));
    }
    return out.toString();
  }

  private static ObjectNode json(SpecDiff.Result r) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("a", r.nameA());
    root.put("b", r.nameB());
    root.put("compared", r.compared());
    root.put("differing", r.differing());
    root.put("not_comparable", r.notComparable());
    ArrayNode groups = root.putArray("groups");
    for (SpecDiff.Group g : r.groups()) {
      ObjectNode node = groups.addObject();
      node.put("first_difference", g.firstDifference());
      node.put("scenarios", g.scenarios());
      ObjectNode shared = node.putObject("shared");
      g.shared().forEach((k, v) -> v.forEach(shared.putArray(k)::add));
      node.put("calls_a", g.callsA());
      node.put("calls_b", g.callsB());
      node.set("smallest", readTree(mapper, ScenarioJson.write(g.smallest())));
      g.traceA().lines().forEach(node.putArray("trace_a")::add);
      g.traceB().lines().forEach(node.putArray("trace_b")::add);
    }
    ArrayNode changes = root.putArray("handler_changes");
    for (ObligationChanges.Change c : r.obligationChanges()) {
      ObjectNode node = changes.addObject();
      node.put("binding", c.binding());
      node.put("kind", c.kind());
      node.put("context_a", c.contextA());
      node.put("context_b", c.contextB());
      c.nowApply().forEach(node.putArray("now_apply")::add);
      c.noLongerApply().forEach(node.putArray("no_longer_apply")::add);
    }
    return root;
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(
      ObjectMapper mapper, String json) {
    try {
      return mapper.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("scenario JSON did not parse back", e);
    }
  }
}
