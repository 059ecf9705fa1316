package dev.walkspec.runtime.arch;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.LockKind;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.Pages;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What differs between arches in the simulated world: the kind of MMU lock and the mode faults take
 * it in, the number of address spaces, the entry bit layout, table depth and largest huge mapping.
 * Which page-table structures a VM has (x86: the TDP MMU, the shadow MMU or both) is a choice of
 * each world ({@link Mmus}), not of the arch.
 *
 * <p>{@code coherentZap}: every zap keeps the TLBs coherent by itself, as s390's DAT instructions
 * (IPTE, IDTE, CRDTE) do: once the entry is invalid, no vCPU uses its translation any more, with no
 * separate remote flush (H11, H12).
 */
@API(status = EXPERIMENTAL)
public record ArchProfile(
    String name,
    LockKind lockKind,
    LockMode faultLockMode,
    int addressSpaces,
    EntryCodec codec,
    int levels,
    int maxHugeLevel,
    boolean coherentZap) {

  /** x86: rwlock, faults under the read lock, normal and SMM address spaces. */
  public static final ArchProfile X86 =
      new ArchProfile("x86", LockKind.RWLOCK, LockMode.READ, 2, X86EntryCodec.INSTANCE, 4, 3);

  /** x86 for a VM with private memory: one address space. */
  public static final ArchProfile X86_PRIVATE_MEMORY =
      X86.withAddressSpaces(1).named("x86-private");

  /** arm64: rwlock, faults under the read lock, one address space, blocks as huge mappings. */
  public static final ArchProfile ARM64 =
      new ArchProfile("arm64", LockKind.RWLOCK, LockMode.READ, 1, Arm64EntryCodec.INSTANCE, 4, 3);

  /** LoongArch: a spinlock MMU lock, and Accessed/Dirty set by software under it. */
  public static final ArchProfile LOONGARCH =
      new ArchProfile(
          "loongarch", LockKind.SPINLOCK, LockMode.SPIN, 1, LoongarchEntryCodec.INSTANCE, 4, 3);

  /** riscv (like mips): a spinlock, one address space. */
  public static final ArchProfile RISCV =
      new ArchProfile("riscv", LockKind.SPINLOCK, LockMode.SPIN, 1, RiscvEntryCodec.INSTANCE, 4, 3);

  /** A profile whose zaps leave TLBs to a remote flush (every arch but s390). */
  public ArchProfile(
      String name,
      LockKind lockKind,
      LockMode faultLockMode,
      int addressSpaces,
      EntryCodec codec,
      int levels,
      int maxHugeLevel) {
    this(name, lockKind, faultLockMode, addressSpaces, codec, levels, maxHugeLevel, false);
  }

  public ArchProfile {
    Objects.requireNonNull(name, "profile name");
    Objects.requireNonNull(lockKind, "lock kind");
    Objects.requireNonNull(codec, "entry codec");
    if (!lockKind.supports(faultLockMode)) {
      throw new IllegalArgumentException(
          "profile " + name + ": a " + lockKind + " cannot be taken in mode " + faultLockMode);
    }
    if (addressSpaces < 1) {
      throw new IllegalArgumentException(
          "profile " + name + ": needs at least one address space, got " + addressSpaces);
    }
    if (levels < 2 || levels > Pages.MAX_LEVELS) {
      throw new IllegalArgumentException(
          "profile " + name + ": table levels must be in [2, " + Pages.MAX_LEVELS + "]");
    }
    if (maxHugeLevel < 1 || maxHugeLevel >= levels) {
      throw new IllegalArgumentException(
          "profile " + name + ": largest mapping level must be in [1, " + (levels - 1) + "]");
    }
  }

  public ArchProfile withAddressSpaces(int count) {
    return new ArchProfile(
        name, lockKind, faultLockMode, count, codec, levels, maxHugeLevel, coherentZap);
  }

  /** This profile with zaps that keep TLBs coherent by themselves (s390), or not. */
  public ArchProfile withCoherentZap(boolean coherent) {
    return new ArchProfile(
        name, lockKind, faultLockMode, addressSpaces, codec, levels, maxHugeLevel, coherent);
  }

  public ArchProfile named(String newName) {
    return new ArchProfile(
        newName, lockKind, faultLockMode, addressSpaces, codec, levels, maxHugeLevel, coherentZap);
  }

  /** One past the largest gfn the tables of this profile can map. */
  public long gfnLimit() {
    return Pages.pagesAt(levels + 1);
  }
}
