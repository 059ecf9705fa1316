package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The int-returning handler variant (history V7): negative error, 1 flush, 0 no flush. */
@FunctionalInterface
@API(status = STABLE)
public interface IntGfnHandler {
  int handle(Kvm kvm, GfnRange range);
}
