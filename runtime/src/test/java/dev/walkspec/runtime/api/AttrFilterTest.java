package dev.walkspec.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The filters by the kernel's names, as specs and traces write them (G7, W6). */
class AttrFilterTest {
  @Test
  void each_filter_has_the_kernels_name() {
    assertThat(AttrFilter.SHARED.kernelName()).isEqualTo("KVM_FILTER_SHARED");
    assertThat(AttrFilter.PRIVATE.kernelName()).isEqualTo("KVM_FILTER_PRIVATE");
  }

  @Test
  void a_kernel_name_gives_its_filter_and_any_other_name_none() {
    assertThat(AttrFilter.ofKernelName("KVM_FILTER_SHARED")).contains(AttrFilter.SHARED);
    assertThat(AttrFilter.ofKernelName("KVM_FILTER_PRIVATE")).contains(AttrFilter.PRIVATE);
    assertThat(AttrFilter.ofKernelName("")).isEmpty();
    assertThat(AttrFilter.ofKernelName("SHARED")).isEmpty();
  }
}
