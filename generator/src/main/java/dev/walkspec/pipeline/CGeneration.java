package dev.walkspec.pipeline;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Diagnostic;
import dev.walkspec.diag.Severity;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.OutputDirectory;
import dev.walkspec.emit.c.CRenderer;
import dev.walkspec.parse.SpecLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * One C rendering run: check every spec, render each as kernel C and Kconfig into {@code DIR/<spec
 * name>/} (laid out as a kernel tree: virt/kvm/kvm_main.c, virt/kvm/Kconfig, arch/ARCH/kvm/Kconfig,
 * include/linux/kvm_host.h), and replace the output directory atomically; nothing is written when a
 * spec has errors or nothing changed since the last run.
 */
@API(status = INTERNAL)
public final class CGeneration {
  private CGeneration() {}

  /** What a run did: the counts are 0 when it wrote nothing. */
  public record Result(
      boolean upToDate, int files, List<Diagnostic> diagnostics, Map<String, SourceFile> sources) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
      sources = Map.copyOf(sources);
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
  }

  public static Result run(List<Path> specs, List<Path> importPath, Path baseDir, Path output)
      throws IOException {
    Pipeline pipeline = new Pipeline(new SpecLoader(baseDir, importPath));
    List<Diagnostic> diagnostics = new ArrayList<>();
    Map<String, SourceFile> sources = new LinkedHashMap<>();
    List<CheckOutcome> checked = new ArrayList<>();
    for (Path spec : specs) {
      CheckOutcome outcome = pipeline.check(spec);
      diagnostics.addAll(outcome.diagnostics());
      sources.putAll(outcome.sources());
      checked.add(outcome);
    }
    if (diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
      return new Result(false, 0, diagnostics, sources);
    }
    Map<String, String> hashes = new TreeMap<>();
    for (CheckOutcome o : checked) {
      String name = o.checked().spec().name();
      if (hashes.put(name, o.checked().spec().contentHash()) != null) {
        throw new BuildProblem(
            "two specs are named " + name + ", and each renders into a directory of its name");
      }
    }
    String stamp = stamp(hashes);
    OutputDirectory dir = new OutputDirectory(output);
    if (dir.isCurrent(stamp)) {
      return new Result(true, 0, diagnostics, sources);
    }
    List<GeneratedFile> files = new ArrayList<>();
    for (CheckOutcome outcome : checked) {
      String name = outcome.checked().spec().name();
      files.addAll(CRenderer.render(outcome.checked()).generated(name));
    }
    files.sort(null);
    dir.replaceWith(files, stamp);
    return new Result(false, files.size(), diagnostics, sources);
  }

  /** A digest of what the output depends on: the generator's build and the specs. */
  static String stamp(Map<String, String> specHashes) {
    StringBuilder inputs =
        new StringBuilder("walkspec ").append(GeneratorBuild.identity()).append("\nlang c\n");
    specHashes.forEach(
        (name, hash) -> inputs.append("spec ").append(name).append(' ').append(hash).append('\n'));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(inputs.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
