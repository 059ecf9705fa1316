package dev.walkspec.suite;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.runtime.api.GfnHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** What the tests of one-call handler checks share: a suite on kvm.walk, a one-page state. */
final class SuiteFixtures {
  private SuiteFixtures() {}

  /** The suite of {@code operation} (an id, "C4") on {@code profile} of the bundled kvm.walk. */
  static HandlerSuite suite(
      String operation, String profile, String name, Supplier<? extends GfnHandler> handler) {
    Path spec = BundledSpecs.file("kvm.walk");
    CheckedSpec checked = Pipeline.standard().check(spec).checked();
    return HandlerSuite.of(
        SpecRef.of(() -> checked, spec.toAbsolutePath().toString()),
        operation,
        profile,
        name,
        handler);
  }

  /**
   * A 512-page slot at gfn 0 with a 16-page neighbour, one root, the range [0, 8), and one writable
   * 4K page at gfn 3, young or not.
   */
  static HandlerState pageAt3(boolean young) {
    return new HandlerState(
        0,
        512,
        16,
        1,
        List.of(),
        List.of(new HandlerState.Mapping(0, 3, 1, young, false, true)),
        0,
        8);
  }
}
