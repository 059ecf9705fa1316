package dev.walkspec.parse;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.SourceFile;
import dev.walkspec.model.SpecInput;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A root spec file and everything it imports, parsed. {@code files} lists each file once, every
 * file after the files it imports (the root last). {@code sources} holds the text of every file
 * that could be read, for caret excerpts, even when parsing failed; {@code inputs} the files the
 * content hash covers, in its order.
 */
@API(status = INTERNAL)
public record LoadedSpec(
    String name,
    List<Ast.SpecFile> files,
    Map<String, SourceFile> sources,
    String contentHash,
    List<SpecInput> inputs) {
  public LoadedSpec {
    inputs = List.copyOf(inputs);
    files = List.copyOf(files);
    sources = Map.copyOf(sources);
  }
}
