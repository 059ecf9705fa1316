package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The unified diff between the C renderings of two specs, file by file in the way {@code git diff}
 * shows two trees ({@code a/} the first spec's rendering, {@code b/} the second's), so that {@code
 * patch -p1} turns a rendered tree of the first into the second's.
 */
@API(status = INTERNAL)
public final class CDiff {
  /** Lines of context around each change, as diff -u has. */
  public static final int CONTEXT = 3;

  private CDiff() {}

  /** The diff; empty when the renderings are the same. */
  public static String unified(CRendering a, CRendering b) {
    Set<String> paths = new LinkedHashSet<>();
    a.files().forEach(f -> paths.add(f.path()));
    b.files().forEach(f -> paths.add(f.path()));
    StringBuilder out = new StringBuilder();
    for (String path : paths) {
      List<String> before = lines(a.file(path));
      List<String> after = lines(b.file(path));
      if (before.equals(after)) {
        continue;
      }
      Patch<String> patch = DiffUtils.diff(before, after);
      String from = a.file(path).isPresent() ? "a/" + path : "/dev/null";
      String to = b.file(path).isPresent() ? "b/" + path : "/dev/null";
      out.append("diff --walkspec a/").append(path).append(" b/").append(path).append('\n');
      for (String line : UnifiedDiffUtils.generateUnifiedDiff(from, to, before, patch, CONTEXT)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> lines(Optional<RenderedFile> file) {
    if (file.isEmpty()) {
      return List.of();
    }
    String text = file.get().text();
    return new ArrayList<>(Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1)));
  }
}
