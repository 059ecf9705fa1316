package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Which kinds of TDP root a gfn range concerns on x86: the direct roots (shared memory), the mirror
 * roots (a TDX VM's private memory), or both. Upstream works this out from the range's attr_filter
 * in kvm_gfn_range_filter_to_root_types (arch/x86/kvm/mmu/tdp_mmu.h): a VM without mirrored TDP,
 * which is every VM but a TDX one, gets the direct roots whatever the filter; a TDX VM gets the
 * mirror roots for PRIVATE and the direct roots for SHARED. The kernel warns when the result is
 * empty (a filter of 0); an {@link AttrFilter} is always one of the two, so it cannot be here.
 *
 * <p>Unmap walks the roots of the selected kinds whether valid or not (the kernel adds its
 * invalid-roots bit to these types, and a root still has to be of a selected kind); aging walks the
 * valid ones of the selected kinds only.
 */
@API(status = EXPERIMENTAL)
public record RootTypes(boolean direct, boolean mirror) {
  /** The direct roots alone: what every non-TDX VM gets, and a TDX VM for SHARED. */
  public static final RootTypes DIRECT = new RootTypes(true, false);

  /** The mirror roots alone: a TDX VM for PRIVATE. */
  public static final RootTypes MIRROR = new RootTypes(false, true);

  public RootTypes {
    if (!direct && !mirror) {
      throw new IllegalArgumentException("root types select no root (upstream WARNs on this)");
    }
  }

  /** The root kinds a range with {@code filter} concerns in a VM with or without mirrored TDP. */
  public static RootTypes of(boolean mirroredTdp, AttrFilter filter) {
    Objects.requireNonNull(filter, "W6: attr_filter");
    if (!mirroredTdp) {
      return DIRECT;
    }
    return filter == AttrFilter.PRIVATE ? MIRROR : DIRECT;
  }

  /** The root kinds {@code range} concerns in {@code kvm}. */
  public static RootTypes of(Kvm kvm, GfnRange range) {
    return of(kvm.mirroredTdp(), range.attrFilter());
  }

  /** Whether {@code root} is of a selected kind (validity is the caller's choice). */
  public boolean includes(Root root) {
    return root.mirror() ? mirror : direct;
  }
}
