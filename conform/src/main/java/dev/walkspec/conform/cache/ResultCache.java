package dev.walkspec.conform.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walkspec.mutate.MutantOutcome;
import dev.walkspec.runtime.explore.StepRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Results stored by the content hash of their inputs ({@link CacheKeys}): one JSON file per key. An
 * entry is written whole or not at all (a temporary file moved into place), and an entry that
 * cannot be read is a miss, never an error: the work is done again and the entry replaced.
 */
public final class ResultCache {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one judgement of the matrix decided: the failure (null when it passed), how many tests it
   * took, which of its handler classes took the MMU lock for read inside a lockless walk (the
   * advisory notes of issue 17, which a reused judgement must still give), and the wall-clock time
   * of its tests when they ran (a reused judgement's cell says "cached" and names that time).
   */
  public record Judgement(Failure failure, int tests, List<String> readLockers, long millis) {
    public Judgement {
      readLockers = readLockers == null ? List.of() : List.copyOf(readLockers);
    }

    public Optional<Failure> outcome() {
      return Optional.ofNullable(failure);
    }
  }

  /**
   * A failure as the matrix keeps it: the obligation, where, the test, its report, the command that
   * reproduces it, and an explored counterexample's step rows (empty for others).
   */
  public record Failure(
      String obligation,
      String binding,
      String testName,
      String report,
      String reproduce,
      List<StepRow> steps) {
    public Failure {
      steps = steps == null ? List.of() : List.copyOf(steps);
    }
  }

  private final Path dir;
  private final List<Path> alsoReadFrom;

  private ResultCache(Path dir, List<Path> alsoReadFrom) {
    this.dir = dir;
    this.alsoReadFrom = List.copyOf(alsoReadFrom);
  }

  /**
   * This cache, also reading entries from {@code others} (shards' caches, for a merge) where it has
   * none; it writes only into its own directory. Sound because a key covers every input of its
   * entry, whoever computed it.
   */
  public ResultCache readingAlso(List<Path> others) {
    return new ResultCache(dir, others);
  }

  public static ResultCache at(Path dir) {
    return new ResultCache(dir, List.of());
  }

  public Path dir() {
    return dir;
  }

  public Optional<Judgement> judgement(String key) {
    return read("judgements", key, new TypeReference<Judgement>() {});
  }

  public void putJudgement(String key, Judgement judgement) {
    write(file("judgements", key), judgement);
  }

  /** Whether a range from mm reaches a kernel port's finding, and the report's sentence. */
  public record Reach(boolean reachable, String text) {}

  public Optional<Reach> reach(String key) {
    return read("reachability", key, new TypeReference<Reach>() {});
  }

  public void putReach(String key, Reach reach) {
    write(file("reachability", key), reach);
  }

  public Optional<List<MutantOutcome>> mutants(String key) {
    return read("mutants", key, new TypeReference<List<MutantOutcome>>() {});
  }

  public void putMutants(String key, List<MutantOutcome> outcomes) {
    write(file("mutants", key), outcomes);
  }

  private Path file(String kind, String key) {
    return file(dir, kind, key);
  }

  private static Path file(Path root, String kind, String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a cache key: " + key);
    }
    return root.resolve(kind).resolve(key.substring(0, 2)).resolve(key + ".json");
  }

  /** The entry from this cache's directory, else from the first other one that has it. */
  private <T> Optional<T> read(String kind, String key, TypeReference<T> type) {
    Optional<T> own = read(file(kind, key), type);
    for (int i = 0; own.isEmpty() && i < alsoReadFrom.size(); i++) {
      own = read(file(alsoReadFrom.get(i), kind, key), type);
    }
    return own;
  }

  private static <T> Optional<T> read(Path file, TypeReference<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  private static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".entry", ".tmp");
      try {
        JSON.writeValue(temp.toFile(), value);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result cache entry " + file, e);
    }
  }
}
