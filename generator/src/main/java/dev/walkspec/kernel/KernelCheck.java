package dev.walkspec.kernel;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.c.CNames;
import dev.walkspec.emit.c.CRenderer;
import dev.walkspec.emit.c.CRendering;
import dev.walkspec.emit.c.RenderedFile;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Walker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * {@code walkspec kernel-check}: does a kernel tree still do what the spec says? The tree's walk
 * function and each caller are compared, token by token after normalisation, with the spec's C
 * rendering; its Kconfig options and each arch's selections with the spec's options and profiles.
 */
@API(status = INTERNAL)
public final class KernelCheck {
  private KernelCheck() {}

  /** The findings (sorted by file and line) and what was compared. */
  public record Report(List<Finding> findings, int functions, int arches) {
    public Report {
      findings = List.copyOf(findings);
    }
  }

  public static Report run(CheckedSpec checked, Path tree) throws IOException {
    if (!Files.isDirectory(tree)) {
      throw new KernelTreeException(tree + " is not a directory (give the root of a kernel tree)");
    }
    Path mainFile = tree.resolve(CRendering.KVM_MAIN);
    if (!Files.isRegularFile(mainFile)) {
      throw new KernelTreeException(
          tree + " is not a kernel tree: it has no " + CRendering.KVM_MAIN);
    }
    CRendering rendering = CRenderer.render(checked);
    RenderedFile main = rendering.file(CRendering.KVM_MAIN).orElseThrow();
    List<CToken> renderedTokens = CTokenizer.tokenize(main.text());
    List<CToken> treeTokens = CTokenizer.tokenize(read(mainFile));
    List<Finding> findings = new ArrayList<>();
    int functions = 0;
    for (Walker walker : checked.notifierWalkers()) {
      String walk = CNames.of(walker).walkFunction();
      findings.addAll(function(main, renderedTokens, treeTokens, walk, walker.name().text()));
      functions++;
      for (Operation op : checked.spec().operations()) {
        if (op.walker().text().equals(walker.name().text())) {
          findings.addAll(
              function(main, renderedTokens, treeTokens, CNames.caller(op), op.id().text()));
          functions++;
        }
      }
    }
    KconfigCheck kconfig = new KconfigCheck(checked);
    findings.addAll(kconfig(tree, kconfig));
    findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line));
    return new Report(findings, functions, kconfig.arches().size());
  }

  private static List<Finding> function(
      RenderedFile main, List<CToken> rendered, List<CToken> tree, String name, String rule) {
    CFunction spec = CFunction.find(rendered, name).orElseThrow();
    Optional<CFunction> found = CFunction.find(tree, name);
    if (found.isEmpty()) {
      return List.of(new Finding(CRendering.KVM_MAIN, 1, rule, "the tree has no function " + name));
    }
    return new TokenComparison(main, CRendering.KVM_MAIN, rule)
        .compare(
            TokenNormalizer.normalize(spec),
            TokenNormalizer.normalize(found.get()),
            found.get().line());
  }

  private static List<Finding> kconfig(Path tree, KconfigCheck check) throws IOException {
    List<Finding> findings = new ArrayList<>();
    Path options = tree.resolve(KconfigCheck.OPTIONS_FILE);
    if (Files.isRegularFile(options)) {
      findings.addAll(check.options(KconfigFile.parse(read(options))));
    } else {
      findings.add(
          new Finding(KconfigCheck.OPTIONS_FILE, 1, "Kconfig", "the tree has no virt/kvm/Kconfig"));
    }
    for (Profile arch : check.arches()) {
      Path file = tree.resolve(KconfigCheck.archFile(arch));
      Optional<KconfigFile> parsed =
          Files.isRegularFile(file) ? Optional.of(KconfigFile.parse(read(file))) : Optional.empty();
      findings.addAll(check.arch(arch, parsed));
    }
    return findings;
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
