package dev.walkspec.emit;

/** One generated source: its path relative to the output root, and its text. */
public record GeneratedFile(String relativePath, String content)
    implements Comparable<GeneratedFile> {
  @Override
  public int compareTo(GeneratedFile other) {
    return relativePath.compareTo(other.relativePath);
  }
}
