package dev.walkspec.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The oracle matches the kernel: on every scenario of the exhaustive small scope, the reference
 * interpreter on a spec and the transcription of the kernel function it models give the same trace,
 * line for line. Profiles cover two address spaces (x86), one (arm64), and a spinlock arch (riscv).
 */
class KernelFidelityTest {
  private static final List<String> PROFILES = List.of("x86", "arm64", "riscv");

  @Test
  void kvm_walk_matches_the_v6_15_function() {
    assertThat(compare("kvm.walk", KernelWalk.Version.V6_15)).isGreaterThan(300_000);
  }

  @Test
  void v4_matches_the_v6_14_function() {
    assertThat(compare("v4-v6.14-locked-aging.walk", KernelWalk.Version.V6_14))
        .isGreaterThan(150_000);
  }

  @Test
  void v2_matches_the_function_with_the_null_handler_break() {
    assertThat(compare("v2-null-handler-break.walk", KernelWalk.Version.V6_15_WITH_BREAK))
        .isGreaterThan(300_000);
  }

  /** Compares every scenario; returns how many were compared. */
  private static long compare(String specName, KernelWalk.Version version) {
    CheckedSpec spec = Specs.bundled(specName);
    Interpreter interpreter = new Interpreter(spec);
    SmallScope scope = new SmallScope(spec);
    AtomicLong compared = new AtomicLong();
    long began = System.nanoTime();
    for (String name : PROFILES) {
      ResolvedProfile profile = spec.profile(name).orElseThrow();
      scope
          .explicitInputs(profile)
          .forEach(
              scenario -> {
                Trace kernel = kernel(version, profile, scenario);
                Trace oracle = interpreter.run(scenario);
                if (!kernel.lines().equals(oracle.lines())) {
                  throw new AssertionError(
                      specName
                          + " differs from the kernel on "
                          + ScenarioJson.write(scenario)
                          + "\nkernel:\n"
                          + kernel.text()
                          + "interpreter:\n"
                          + oracle.text());
                }
                compared.incrementAndGet();
              });
    }
    System.out.printf(
        "fidelity %s vs %s: %d scenarios identical in %.1f s%n",
        specName, version, compared.get(), (System.nanoTime() - began) / 1e9);
    return compared.get();
  }

  private static Trace kernel(KernelWalk.Version version, ResolvedProfile profile, Scenario s) {
    KernelWalk.Range range =
        new KernelWalk.Range(
            s.start(),
            s.end(),
            !s.handler(),
            !s.onLock(),
            s.flags().getOrDefault("flush_on_ret", false),
            s.flags().getOrDefault("may_block", false),
            s.flags().getOrDefault("lockless", false));
    return new KernelWalk(version, profile.isRwlock(), profile.addressSpaces(), s)
        .handleHvaRange(range);
  }
}
