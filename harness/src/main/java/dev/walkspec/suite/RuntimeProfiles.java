package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.runtime.api.LockKind;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/** The runtime arch profile that plays a spec profile: page-table layout, lock kind, spaces. */
@API(status = INTERNAL)
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
    LockMode fault = LockMode.valueOf(profile.faultLock().toString().toUpperCase(Locale.ROOT));
    return new ArchProfile(
        profile.name(),
        kind,
        kind == LockKind.RWLOCK ? fault : LockMode.SPIN,
        profile.addressSpaces(),
        base.codec(),
        base.levels(),
        base.maxHugeLevel(),
        profile.coherentZap());
  }

  /**
   * The VMs a handler of the profile must be right in, as its {@code tdp_mmu} and {@code
   * shadow_mmu} allow: the TDP MMU alone, shadow pages alone, and both. A TDP-only VM comes first,
   * so that a failure shrinks to it where it can.
   */
  public static List<Mmus> vms(ResolvedProfile profile) {
    List<Mmus> vms = new ArrayList<>();
    if (profile.tdpMmu()) {
      vms.add(Mmus.TDP);
    }
    if (profile.shadowMmu()) {
      vms.add(Mmus.SHADOW);
    }
    if (profile.tdpMmu() && profile.shadowMmu()) {
      vms.add(Mmus.TDP_AND_SHADOW);
    }
    return List.copyOf(vms);
  }

  /**
   * The VMs the explorer runs a profile's concurrent scenarios in: each structure alone. Races are
   * between a pass and the other actors on that pass's entries, so each pass is explored where it
   * does all the work; the one-call properties check the VM with both.
   */
  public static List<Mmus> exploredVms(ResolvedProfile profile) {
    return vms(profile).stream().filter(vm -> vm != Mmus.TDP_AND_SHADOW).toList();
  }

  /**
   * Whether roots of a running VM are invalidated and freed while notifiers may run: on x86 (the
   * TDP MMU's and the shadow MMU's roots, on a memslot or root change). The other arches keep one
   * stage-2 (g-stage) root for the VM's life; it is freed only at teardown, when the MMU notifier
   * is released, which may still race with a blockable invalidation that yielded the lock (the
   * unmap-vs-root-free scenario of those arches).
   */
  public static boolean freesRootsWhileRunning(ResolvedProfile profile) {
    return isX86(profile);
  }

  /**
   * Whether the profile's kernel unmap gives up the MMU lock mid-range when it may block (x86's TDP
   * and shadow zaps, arm64's stage-2 walk between 1 GiB chunks, riscv's g-stage walk after each
   * step), so that a root may be freed under it. LoongArch's and s390's never do.
   */
  public static boolean unmapMayYield(ResolvedProfile profile) {
    return isX86(profile) || List.of("arm64", "riscv").contains(profile.name());
  }

  /**
   * Whether a VM of the profile may have nested stage-2 tables beside its own (arm64 with nested
   * virtualization): the generated states' further roots are nested tables there (H9, H10).
   */
  public static boolean hasNestedStage2(ResolvedProfile profile) {
    return profile.name().equals("arm64");
  }

  /**
   * Whether a VM of the profile may be a TDX VM, whose TDP MMU has mirror roots for private memory
   * beside the direct roots (kvm_has_mirrored_tdp): x86 with private memory (one address space, no
   * SMM) and the TDP MMU.
   */
  public static boolean mayHaveMirroredTdp(ResolvedProfile profile) {
    return isX86(profile) && profile.addressSpaces() == 1 && profile.tdpMmu();
  }

  /** x86 or a variant of it (x86_private, x86_tdp, ...). */
  private static boolean isX86(ResolvedProfile profile) {
    return profile.name().equals("x86") || profile.name().startsWith("x86_");
  }
}
