package dev.walkspec.conform;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.Generator;
import dev.walkspec.emit.GeneratorOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an explored outcome depends on besides the handler: the walker that drives it. Two specs
 * whose generated walker for an operation is the same code (names, comments and the spec hash
 * aside) give the handler the same schedules, so they can share one exploration.
 */
final class WalkerSignatures {
  private final CheckedSpec spec;
  // The matrix asks once per handler set; the walker is the binding's alone (31x fewer renders).
  private final Map<String, String> codes = new HashMap<>();

  WalkerSignatures(CheckedSpec spec) {
    this.spec = spec;
  }

  /** The walker's code, normalized; for unmap also the walker that ends the invalidation. */
  String of(Binding binding, String kind) {
    String own = code(binding);
    if (!kind.equals("unmap")) {
      return own;
    }
    String end =
        spec.bindings().stream()
            .filter(b -> b.profile().name().equals(binding.profile().name()))
            .filter(
                b ->
                    b.callbacks().values().stream()
                        .anyMatch(v -> v.filter("invalidate_end"::equals).isPresent()))
            .findFirst()
            .map(this::code)
            .orElse("");
    return own + "\n--- end ---\n" + end;
  }

  private String code(Binding binding) {
    return codes.computeIfAbsent(binding.displayName(), name -> render(binding));
  }

  private String render(Binding binding) {
    GeneratorOptions options =
        new GeneratorOptions(
            "w",
            Set.of(binding.operation().id().text()),
            Set.of(binding.profile().name()),
            Map.of(),
            "spec");
    Generator generator = new Generator(spec, options);
    String walker =
        generator.walkers().stream()
            .map(GeneratedFile::content)
            .filter(c -> c.contains("implements "))
            .filter(c -> !c.contains("class Generic"))
            .findFirst()
            .orElseThrow();
    return walker
        .lines()
        .filter(
            l ->
                !l.startsWith("//")
                    && !l.startsWith("package ")
                    && !l.trim().startsWith("*")
                    && !l.trim().startsWith("/**")
                    && !l.contains("comments = ")
                    && !l.trim().startsWith("//"))
        .map(l -> l.replaceAll("\\b\\w+Walker\\b", "W") + "\n")
        .collect(Collectors.joining());
  }
}
