package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.trace.TraceEvent;
import java.util.List;
import org.apiguardian.api.API;

/** The events of one walk, the RESULT line last; traces compare as their text lines. */
@API(status = INTERNAL)
public record Trace(List<TraceEvent> events) {
  public Trace {
    events = List.copyOf(events);
    if (events.isEmpty() || !(events.get(events.size() - 1) instanceof TraceEvent.Result)) {
      throw new IllegalArgumentException("a trace ends with its RESULT event");
    }
  }

  public List<String> lines() {
    return events.stream().map(TraceEvent::render).toList();
  }

  public TraceEvent.Result result() {
    return (TraceEvent.Result) events.get(events.size() - 1);
  }

  public String text() {
    return String.join("\n", lines()) + "\n";
  }
}
