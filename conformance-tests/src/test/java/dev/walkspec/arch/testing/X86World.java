package dev.walkspec.arch.testing;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.mmu.RadixRoot;

/**
 * The x86 layout most tests use. Address space 0: slot 1 holds gfns [0, 2000), so the 2 MiB blocks
 * at 0, 512 and 1024 fit in it but the block at 1536 does not; slot 2 (the neighbour) holds [2000,
 * 2512). Address space 1 (SMM): slot 3 holds [0, 2000) too. Mapped in the vCPUs' root of space 0:
 * young 4 KiB pages at 10 and 11, an old one at 12, young 2 MiB blocks at 512 and 1024, a young
 * page of the neighbour at 2010; in space 1 a young page at 10.
 */
public final class X86World {
  public final Sandbox box;
  public final MemSlot slot;
  public final MemSlot neighbour;
  public final MemSlot smm;
  public final RadixRoot root;

  private X86World(ArchProfile profile) {
    box = Sandbox.of(profile);
    slot = box.slot(0, 1, 0, 2000);
    neighbour = box.slot(0, 2, 2000, 512);
    smm = profile.addressSpaces() > 1 ? box.slot(1, 3, 0, 2000) : null;
    root = box.root(0);
    box.map(root, 10, 1, true, false);
    box.map(root, 11, 1, true, false);
    box.map(root, 12, 1, false, false);
    box.map(root, 512, 2, true, false);
    box.map(root, 1024, 2, true, false);
    box.map(root, 2010, 1, true, false);
    if (smm != null) {
      box.map(box.root(1), 10, 1, true, false);
    }
  }

  public static X86World create() {
    return new X86World(ArchProfile.X86);
  }

  public static X86World create(ArchProfile profile) {
    return new X86World(profile);
  }
}
