package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/** Keeps every event in order; safe to share between threads. */
@API(status = EXPERIMENTAL)
public final class RecordingTraceSink implements TraceSink {
  private final List<TraceEvent> events = new ArrayList<>();

  @Override
  public synchronized void emit(TraceEvent event) {
    events.add(event);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  public synchronized List<TraceEvent> events() {
    return List.copyOf(events);
  }

  /** The rendered lines. */
  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<>(events.size());
    for (TraceEvent event : events) {
      lines.add(event.render());
    }
    return lines;
  }

  /** The lines joined, each ending with a newline. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (String line : lines()) {
      text.append(line).append('\n');
    }
    return text.toString();
  }

  public synchronized void clear() {
    events.clear();
  }
}
