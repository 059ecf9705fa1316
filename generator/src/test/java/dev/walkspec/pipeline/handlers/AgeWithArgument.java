package dev.walkspec.pipeline.handlers;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** An age handler the suites cannot create: no no-argument constructor. */
public class AgeWithArgument implements AgeHandler {
  private final boolean result;

  public AgeWithArgument(boolean result) {
    this.result = result;
  }

  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return result;
  }
}
