package dev.walkspec.arch.testing;

import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.arch.Mmus;
import dev.walkspec.runtime.mmu.RadixRoot;

/**
 * The x86 layout most tests use. Address space 0: slot 1 holds gfns [0, 2000), so the 2 MiB blocks
 * at 0, 512 and 1024 fit in it but the block at 1536 does not; slot 2 (the neighbour) holds [2000,
 * 2512). Address space 1 (SMM): slot 3 holds [0, 2000) too. Mapped in space 0, through each
 * structure the VM has (its TDP root, its shadow root): young 4 KiB pages at 10 and 11, an old one
 * at 12, young 2 MiB blocks at 512 and 1024, a young page of the neighbour at 2010; in space 1 a
 * young page at 10.
 */
public final class X86World {
  public final Sandbox box;
  public final MemSlot slot;
  public final MemSlot neighbour;
  public final MemSlot smm;

  /** The TDP root vCPU 0 uses (null in a VM without the TDP MMU). */
  public final RadixRoot root;

  /** The shadow root, whose leaves the reverse maps list (null in a VM without shadow pages). */
  public final RadixRoot shadowRoot;

  private X86World(ArchProfile profile, Mmus mmus) {
    box = Sandbox.of(profile, mmus);
    slot = box.slot(0, 1, 0, 2000);
    neighbour = box.slot(0, 2, 2000, 512);
    smm = profile.addressSpaces() > 1 ? box.slot(1, 3, 0, 2000) : null;
    root = box.root(0);
    shadowRoot = box.shadowRoot(0);
    for (RadixRoot r : new RadixRoot[] {root, shadowRoot}) {
      if (r == null) {
        continue;
      }
      box.map(r, 10, 1, true, false);
      box.map(r, 11, 1, true, false);
      box.map(r, 12, 1, false, false);
      box.map(r, 512, 2, true, false);
      box.map(r, 1024, 2, true, false);
      box.map(r, 2010, 1, true, false);
    }
    if (smm != null) {
      RadixRoot other = mmus.tdp() ? box.root(1) : box.shadowRoot(1);
      box.map(other, 10, 1, true, false);
    }
  }

  /** x86 with the TDP MMU alone (no nested guest, so no reverse maps). */
  public static X86World create() {
    return new X86World(ArchProfile.X86, Mmus.TDP);
  }

  /** x86 with these structures: the layout is mapped through each. */
  public static X86World create(Mmus mmus) {
    return new X86World(ArchProfile.X86, mmus);
  }

  public static X86World create(ArchProfile profile) {
    return new X86World(profile, Mmus.TDP);
  }
}
