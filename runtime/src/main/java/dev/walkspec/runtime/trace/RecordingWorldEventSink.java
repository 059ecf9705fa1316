package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** Keeps every world event in order; safe to share between threads. */
@API(status = EXPERIMENTAL)
public final class RecordingWorldEventSink implements WorldEventSink {
  private final List<WorldEvent> events = new ArrayList<>();

  @Override
  public synchronized void emit(WorldEvent event) {
    events.add(event);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  public synchronized List<WorldEvent> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>(events.size());
    for (WorldEvent event : events) {
      lines.add(event.render());
    }
    return lines;
  }

  public synchronized void clear() {
    events.clear();
  }
}
