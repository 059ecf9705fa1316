package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Reports whether some mapping of the range is young, without side effects (H11). */
@FunctionalInterface
@API(status = STABLE)
public interface TestAgeHandler extends GfnHandler {}
