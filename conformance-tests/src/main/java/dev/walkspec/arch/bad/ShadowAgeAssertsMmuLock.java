package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.shadow.ShadowAccessTrackAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Kvm;

/** H1: the lockless shadow age asserts the MMU write lock before marking an entry. */
public class ShadowAgeAssertsMmuLock extends ShadowAccessTrackAgeHandler {
  public ShadowAgeAssertsMmuLock() {}

  @Override
  protected void ageEntry(Kvm kvm, EntryCursor spte, long old) {
    kvm.mmuLock().assertHeldWrite("H1", "marking a shadow entry for access tracking");
    super.ageEntry(kvm, spte, old);
  }
}
