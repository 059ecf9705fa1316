package dev.walkspec.runtime.trace;

/** Receives world events; test {@link #enabled()} first so that off costs nothing. */
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
