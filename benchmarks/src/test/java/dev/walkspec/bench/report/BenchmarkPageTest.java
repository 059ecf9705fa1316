package dev.walkspec.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkPageTest {
  @TempDir Path dir;

  private BenchmarkPage page() throws IOException {
    Path results = dir.resolve("benchmarks/results");
    Files.createDirectories(results);
    for (String name :
        new String[] {
          "lookup.json", "aging-contention.json", "walker.json", "walker-interpreter.json"
        }) {
      try (InputStream in = getClass().getResourceAsStream("/fixture/" + name)) {
        Files.copy(in, results.resolve(name));
      }
    }
    return new BenchmarkPage(
        results,
        dir.resolve("docs/benchmarks.md"),
        new BenchmarkPage.Machine(
            2, "Test CPU", "OpenJDK 17", "1.37", "quick", "1 min 0 s", "0.50 0.40 0.30"));
  }

  private String render() throws IOException {
    return page().render(Optional.empty());
  }

  @Test
  void renderingTwiceGivesTheSamePage() throws IOException {
    BenchmarkPage page = page();
    String first = page.render(Optional.empty());
    assertThat(page.render(Optional.empty())).isEqualTo(first);
  }

  @Test
  void lookupTableHasMediansErrorsAndRatios() throws IOException {
    String page = render();
    assertThat(page)
        .contains("| 8 | 10.0 ± 1.00 | 8.00 ± 0.500 | 0.800x ± 0.094 |")
        .contains("| 512 | 20.0 | 510 ± 12.0 | 25.5x |");
  }

  @Test
  void lookupHeadlineComparesTheTreesGrowthWithTheLogarithmicBound() throws IOException {
    assertThat(render())
        .contains(
            "| 2 lookup | interval tree cost, 512 slots / 8 slots | 2.00x (linear scan 63.8x ± 4.26) |"
                + " logarithmic: <= 3.00x | yes |");
  }

  @Test
  void contentionDerivesPassTimeThroughputAndPairedRatiosPerIteration() throws IOException {
    String page = render();
    assertThat(page)
        .contains("| 2 | none | 100 ± 0.000 | 10,000,000 ± 0.000 |  |  |  |")
        .contains("| 2 | locked | 100 ± 0.000 | 2,000,000 ± 0.000 | 1.00 ± 0.000 |  | 80% ± 0% |")
        .contains(
            "| 2 | lockless | 100 ± 0.000 | 8,000,000 ± 0.000 | 0.250 ± 0.000 | 4.00x ± 0.000 |"
                + " 20% ± 0% |")
        .contains(
            "| 3 aging, TDP, 2 vCPUs | pass time locked / lockless; vCPU throughput lost (locked,"
                + " lockless) | 4.00x ± 0.000; 80%, 20% |")
        .contains("| passes: yes; vCPUs: yes |");
  }

  @Test
  void writesThePlotsAndLinksThemRelativeToThePage() throws IOException {
    String page = render();
    assertThat(page).contains("](../benchmarks/results/plots/lookup-cost.png)");
    for (String plot :
        new String[] {"lookup-cost.png", "aging-pass-time.png", "aging-vcpu-throughput.png"}) {
      Path file = dir.resolve("benchmarks/results/plots").resolve(plot);
      assertThat(file).exists();
      byte[] header = Files.readAllBytes(file);
      assertThat(header[1]).isEqualTo((byte) 'P');
    }
  }

  @Test
  void walkerTablePairsGeneratedHandWrittenAndInterpreter() throws IOException {
    assertThat(render())
        .contains(
            "| 8 | one | 40.0 ± 2.00 | 60.0 ± 3.00 | 20,000 ± 1,000 | 1.50x ± 0.106 | 500x ± 35.4 |")
        .contains("| 1 walker | hand-written / generated time (geometric mean of 1) | 1.50x");
  }

  @Test
  void benchmarksWithoutResultsAreSaidNotRun() throws IOException {
    assertThat(render())
        .contains("Not run (no `aging-scan.json`).")
        .contains("Not run (no `explorer-vs-lincheck.json`).");
  }

  @Test
  void headerNamesTheMachine() throws IOException {
    assertThat(render())
        .contains("| cores | 2 |")
        .contains("| JDK | OpenJDK 17 |")
        .contains("| mode | `benchmarks/run --quick` |");
  }
}
