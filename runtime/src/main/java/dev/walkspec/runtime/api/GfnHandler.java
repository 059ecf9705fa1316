package dev.walkspec.runtime.api;

/** An arch callback run for each (address space, slot) hit of a walk; returns a boolean (W9). */
@FunctionalInterface
public interface GfnHandler {
  boolean handle(Kvm kvm, GfnRange range);
}
