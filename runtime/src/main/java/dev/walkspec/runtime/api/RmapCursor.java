package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The entries of one locked reverse-map head; {@link #close()} releases the head's bit lock. */
@API(status = STABLE)
public interface RmapCursor extends EntryCursor, AutoCloseable {
  @Override
  void close();
}
