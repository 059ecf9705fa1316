package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Receives a walk's trace events. Callers test {@link #enabled()} before building an event, so a
 * disabled sink costs one predictable branch and no allocation.
 */
@API(status = EXPERIMENTAL)
public interface TraceSink {
  void emit(TraceEvent event);

  boolean enabled();

  /** Records nothing. */
  TraceSink OFF = Off.INSTANCE;

  /** The disabled sink. */
  enum Off implements TraceSink {
    INSTANCE;

    @Override
    public void emit(TraceEvent event) {}

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
