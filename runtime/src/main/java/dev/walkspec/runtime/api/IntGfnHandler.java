package dev.walkspec.runtime.api;

/** The int-returning handler variant (history V7): negative error, 1 flush, 0 no flush. */
@FunctionalInterface
public interface IntGfnHandler {
  int handle(Kvm kvm, GfnRange range);
}
