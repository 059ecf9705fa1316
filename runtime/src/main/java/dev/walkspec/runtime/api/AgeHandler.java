package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Clears the accessed state of the range; true iff some mapping was young (H11). */
@FunctionalInterface
@API(status = STABLE)
public interface AgeHandler extends GfnHandler {}
