package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Optional;
import org.apiguardian.api.API;

/** Which kind of guest memory a gfn range concerns; hva notifications always use SHARED (W6). */
@API(status = STABLE)
public enum AttrFilter {
  SHARED("KVM_FILTER_SHARED"),
  PRIVATE("KVM_FILTER_PRIVATE");

  private final String kernelName;

  AttrFilter(String kernelName) {
    this.kernelName = kernelName;
  }

  /** The kernel's name of the filter, as specs and traces write it (KVM_FILTER_SHARED). */
  public String kernelName() {
    return kernelName;
  }

  /** The filter the kernel calls {@code name}, if any. */
  public static Optional<AttrFilter> ofKernelName(String name) {
    return Arrays.stream(values()).filter(f -> f.kernelName.equals(name)).findFirst();
  }
}
