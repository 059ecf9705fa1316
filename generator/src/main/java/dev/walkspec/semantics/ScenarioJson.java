package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walkspec.runtime.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The JSON form of scenarios and traces (docs/scenarios.md). Reading is strict: an unknown key, a
 * missing one or a value of the wrong kind is a {@link ScenarioException} naming the key.
 */
@API(status = INTERNAL)
public final class ScenarioJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP =
      Set.of(
          "id",
          "arch",
          "config",
          "operation",
          "inputs",
          "range",
          "address_spaces",
          "gmem",
          "handler_results");
  private static final Set<String> INPUT_CALLBACKS = Set.of("handler", "on_lock");
  private static final Set<String> SLOT = Set.of("id", "base_gfn", "npages", "userspace_addr");

  private ScenarioJson() {}

  /** One scenario from JSON text; {@code fallbackId} names it when it has no "id". */
  public static Scenario read(String text, String fallbackId) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(
          "not valid JSON: "
              + e.getOriginalMessage()
              + (e.getLocation() != null ? " (column " + e.getLocation().getColumnNr() + ")" : ""));
    }
    if (root == null || !root.isObject()) {
      throw new ScenarioException("a scenario is a JSON object");
    }
    return scenario((ObjectNode) root, fallbackId);
  }

  private static Scenario scenario(ObjectNode root, String fallbackId) {
    unknownKeys(root, TOP, "");
    String id = root.has("id") ? text(root.get("id"), "id") : fallbackId;
    String arch = text(required(root, "arch", ""), "arch");
    Map<String, Boolean> config = booleans(root.get("config"), "config");
    Optional<String> operation =
        root.has("operation")
            ? Optional.of(text(root.get("operation"), "operation"))
            : Optional.empty();
    Map<String, Boolean> inputs = booleans(root.get("inputs"), "inputs");
    if (operation.isEmpty() && !root.has("inputs")) {
      throw new ScenarioException("a scenario needs \"operation\" or \"inputs\"");
    }
    Map<String, Boolean> flags = new LinkedHashMap<>(inputs);
    INPUT_CALLBACKS.forEach(flags::remove);
    if (operation.isPresent() && (inputs.containsKey("handler") || inputs.containsKey("on_lock"))) {
      throw new ScenarioException("inputs.handler/on_lock: an operation fixes its callbacks");
    }
    JsonNode range = required(root, "range", "");
    unknownKeys(range, Set.of("start", "end"), "range.");
    long start = integer(required(range, "start", "range."), "range.start", 0);
    long end = integer(required(range, "end", "range."), "range.end", 0);
    return new Scenario(
        id,
        arch,
        config,
        operation,
        flags,
        inputs.getOrDefault("handler", true),
        inputs.getOrDefault("on_lock", false),
        start,
        end,
        addressSpaces(root.get("address_spaces")),
        results(root.get("handler_results")),
        gmem(root.get("gmem")));
  }

  /** The guest_memfd file's bindings (G1): {"slot": id, "pgoff": first page offset}. */
  private static List<Scenario.GmemBinding> gmem(JsonNode node) {
    List<Scenario.GmemBinding> bindings = new ArrayList<>();
    if (node == null) {
      return bindings;
    }
    if (!node.isArray()) {
      throw new ScenarioException("gmem: expected a list of {\"slot\": id, \"pgoff\": n}");
    }
    for (int i = 0; i < node.size(); i++) {
      String where = "gmem[" + i + "].";
      JsonNode binding = node.get(i);
      unknownKeys(binding, Set.of("slot", "pgoff"), where);
      bindings.add(
          new Scenario.GmemBinding(
              (int) integer(required(binding, "slot", where), where + "slot", 0),
              integer(required(binding, "pgoff", where), where + "pgoff", 0)));
    }
    return bindings;
  }

  private static List<Scenario.AddressSpace> addressSpaces(JsonNode node) {
    List<Scenario.AddressSpace> spaces = new ArrayList<>();
    if (node == null) {
      return spaces;
    }
    if (!node.isArray()) {
      throw new ScenarioException("address_spaces: expected a list of {\"slots\": [...]}");
    }
    for (int as = 0; as < node.size(); as++) {
      String where = "address_spaces[" + as + "]";
      JsonNode space = node.get(as);
      unknownKeys(space, Set.of("slots"), where + ".");
      JsonNode slots = space.get("slots");
      List<Scenario.Slot> list = new ArrayList<>();
      if (slots != null) {
        if (!slots.isArray()) {
          throw new ScenarioException(where + ".slots: expected a list");
        }
        for (int i = 0; i < slots.size(); i++) {
          list.add(slot(slots.get(i), where + ".slots[" + i + "]"));
        }
      }
      spaces.add(new Scenario.AddressSpace(list));
    }
    return spaces;
  }

  private static Scenario.Slot slot(JsonNode node, String where) {
    unknownKeys(node, SLOT, where + ".");
    return new Scenario.Slot(
        (int) integer(required(node, "id", where + "."), where + ".id", 0),
        integer(required(node, "base_gfn", where + "."), where + ".base_gfn", 0),
        integer(required(node, "npages", where + "."), where + ".npages", 1),
        integer(required(node, "userspace_addr", where + "."), where + ".userspace_addr", 0));
  }

  private static List<Long> results(JsonNode node) {
    List<Long> results = new ArrayList<>();
    if (node == null) {
      return results;
    }
    if (!node.isArray()) {
      throw new ScenarioException("handler_results: expected a list of booleans or integers");
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode r = node.get(i);
      if (r.isBoolean()) {
        results.add(r.booleanValue() ? 1L : 0L);
      } else if (r.isIntegralNumber() && r.canConvertToLong()) {
        results.add(r.longValue());
      } else {
        throw new ScenarioException(
            "handler_results[" + i + "]: expected true, false or an integer");
      }
    }
    return results;
  }

  private static Map<String, Boolean> booleans(JsonNode node, String key) {
    Map<String, Boolean> map = new LinkedHashMap<>();
    if (node == null) {
      return map;
    }
    if (!node.isObject()) {
      throw new ScenarioException(key + ": expected an object of name -> true/false");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isBoolean()) {
        throw new ScenarioException(key + "." + field.getKey() + ": expected true or false");
      }
      map.put(field.getKey(), field.getValue().booleanValue());
    }
    return map;
  }

  private static JsonNode required(JsonNode node, String key, String prefix) {
    if (!node.isObject()) {
      throw new ScenarioException(
          prefix.isEmpty() ? "expected an object" : prefix + ": expected an object");
    }
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      throw new ScenarioException(prefix + key + ": missing");
    }
    return value;
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String prefix) {
    if (!node.isObject()) {
      throw new ScenarioException(
          (prefix.isEmpty() ? "scenario" : prefix.substring(0, prefix.length() - 1))
              + ": expected an object");
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                throw new ScenarioException(
                    prefix
                        + key
                        + ": unknown key; expected one of "
                        + known.stream().sorted().toList());
              }
            });
  }

  private static String text(JsonNode node, String key) {
    if (!node.isTextual()) {
      throw new ScenarioException(key + ": expected a string");
    }
    return node.textValue();
  }

  private static long integer(JsonNode node, String key, long min) {
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min) {
      throw new ScenarioException(key + ": expected an integer >= " + min + ", got " + node);
    }
    return node.longValue();
  }

  /** {"id": ..., "events": [...], "ret": ..., "found_memslot": ...} on one line. */
  public static String traceLine(String id, Trace trace) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id);
    ArrayNode events = out.putArray("events");
    trace.lines().forEach(events::add);
    TraceEvent.Result result = trace.result();
    if (result.ret().equals("true") || result.ret().equals("false")) {
      out.put("ret", Boolean.parseBoolean(result.ret()));
    } else {
      out.put("ret", Long.parseLong(result.ret()));
    }
    out.put("found_memslot", result.foundMemslot());
    return out.toString();
  }

  /** The JSON form of a scenario (what {@link #read} reads back). */
  public static String write(Scenario s) {
    return ScenarioJsonWriter.write(s);
  }
}
