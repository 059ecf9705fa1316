package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.emit.GeneratedFile;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** The C rendering of one spec: files laid out as in a kernel tree. */
@API(status = INTERNAL)
public record CRendering(String specName, List<RenderedFile> files) {
  public static final String KVM_MAIN = "virt/kvm/kvm_main.c";
  public static final String KVM_HOST = "include/linux/kvm_host.h";
  public static final String KCONFIG = "virt/kvm/Kconfig";

  public CRendering {
    files = List.copyOf(files);
  }

  public Optional<RenderedFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }

  /** The files as generated sources under {@code prefix} ("" for the output root). */
  public List<GeneratedFile> generated(String prefix) {
    return files.stream()
        .map(
            f -> new GeneratedFile(prefix.isEmpty() ? f.path() : prefix + "/" + f.path(), f.text()))
        .toList();
  }

  /** Every file one after another, each under a "==> path <==" line, for diffs and reviews. */
  public String concatenated() {
    StringBuilder all = new StringBuilder();
    for (RenderedFile f : files) {
      all.append("==> ").append(f.path()).append(" <==\n").append(f.text());
    }
    return all.toString();
  }
}
