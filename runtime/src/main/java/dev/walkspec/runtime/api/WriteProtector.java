package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An arch's locked writer that removes write permission from mappings (dirty logging). It runs with
 * the MMU lock held; when lockless aging may change the same entries concurrently, it must update
 * them atomically (H5).
 */
@FunctionalInterface
@API(status = STABLE)
public interface WriteProtector {
  /**
   * Write-protects every leaf meeting {@code [start, end)} of {@code slot}; returns true when an
   * entry lost its Writable bit, so TLBs must be flushed.
   */
  boolean writeProtect(Kvm kvm, MemSlot slot, long start, long end);
}
