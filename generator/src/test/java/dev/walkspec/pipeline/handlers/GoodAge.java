package dev.walkspec.pipeline.handlers;

import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;

/** A handler class that passes the build's checks for kind age (its behaviour is not checked). */
public class GoodAge implements AgeHandler {
  @Override
  public boolean handle(Kvm kvm, GfnRange range) {
    return false;
  }
}
