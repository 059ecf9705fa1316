package dev.walkspec.runtime.api;

/** The entries of one locked reverse-map head; {@link #close()} releases the head's bit lock. */
public interface RmapCursor extends EntryCursor, AutoCloseable {
  @Override
  void close();
}
