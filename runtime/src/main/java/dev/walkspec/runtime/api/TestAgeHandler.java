package dev.walkspec.runtime.api;

/** Reports whether some mapping of the range is young, without side effects (H11). */
@FunctionalInterface
public interface TestAgeHandler extends GfnHandler {}
