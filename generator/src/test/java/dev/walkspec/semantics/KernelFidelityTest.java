package dev.walkspec.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The oracle matches the kernel: on every scenario of the exhaustive small scope, the reference
 * interpreter on a spec and the transcription of the kernel function it models give the same trace,
 * line for line. Profiles cover two address spaces (x86), one (arm64), and a spinlock arch (riscv).
 * The MMU-notifier walk is compared on explicit inputs; the guest_memfd walk (C6, C7) and the
 * memory-attribute walk (C8) on every scenario of their operations.
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

  @Test
  void gmem_invalidation_matches_the_v7_0_functions() {
    assertThat(compareGmem("kvm.walk", KernelGmemWalk.FilterHelper.V6_18_RC2)).isGreaterThan(5_000);
  }

  @Test
  void v8_matches_the_gmem_invalidation_with_the_filter_hard_coded_private() {
    assertThat(
            compareGmem(
                "v8-gmem-private-filter.walk", KernelGmemWalk.FilterHelper.HARD_CODED_PRIVATE))
        .isGreaterThan(5_000);
  }

  @Test
  void memory_attribute_walk_matches_kvm_handle_gfn_range() {
    assertThat(compareOperations("kvm.walk", "C8", KernelFidelityTest::gfnRange))
        .isGreaterThan(20_000);
  }

  /** C6 (begin, with init_shared both ways) and C7 (end) on the guest_memfd file's bindings. */
  private static long compareGmem(String specName, KernelGmemWalk.FilterHelper helper) {
    long begin =
        compareOperations(
            specName,
            "C6",
            (profile, s) -> {
              String filter =
                  KernelGmemWalk.invalidateFilter(
                      helper, s.flags().getOrDefault("init_shared", false));
              return new KernelGmemWalk(profile.isRwlock(), s)
                  .invalidateBegin(s.start(), s.end(), filter);
            });
    long end =
        compareOperations(
            specName,
            "C7",
            (profile, s) ->
                new KernelGmemWalk(profile.isRwlock(), s).invalidateEnd(s.start(), s.end()));
    return begin + end;
  }

  private static Trace gfnRange(ResolvedProfile profile, Scenario s) {
    return new KernelGmemWalk(profile.isRwlock(), s)
        .handleGfnRange(profile.addressSpaces(), s.start(), s.end(), true);
  }

  /** The kernel function an operation's scenario runs. */
  private interface KernelFunction {
    Trace run(ResolvedProfile profile, Scenario scenario);
  }

  /** Every scenario of one operation on each profile; returns how many were compared. */
  private static long compareOperations(String specName, String operation, KernelFunction kernel) {
    CheckedSpec spec = Specs.bundled(specName);
    SmallScope scope = new SmallScope(spec);
    return compareAll(
        spec,
        specName,
        operation + " vs the kernel",
        profile -> scope.operation(spec.binding(operation, profile.name()).orElseThrow()),
        kernel);
  }

  /**
   * Runs the kernel function and the interpreter on each profile's scenarios and fails at the first
   * that differs; returns how many were compared.
   */
  private static long compareAll(
      CheckedSpec spec,
      String specName,
      String what,
      Function<ResolvedProfile, Stream<Scenario>> scenarios,
      KernelFunction kernel) {
    Interpreter interpreter = new Interpreter(spec);
    AtomicLong compared = new AtomicLong();
    long began = System.nanoTime();
    for (String name : PROFILES) {
      ResolvedProfile profile = spec.profile(name).orElseThrow();
      scenarios
          .apply(profile)
          .forEach(
              scenario -> {
                expectSame(specName, scenario, kernel.run(profile, scenario), interpreter);
                compared.incrementAndGet();
              });
    }
    System.out.printf(
        "fidelity %s %s: %d scenarios identical in %.1f s%n",
        specName, what, compared.get(), (System.nanoTime() - began) / 1e9);
    return compared.get();
  }

  private static void expectSame(
      String specName, Scenario scenario, Trace kernel, Interpreter interpreter) {
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
  }

  /** Compares every explicit-input scenario; returns how many were compared. */
  private static long compare(String specName, KernelWalk.Version version) {
    CheckedSpec spec = Specs.bundled(specName);
    SmallScope scope = new SmallScope(spec);
    return compareAll(
        spec,
        specName,
        "vs " + version,
        scope::explicitInputs,
        (profile, scenario) -> kernel(version, profile, scenario));
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
