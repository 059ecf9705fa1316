package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Removes every mapping of the range in all roots; true means a TLB flush is needed (H11). */
@FunctionalInterface
@API(status = STABLE)
public interface UnmapHandler extends GfnHandler {}
