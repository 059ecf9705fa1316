package dev.walkspec.check;

import dev.walkspec.diag.DiagnosticCode;
import dev.walkspec.diag.Diagnostics;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Expressions;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Kconfig options: each has a known type, a default of that type, a boolean dependency. */
final class ConfigChecks {
  private final Spec spec;
  private final Diagnostics diagnostics;
  private final TypeChecker types;

  ConfigChecks(Spec spec, Diagnostics diagnostics, TypeChecker types) {
    this.spec = spec;
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /** The scope of Kconfig expressions: every option with a valid type. */
  static Scope scope(Spec spec) {
    Scope scope = new Scope("config option");
    for (ConfigOption option : spec.configs()) {
      Optional<Type> type = typeOf(option);
      if (type.isPresent()) {
        scope.with(option.name().text(), type.get());
      } else {
        scope.withUntyped(option.name().text());
      }
    }
    return scope;
  }

  static Optional<Type> typeOf(ConfigOption option) {
    return option.type().flatMap(t -> Type.named(t.text()));
  }

  void run() {
    Scope scope = scope(spec);
    for (ConfigOption option : spec.configs()) {
      checkType(option);
      Optional<Type> type = typeOf(option);
      option.defaultValue().ifPresent(d -> type.ifPresent(t -> types.expect(d, t, scope)));
      option.dependsOn().ifPresent(d -> types.expect(d, Type.BOOL, scope));
    }
    reportCycles();
  }

  private void checkType(ConfigOption option) {
    if (option.type().isEmpty()) {
      diagnostics.report(DiagnosticCode.WS203, option.name().pos(), option.name().text());
    } else if (Type.named(option.type().get().text()).isEmpty()) {
      diagnostics.report(
          DiagnosticCode.WS204,
          option.type().get().pos(),
          option.type().get().text(),
          String.join(", ", Type.NAMES));
    }
  }

  /** Options may read each other through this many levels (WS011 beyond: no deep recursion). */
  static final int MAX_CHAIN = 200;

  /**
   * An option's default and dependency may read other options, but never in a circle (WS307), and
   * not through more than {@link #MAX_CHAIN} options (WS011). Iterative (Tarjan's strongly
   * connected components), so neither a long chain nor many paths through the same options costs
   * more than linear time or any stack.
   */
  private void reportCycles() {
    List<ConfigOption> options = spec.configs();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < options.size(); i++) {
      index.putIfAbsent(options.get(i).name().text(), i);
    }
    int n = options.size();
    int[][] reads = new int[n][];
    for (int i = 0; i < n; i++) {
      ConfigOption option = options.get(i);
      Set<String> names = new TreeSet<>();
      option.defaultValue().ifPresent(e -> names.addAll(Expressions.names(e)));
      option.dependsOn().ifPresent(e -> names.addAll(Expressions.names(e)));
      reads[i] = names.stream().filter(index::containsKey).mapToInt(index::get).toArray();
    }
    int[] component = components(reads);
    int components = Arrays.stream(component).max().orElse(-1) + 1;
    int[] size = new int[components];
    for (int c : component) {
      size[c]++;
    }
    Set<Integer> reported = new HashSet<>();
    for (int i = 0; i < n; i++) {
      int c = component[i];
      int self = i;
      boolean selfLoop = Arrays.stream(reads[i]).anyMatch(j -> j == self);
      if ((size[c] > 1 || selfLoop) && reported.add(c)) {
        List<String> cycle = cycleThrough(i, reads, component);
        diagnostics.report(
            DiagnosticCode.WS307, options.get(i).name().pos(), String.join(" -> ", cycle));
      }
    }
    if (!reported.isEmpty()) {
      return;
    }
    // Acyclic: components are numbered so that every option reads only lower-numbered ones.
    int[] depth = new int[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> component[i]));
    for (int i : order) {
      int d = 1;
      for (int j : reads[i]) {
        d = Math.max(d, depth[j] + 1);
      }
      depth[i] = d;
    }
    for (int i = 0; i < n; i++) {
      if (depth[i] > MAX_CHAIN) {
        diagnostics.report(DiagnosticCode.WS011, options.get(i).name().pos(), MAX_CHAIN);
        return;
      }
    }
  }

  /**
   * Tarjan's strongly connected components, iteratively; a component is numbered after every
   * component it reads.
   */
  static int[] components(int[][] edges) {
    int n = edges.length;
    int[] number = new int[n];
    int[] low = new int[n];
    int[] component = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(number, -1);
    int[] stack = new int[n];
    int top = 0;
    int[] callNode = new int[n];
    int[] callEdge = new int[n];
    int counter = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (number[root] >= 0) {
        continue;
      }
      int depth = 0;
      callNode[0] = root;
      callEdge[0] = 0;
      number[root] = low[root] = counter++;
      stack[top++] = root;
      onStack[root] = true;
      while (depth >= 0) {
        int v = callNode[depth];
        if (callEdge[depth] < edges[v].length) {
          int w = edges[v][callEdge[depth]++];
          if (number[w] < 0) {
            number[w] = low[w] = counter++;
            stack[top++] = w;
            onStack[w] = true;
            depth++;
            callNode[depth] = w;
            callEdge[depth] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], number[w]);
          }
          continue;
        }
        if (low[v] == number[v]) {
          int w;
          do {
            w = stack[--top];
            onStack[w] = false;
            component[w] = components;
          } while (w != v);
          components++;
        }
        depth--;
        if (depth >= 0) {
          int parent = callNode[depth];
          low[parent] = Math.min(low[parent], low[v]);
        }
      }
    }
    return component;
  }

  /** A shortest cycle from an option back to itself inside its component, by name. */
  private List<String> cycleThrough(int start, int[][] reads, int[] component) {
    Map<Integer, Integer> previous = new HashMap<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    int last = -1;
    while (!queue.isEmpty() && last < 0) {
      int v = queue.poll();
      for (int w : reads[v]) {
        if (component[w] != component[start]) {
          continue;
        }
        if (w == start) {
          last = v;
          break;
        }
        if (!previous.containsKey(w)) {
          previous.put(w, v);
          queue.add(w);
        }
      }
    }
    List<String> names = new ArrayList<>();
    names.add(spec.configs().get(start).name().text());
    for (int v = last; v != start; v = previous.get(v)) {
      names.add(1, spec.configs().get(v).name().text());
    }
    names.add(spec.configs().get(start).name().text());
    return names;
  }
}
