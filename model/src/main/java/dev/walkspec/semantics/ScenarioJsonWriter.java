package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * Writes a scenario in its JSON form (docs/scenarios.md), the text a failing walker suite prints
 * for {@code walkspec replay}. It lives here, apart from the Jackson reader ({@code ScenarioJson}
 * in the generator), so that a generated suite's test class path carries no JSON library; the
 * generator's tests read every written form back with the strict reader.
 */
@API(status = INTERNAL)
public final class ScenarioJsonWriter {
  private ScenarioJsonWriter() {}

  /** The scenario as one line of compact JSON, keys in a fixed order, maps sorted by key. */
  public static String write(Scenario s) {
    List<String> top = new ArrayList<>();
    top.add(member("id", string(s.id())));
    top.add(member("arch", string(s.arch())));
    if (!s.config().isEmpty()) {
      top.add(member("config", booleans(s.config())));
    }
    s.operation().ifPresent(o -> top.add(member("operation", string(o))));
    Map<String, Boolean> inputs = new TreeMap<>(s.flags());
    List<String> inputMembers = new ArrayList<>();
    inputs.forEach((k, v) -> inputMembers.add(member(k, String.valueOf(v))));
    if (s.operation().isEmpty()) {
      inputMembers.add(member("handler", String.valueOf(s.handler())));
      inputMembers.add(member("on_lock", String.valueOf(s.onLock())));
    }
    if (!inputMembers.isEmpty()) {
      top.add(member("inputs", object(inputMembers)));
    }
    top.add(
        member(
            "range",
            object(
                List.of(
                    member("start", Long.toString(s.start())),
                    member("end", Long.toString(s.end()))))));
    List<String> spaces = new ArrayList<>();
    for (Scenario.AddressSpace space : s.addressSpaces()) {
      List<String> slots = new ArrayList<>();
      for (Scenario.Slot slot : space.slots()) {
        slots.add(
            object(
                List.of(
                    member("id", String.valueOf(slot.id())),
                    member("base_gfn", String.valueOf(slot.baseGfn())),
                    member("npages", String.valueOf(slot.npages())),
                    member("userspace_addr", String.valueOf(slot.userspaceAddr())))));
      }
      spaces.add(object(List.of(member("slots", array(slots)))));
    }
    top.add(member("address_spaces", array(spaces)));
    if (!s.gmem().isEmpty()) {
      List<String> bindings = new ArrayList<>();
      for (Scenario.GmemBinding b : s.gmem()) {
        bindings.add(
            object(
                List.of(
                    member("slot", String.valueOf(b.slot())),
                    member("pgoff", String.valueOf(b.pgoff())))));
      }
      top.add(member("gmem", array(bindings)));
    }
    top.add(
        member(
            "handler_results", array(s.handlerResults().stream().map(String::valueOf).toList())));
    return object(top);
  }

  private static String booleans(Map<String, Boolean> values) {
    List<String> members = new ArrayList<>();
    new TreeMap<>(values).forEach((k, v) -> members.add(member(k, String.valueOf(v))));
    return object(members);
  }

  private static String member(String key, String value) {
    return string(key) + ":" + value;
  }

  private static String object(List<String> members) {
    return "{" + String.join(",", members) + "}";
  }

  private static String array(List<String> items) {
    return "[" + String.join(",", items) + "]";
  }

  /** A JSON string literal (RFC 8259): quote, backslash and control characters escaped. */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
