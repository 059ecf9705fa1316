package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** One generated source: its path relative to the output root, and its text. */
@API(status = INTERNAL)
public record GeneratedFile(String relativePath, String content)
    implements Comparable<GeneratedFile> {
  @Override
  public int compareTo(GeneratedFile other) {
    return relativePath.compareTo(other.relativePath);
  }
}
