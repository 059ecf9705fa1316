package dev.walkspec.arch.s390;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/**
 * s390 age (C3, C4): under the MMU lock taken for read inside the lockless walk (H1), makes every
 * young leaf meeting the range old, large entries cut by the range included (H9); true iff one was
 * young (H11).
 */
public class S390AgeHandler extends DatAging implements AgeHandler {
  public S390AgeHandler() {}

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return walk(kvm, range, true);
  }
}
