package dev.walkspec.runtime.api;

/** Clears the accessed state of the range; true iff some mapping was young (H11). */
@FunctionalInterface
public interface AgeHandler extends GfnHandler {}
