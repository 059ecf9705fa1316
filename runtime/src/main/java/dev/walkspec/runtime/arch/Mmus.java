package dev.walkspec.runtime.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Which page-table structures map a VM's guest memory. On x86 the TDP MMU's roots and the shadow
 * MMU's pages are separate structures with separate entries, as in the kernel: the TDP MMU's
 * entries never enter the reverse maps, which list shadow-MMU entries only. A gfn may be mapped
 * through both at once (an L1 mapping beside a nested guest's shadow page of the same gfn), so a
 * combined handler must get each part right on its own.
 */
@API(status = EXPERIMENTAL)
public enum Mmus {
  /**
   * Two-dimensional tables only: x86's TDP MMU in a VM that never built a shadow page (no nested
   * guest, so no reverse maps), and every other arch's stage-2 (g-stage, GPA) tables.
   */
  TDP,
  /**
   * Shadow pages only, found through per-slot reverse maps: x86 with the TDP MMU off (shadow
   * paging, or the legacy MMU over EPT/NPT).
   */
  SHADOW,
  /**
   * Both: x86's TDP MMU running a nested guest, whose shadow pages map gfns that L1's TDP mappings
   * map too. In such a world even-numbered vCPUs run L1 (their accesses and faults use the TDP MMU)
   * and odd-numbered ones run the nested guest (the shadow pages).
   */
  TDP_AND_SHADOW;

  /** Whether TDP roots exist (the {@code roots()} lists of the handler API). */
  public boolean tdp() {
    return this != SHADOW;
  }

  /** Whether shadow pages, and so reverse maps, exist. */
  public boolean shadow() {
    return this != TDP;
  }

  /** Whether vCPU {@code id} accesses guest memory through the shadow pages. */
  public boolean vcpuUsesShadow(int id) {
    return this == SHADOW || (this == TDP_AND_SHADOW && id % 2 == 1);
  }

  /** "TDP MMU", "shadow MMU", "TDP and shadow MMUs": for messages and reports. */
  public String describe() {
    return switch (this) {
      case TDP -> "TDP MMU";
      case SHADOW -> "shadow MMU";
      case TDP_AND_SHADOW -> "TDP and shadow MMUs";
    };
  }
}
