package dev.walkspec.bench.states;

import dev.walkspec.suite.HandlerState;
import dev.walkspec.suite.HandlerStates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The mapping list of one generated handler state made consistent (later mappings win over earlier
 * ones they overlap): {@link HandlerStates#dedupe}, indexed by first gfn, against the scan it
 * replaced (a pass over every kept mapping per new one), on states shaped as the suites draw them:
 * a run of young 4K pages across a 1 GiB boundary (the long-run family, 530 to 700 pages), a few 2
 * MiB mappings around it, in one to three roots. JFR samples of the full matrix in one JVM put 14%
 * of its time in the scan.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DedupeBenchmark {
  @Param({"64", "700", "2100"})
  public int pages;

  private List<HandlerState.Mapping> mappings;

  @Setup
  public void setUp() {
    List<HandlerState.Mapping> all = new ArrayList<>();
    long gigabyte = 1L << 18;
    for (int root = 0; root < 3; root++) {
      all.add(new HandlerState.Mapping(root, gigabyte - 1024, 2, true, true, true));
      all.add(new HandlerState.Mapping(root, gigabyte + 4096, 2, true, true, true));
    }
    // The long-run family puts its run in the first root, after the drawn mappings.
    for (int i = 0; i < pages; i++) {
      all.add(new HandlerState.Mapping(0, gigabyte - pages / 2 + i, 1, true, true, true));
    }
    mappings = List.copyOf(all);
  }

  @Benchmark
  public List<HandlerState.Mapping> indexed() {
    return HandlerStates.dedupe(mappings);
  }

  @Benchmark
  public List<HandlerState.Mapping> scan() {
    List<HandlerState.Mapping> kept = new ArrayList<>();
    for (HandlerState.Mapping m : mappings) {
      kept.removeIf(
          k ->
              k.root() == m.root()
                  && k.shadow() == m.shadow()
                  && k.gfn() < m.gfn() + m.pages()
                  && m.gfn() < k.gfn() + k.pages());
      kept.add(m);
    }
    return kept;
  }
}
