package dev.walkspec.runtime.api;

/** Removes every mapping of the range in all roots; true means a TLB flush is needed (H11). */
@FunctionalInterface
public interface UnmapHandler extends GfnHandler {}
