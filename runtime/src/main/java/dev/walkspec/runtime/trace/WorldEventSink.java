package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** Receives world events; test {@link #enabled()} first so that off costs nothing. */
@API(status = EXPERIMENTAL)
public interface WorldEventSink {
  void emit(WorldEvent event);

  boolean enabled();

  /** Records nothing. */
  WorldEventSink OFF = Off.INSTANCE;

  /** The disabled sink. */
  enum Off implements WorldEventSink {
    INSTANCE;

    @Override
    public void emit(WorldEvent event) {}

    @Override
    public boolean enabled() {
      return false;
    }
  }
}
