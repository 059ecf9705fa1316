package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** An arch callback run for each (address space, slot) hit of a walk; returns a boolean (W9). */
@FunctionalInterface
@API(status = STABLE)
public interface GfnHandler {
  boolean handle(Kvm kvm, GfnRange range);
}
