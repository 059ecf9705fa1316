package dev.walkspec.emit.c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.Scenario;
import dev.walkspec.semantics.ScenarioJson;
import dev.walkspec.semantics.SmallScope;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-language equivalence: the C rendering of every bundled spec, compiled with the system C
 * compiler and run under the harness's shims, gives the reference interpreter's trace, line for
 * line, on every scenario of the exhaustive small scope that KernelFidelityTest uses (explicit
 * inputs on x86, arm64 and riscv) and on every operation scenario of those profiles (which run the
 * rendered callers, C1-C5). All scenarios of a spec and profile go through one process.
 */
class CEquivalenceTest {
  private static final List<String> PROFILES = List.of("x86", "arm64", "riscv");

  /** The bundled specs; -Dwalkspec.cSpecs=a.walk,b.walk narrows them while working on one. */
  static List<String> specs() {
    String only = System.getProperty("walkspec.cSpecs", "");
    return CRenderings.bundledNames().stream()
        .filter(n -> only.isBlank() || List.of(only.split(",")).contains(n))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void the_compiled_rendering_traces_like_the_interpreter(String name, @TempDir Path dir)
      throws Exception {
    Path cc = CHarness.compiler();
    CheckedSpec spec = CRenderings.checked(name);
    long began = System.nanoTime();
    CHarness harness = CHarness.prepare(cc, spec, dir);
    Interpreter interpreter = new Interpreter(spec);
    SmallScope scope = new SmallScope(spec);
    List<String> flags = spec.spec().walkers().get(0).flags().stream().map(f -> f.text()).toList();
    long explicit = 0;
    long operations = 0;
    double compiling = 0;
    for (String profileName : PROFILES) {
      ResolvedProfile profile = spec.profile(profileName).orElseThrow();
      long compileStart = System.nanoTime();
      Path binary = harness.compile(profile);
      compiling += (System.nanoTime() - compileStart) / 1e9;
      explicit +=
          run(
              binary,
              interpreter,
              scope.explicitInputs(profile),
              s -> ScenarioLines.explicit(s, flags),
              name);
      for (Binding binding : bindings(spec, profile)) {
        int op = harness.glue().operations().indexOf(binding.operation());
        List<String> paramFlags = harness.glue().paramFlags(binding.operation());
        operations +=
            run(
                binary,
                interpreter,
                scope.operation(binding),
                s -> ScenarioLines.operation(s, op, binding.operation(), paramFlags),
                name);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "c equivalence %s: %d explicit + %d operation scenarios identical on %s in %.1f s"
            + " (compiling %.1f s)%n",
        name,
        explicit,
        operations,
        String.join(", ", PROFILES),
        (System.nanoTime() - began) / 1e9,
        compiling);
    assertThat(explicit).isGreaterThan(100_000);
    assertThat(operations).isGreaterThan(10_000);
  }

  private static List<Binding> bindings(CheckedSpec spec, ResolvedProfile profile) {
    return spec.bindings().stream().filter(b -> b.profile().name().equals(profile.name())).toList();
  }

  private record Expected(Scenario scenario, List<String> lines) {}

  private static final Expected END = new Expected(null, List.of());

  /** Feeds the scenarios to one harness process and compares each trace; returns the count. */
  static long run(
      Path binary,
      Interpreter interpreter,
      Stream<Scenario> scenarios,
      java.util.function.Function<Scenario, String> encode,
      String spec)
      throws Exception {
    Path errors = binary.resolveSibling(binary.getFileName() + ".stderr");
    Process process = new ProcessBuilder(binary.toString()).redirectError(errors.toFile()).start();
    BlockingQueue<Expected> expected = new LinkedBlockingQueue<>(10_000);
    AtomicReference<Throwable> feedFailure = new AtomicReference<>();
    Thread feeder =
        new Thread(
            () -> {
              try (BufferedWriter in =
                  new BufferedWriter(
                      new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII),
                      1 << 16)) {
                for (Scenario s : (Iterable<Scenario>) scenarios::iterator) {
                  Expected next = new Expected(s, interpreter.run(s).lines());
                  if (!expected.offer(next)) {
                    // The reader is behind: let every trace it waits for out of both buffers.
                    in.write("F\n");
                    in.flush();
                    expected.put(next);
                  }
                  in.write(encode.apply(s));
                  in.write('\n');
                }
              } catch (Throwable t) {
                feedFailure.set(t);
              } finally {
                try {
                  expected.put(END);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "c-harness-feeder");
    feeder.setDaemon(true);
    feeder.start();
    long compared = 0;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII), 1 << 16)) {
      for (Expected next = expected.take(); next != END; next = expected.take()) {
        List<String> actual = readTrace(out);
        if (!actual.equals(next.lines())) {
          process.destroyForcibly();
          throw new AssertionError(
              "the C rendering of "
                  + spec
                  + " differs from the interpreter on "
                  + ScenarioJson.write(next.scenario())
                  + "\nC:\n"
                  + String.join("\n", actual)
                  + "\ninterpreter:\n"
                  + String.join("\n", next.lines())
                  + "\nstderr: "
                  + Files.readString(errors, StandardCharsets.UTF_8));
        }
        compared++;
      }
      assertThat(out.readLine()).as("output after the last trace").isNull();
    }
    if (feedFailure.get() != null) {
      throw new AssertionError("feeding the harness failed", feedFailure.get());
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("the harness's exit code").isZero();
    return compared;
  }

  /** The lines of one trace: up to and including its RESULT line. */
  private static List<String> readTrace(BufferedReader out) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      lines.add(line);
      if (line.startsWith("RESULT ")) {
        return lines;
      }
    }
    lines.add("(the harness ended)");
    return lines;
  }

  /** Scenarios as the harness reads them (see harness.c). */
  static final class ScenarioLines {
    private ScenarioLines() {}

    static String explicit(Scenario s, List<String> flags) {
      StringBuilder line = new StringBuilder("X ").append(s.start()).append(' ').append(s.end());
      flags.forEach(f -> line.append(' ').append(s.flags().getOrDefault(f, false) ? 1 : 0));
      line.append(' ').append(s.handler() ? 1 : 0).append(' ').append(s.onLock() ? 1 : 0);
      return layoutAndResults(line, s);
    }

    static String operation(Scenario s, int op, Operation operation, List<String> paramFlags) {
      StringBuilder line = new StringBuilder("O ").append(op);
      for (int i = 0; i < operation.params().size(); i++) {
        line.append(' ').append(i == 0 ? s.start() : i == 1 ? s.end() : 0);
      }
      paramFlags.forEach(f -> line.append(' ').append(s.flags().getOrDefault(f, false) ? 1 : 0));
      return layoutAndResults(line, s);
    }

    private static String layoutAndResults(StringBuilder line, Scenario s) {
      line.append(' ').append(s.addressSpaces().size());
      for (Scenario.AddressSpace space : s.addressSpaces()) {
        line.append(' ').append(space.slots().size());
        for (Scenario.Slot slot : space.slots()) {
          line.append(' ').append(slot.id()).append(' ').append(slot.baseGfn());
          line.append(' ').append(slot.npages()).append(' ').append(slot.userspaceAddr());
        }
      }
      line.append(' ').append(s.handlerResults().size());
      s.handlerResults().forEach(r -> line.append(' ').append(r));
      return line.toString();
    }
  }
}
