package dev.walkspec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.kernel.Finding;
import dev.walkspec.kernel.KernelCheck;
import dev.walkspec.kernel.KernelTreeException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walkspec kernel-check SPEC --tree PATH}: does a kernel tree still match the spec? */
@Command(
    name = "kernel-check",
    mixinStandardHelpOptions = true,
    description =
        "Compare a kernel tree's walk (virt/kvm/kvm_main.c), callers and Kconfig with a spec.",
    footer = {
      "",
      "Example:",
      "  walkspec kernel-check spec/src/main/walkspec/kvm.walk --tree ~/src/linux",
      "",
      "Each difference is printed as FILE:LINE: RULE: what differs, FILE relative to the tree.",
      "C is compared as tokens after normalising what the spec's rendering is free to choose"
          + " (layout, comments, local and label names, bare declarations, initializer order);"
          + " see docs/kernel.md for what the comparison sees and what it cannot.",
      "",
      "Exit codes: 0 the tree matches, 1 differences (or a spec with errors), 2 usage."
    })
final class KernelCheckCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec (.walk).")
  Path spec;

  @Option(
      names = "--tree",
      required = true,
      paramLabel = "PATH",
      description = "The root of a kernel source tree.")
  Path tree;

  @Option(
      names = {"-I", "--import-path"},
      paramLabel = "DIR",
      description = "Another directory for imports.")
  List<Path> importPath = new ArrayList<>();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    // One report whose counts belong with its findings: one object, not a stream of lines.
    common.format("kernel-check", CommonOptions.Format.text, CommonOptions.Format.json);
    Optional<CheckedSpec> checked = SpecArguments.load(spec, importPath, err);
    if (checked.isEmpty()) {
      return Main.FINDINGS;
    }
    KernelCheck.Report report;
    try {
      report = KernelCheck.run(checked.get(), tree);
    } catch (KernelTreeException e) {
      throw new UsageException(e.getMessage());
    }
    if (common.format == CommonOptions.Format.text) {
      report.findings().forEach(f -> out.println(f.text()));
      out.println(summary(report, checked.get().spec().name()));
    } else {
      out.println(
          new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(report)));
    }
    return report.findings().isEmpty() ? Main.OK : Main.FINDINGS;
  }

  private String summary(KernelCheck.Report report, String specName) {
    String compared =
        "the walk and its callers ("
            + report.functions()
            + " functions), the Kconfig options and "
            + report.arches()
            + " arches' selections";
    int n = report.findings().size();
    return n == 0
        ? "walkspec kernel-check: " + tree + " matches spec " + specName + ": " + compared
        : "walkspec kernel-check: "
            + n
            + (n == 1 ? " difference" : " differences")
            + " between "
            + tree
            + " and spec "
            + specName
            + " in "
            + compared;
  }

  private static ObjectNode json(KernelCheck.Report report) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("functions", report.functions());
    root.put("arches", report.arches());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("file", f.file());
      node.put("line", f.line());
      node.put("rule", f.rule());
      node.put("message", f.message());
    }
    return root;
  }
}
