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
    String arch = profile.name().startsWith("x86_") ? "x86" : profile.name();
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
    return new ArchProfile(
        profile.name(),
        kind,
        kind == LockKind.RWLOCK ? fault : LockMode.SPIN,
        profile.addressSpaces(),
        base.codec(),
        base.levels(),
        base.maxHugeLevel(),
        base.shadowRmaps());
  }
}
