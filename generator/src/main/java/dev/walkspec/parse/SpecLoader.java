package dev.walkspec.parse;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.diag.Pos;
import dev.walkspec.diag.SourceFile;
import dev.walkspec.model.SpecHash;
import dev.walkspec.model.SpecInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Reads a root spec file and, depth first, every file it imports. An import is looked up next to
 * the importing file, then in each directory of the import path (specs unpacked from a dependency
 * jar, for instance). Files are shown relative to a base directory.
 */
@API(status = INTERNAL)
public final class SpecLoader {
  private static final long MAX_BYTES = 16L * 1024 * 1024;
  private final Path displayBase;
  private final List<Path> importPath;

  public SpecLoader(Path displayBase, List<Path> importPath) {
    this.displayBase = displayBase.toAbsolutePath().normalize();
    this.importPath = importPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** A loader that shows paths relative to the working directory and has no import path. */
  public static SpecLoader inWorkingDirectory() {
    return new SpecLoader(Path.of(""), List.of());
  }

  public LoadedSpec load(Path root, Diagnostics diagnostics) {
    Path absolute = root.toAbsolutePath().normalize();
    Walk walk = new Walk(diagnostics, absolute.getParent());
    walk.visit(absolute, null, new ArrayDeque<>());
    String name = baseName(absolute);
    return new LoadedSpec(name, walk.order, walk.sources, walk.hash(), walk.inputs);
  }

  private static String baseName(Path file) {
    String fileName = file.getFileName() == null ? "spec" : file.getFileName().toString();
    return fileName.endsWith(".walk") ? fileName.substring(0, fileName.length() - 5) : fileName;
  }

  String display(Path absolute) {
    Path shown = absolute.startsWith(displayBase) ? displayBase.relativize(absolute) : absolute;
    String text = shown.toString().replace('\\', '/');
    return text.isEmpty() ? "." : text;
  }

  /** The state of one load: files done, the import stack for cycles, the texts read. */
  private final class Walk {
    private final Diagnostics diagnostics;
    private final Path rootDir;
    private final Set<Path> done = new HashSet<>();
    private final List<Ast.SpecFile> order = new ArrayList<>();
    private final Map<String, SourceFile> sources = new LinkedHashMap<>();
    private final Map<String, String> hashInputs = new LinkedHashMap<>();
    private final List<SpecInput> inputs = new ArrayList<>();

    Walk(Diagnostics diagnostics, Path rootDir) {
      this.diagnostics = diagnostics;
      this.rootDir = rootDir;
    }

    void visit(Path file, Pos importedAt, Deque<Path> stack) {
      if (stack.contains(file)) {
        reportCycle(file, importedAt, stack);
        return;
      }
      if (!done.add(file)) {
        return;
      }
      Optional<SourceFile> source = read(file, importedAt);
      if (source.isEmpty()) {
        return;
      }
      sources.put(source.get().displayName(), source.get());
      hashInputs.put(hashName(file), source.get().text());
      inputs.add(input(file));
      Optional<Ast.SpecFile> ast = SpecParser.parse(source.get(), diagnostics);
      if (ast.isEmpty()) {
        return;
      }
      stack.push(file);
      for (Ast.Import imp : ast.get().imports()) {
        if (stack.size() > SpecParser.MAX_NESTING) {
          // Each level is a frame of this recursion: refuse rather than risk the stack.
          diagnostics.report(DiagnosticCode.WS011, imp.pos(), SpecParser.MAX_NESTING);
          break;
        }
        resolve(file, imp).ifPresent(target -> visit(target, imp.pos(), stack));
      }
      stack.pop();
      order.add(ast.get());
    }

    private Optional<Path> resolve(Path from, Ast.Import imp) {
      List<Path> candidates = new ArrayList<>();
      candidates.add(from.getParent().resolve(imp.path()).normalize());
      importPath.forEach(dir -> candidates.add(dir.resolve(imp.path()).normalize()));
      for (Path candidate : candidates) {
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
      String places =
          candidates.stream().map(p -> display(p.getParent())).collect(Collectors.joining(", "));
      diagnostics.report(DiagnosticCode.WS009, imp.pos(), imp.path(), places);
      return Optional.empty();
    }

    private void reportCycle(Path file, Pos importedAt, Deque<Path> stack) {
      List<String> chain = new ArrayList<>();
      List<Path> path = new ArrayList<>(stack);
      Collections.reverse(path);
      for (Path p : path.subList(path.indexOf(file), path.size())) {
        chain.add(display(p));
      }
      chain.add(display(file));
      diagnostics.report(DiagnosticCode.WS010, importedAt, String.join(" -> ", chain));
    }

    private Optional<SourceFile> read(Path file, Pos importedAt) {
      String shown = display(file);
      Pos where = importedAt != null ? importedAt : Pos.startOf(shown);
      try {
        if (Files.isDirectory(file)) {
          diagnostics.report(DiagnosticCode.WS006, where, shown, "it is a directory");
          return Optional.empty();
        }
        if (Files.size(file) > MAX_BYTES) {
          diagnostics.report(DiagnosticCode.WS006, where, shown, "larger than 16 MiB");
          return Optional.empty();
        }
        return decode(shown, Files.readAllBytes(file));
      } catch (NoSuchFileException missing) {
        diagnostics.report(DiagnosticCode.WS006, where, shown, "no such file");
      } catch (IOException e) {
        diagnostics.report(DiagnosticCode.WS006, where, shown, String.valueOf(e.getMessage()));
      }
      return Optional.empty();
    }

    private Optional<SourceFile> decode(String shown, byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == 0) {
          diagnostics.report(
              DiagnosticCode.WS007, Pos.startOf(shown), shown, "NUL byte at offset " + i);
          return Optional.empty();
        }
      }
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        text = SpecHash.text(text);
        return Optional.of(new SourceFile(shown, text));
      } catch (CharacterCodingException e) {
        diagnostics.report(DiagnosticCode.WS007, Pos.startOf(shown), shown, "not valid UTF-8");
        return Optional.empty();
      }
    }

    /** Files are hashed under their path relative to the root's directory: stable anywhere. */
    private String hashName(Path file) {
      Path relative = file.startsWith(rootDir) ? rootDir.relativize(file) : file.getFileName();
      return relative.toString().replace('\\', '/');
    }

    String hash() {
      return SpecHash.of(hashInputs);
    }

    /** Where the drift lock finds the file again: beside the root, or on the import path. */
    private SpecInput input(Path file) {
      if (file.startsWith(rootDir)) {
        return new SpecInput(hashName(file), slashes(rootDir.relativize(file)), false);
      }
      for (Path dir : importPath) {
        if (file.startsWith(dir)) {
          return new SpecInput(hashName(file), slashes(dir.relativize(file)), true);
        }
      }
      return new SpecInput(hashName(file), slashes(file), true);
    }

    private static String slashes(Path path) {
      return path.toString().replace('\\', '/');
    }
  }
}
