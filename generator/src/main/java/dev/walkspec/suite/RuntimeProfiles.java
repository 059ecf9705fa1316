package dev.walkspec.suite;

import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.runtime.api.LockKind;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.arch.ArchProfile;

/** The runtime arch profile that plays a spec profile: page-table layout, lock kind, spaces. */
public final class RuntimeProfiles {
  private RuntimeProfiles() {}

  public static ArchProfile of(ResolvedProfile profile) {
    // A variant of an arch (x86_private, x86_tdp) is played by that arch's runtime profile.
    String arch = isX86(profile) ? "x86" : profile.name();
    ArchProfile base =
        switch (arch) {
          case "x86" -> ArchProfile.X86;
          case "arm64" -> ArchProfile.ARM64;
          case "loongarch" -> ArchProfile.LOONGARCH;
          default -> profile.isRwlock() ? ArchProfile.ARM64 : ArchProfile.RISCV;
        };
    LockKind kind = profile.isRwlock() ? LockKind.RWLOCK : LockKind.SPINLOCK;
    LockMode fault =
        LockMode.valueOf(profile.faultLock().toString().toUpperCase(java.util.Locale.ROOT));
    // A VM on x86 with the TDP MMU that never built a shadow page (no nested guest) has no
    // reverse maps: profiles named for it (x86_no_shadow_pages) play one, so that the x86
    // handlers' "no shadow pages yet" paths are checked too.
    boolean rmaps = base.shadowRmaps() && !profile.name().endsWith("_no_shadow_pages");
    return new ArchProfile(
        profile.name(),
        kind,
        kind == LockKind.RWLOCK ? fault : LockMode.SPIN,
        profile.addressSpaces(),
        base.codec(),
        base.levels(),
        base.maxHugeLevel(),
        rmaps);
  }

  /**
   * Whether roots of a running VM are invalidated and freed while notifiers may run: on x86 (the
   * TDP MMU's and the shadow MMU's roots, on a memslot or root change). The other arches keep the
   * stage-2 (g-stage) root for the VM's life, so a handler there may walk on in it after a yield.
   */
  public static boolean freesRootsWhileRunning(ResolvedProfile profile) {
    return isX86(profile);
  }

  /** x86 or a variant of it (x86_private, x86_tdp, ...). */
  private static boolean isX86(ResolvedProfile profile) {
    return profile.name().equals("x86") || profile.name().startsWith("x86_");
  }
}
