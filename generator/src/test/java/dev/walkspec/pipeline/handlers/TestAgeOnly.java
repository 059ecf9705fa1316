package dev.walkspec.pipeline.handlers;

import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.TestAgeHandler;

/** A test_age handler: wrong for kind age. */
public class TestAgeOnly implements TestAgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return false;
  }
}
