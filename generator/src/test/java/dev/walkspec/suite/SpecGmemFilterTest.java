package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.runtime.api.AttrFilter;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.explore.GmemInvalidation.FilterDecision;
import dev.walkspec.runtime.gmem.GuestMemfd;
import dev.walkspec.runtime.world.World;
import dev.walkspec.semantics.Specs;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The explored guest_memfd scenario runs with the attr_filter the spec's C6 passes (G8): the
 * canonical spec's (5d3341d684be: shared for an INIT_SHARED file, private otherwise) and V8's
 * (private for every file), read off the interpreter's trace.
 */
class SpecGmemFilterTest {
  private static final World WORLD = World.builder(ArchProfile.X86_PRIVATE_MEMORY).build();

  @Test
  void the_canonical_spec_passes_shared_for_an_init_shared_file_and_private_otherwise() {
    FilterDecision decision = decision("kvm.walk");
    assertThat(decision.filterFor(file(true))).isEqualTo(AttrFilter.SHARED);
    assertThat(decision.filterFor(file(false))).isEqualTo(AttrFilter.PRIVATE);
  }

  @Test
  void v8_passes_private_for_every_file() {
    FilterDecision decision = decision("v8-gmem-private-filter.walk");
    assertThat(decision.filterFor(file(true))).isEqualTo(AttrFilter.PRIVATE);
    assertThat(decision.filterFor(file(false))).isEqualTo(AttrFilter.PRIVATE);
  }

  @Test
  void a_spec_without_a_walk_over_bindings_decides_nothing() {
    CheckedSpec spec = Specs.bundled("kvm.walk");
    CheckedSpec withoutGmem = new CheckedSpec(spec.spec(), spec.profiles(), spec.bindings());
    assertThat(SpecGmemFilter.of(withoutGmem, spec.profile("x86_private").orElseThrow())).isEmpty();
  }

  private static FilterDecision decision(String name) {
    CheckedSpec spec = Specs.bundled(name);
    Optional<FilterDecision> decision =
        SpecGmemFilter.of(spec, spec.profile("x86_private").orElseThrow());
    assertThat(decision).as(name + " has a guest_memfd invalidation").isPresent();
    return decision.get();
  }

  private static GuestMemfd file(boolean initShared) {
    return WORLD.createGuestMemfd(initShared);
  }
}
