package dev.walkspec.emit.c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.ResolvedProfile;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.CheckOutcome;
import dev.walkspec.pipeline.Pipeline;
import dev.walkspec.semantics.Interpreter;
import dev.walkspec.semantics.SmallScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a spec author writes reaches C only as names made safe or as comment text made safe: C
 * keywords as flags, inputs, callback slots and parameters, a parameter named like the caller's own
 * kvm and range, another walker name, and documentation with comment delimiters give C that
 * compiles under -Wall -Wextra -Werror and traces like the reference semantics.
 */
class CRenderSafetyTest {
  static final String C_KEYWORDS =
      """
      // C keywords (and the callers' own names) wherever the language takes a name.
      config int: bool = true;
      config long: bool = false;
      handler default -> bool "d */ int evil; /* e";
      callback this "t";
      walker switch {
        inputs start, end: hva; register: word;
        flags lockless, return, goto, kvm, range, while;
        callbacks static?, const?;
        guard W1a empty when end <= start;
        guard W1b none when !static && !const;
        guard W1c lo when lockless && const;
        section W2 srcu around walk;
        visit W3 address_spaces;
        visit W4 slots overlapping [start, end - 1];
        clip W5 hva to slot;
        range W6 gfn = round_out;
        lock W7 mmu write on first_hit unless lockless, then const;
        null_handler W8 jump unlock;
        result W9 ret = or(static);
        flush W10 when (return || goto) && ret, before unlock;
        unlock W11 mmu when found_memslot && !lockless;
        return W12 ret, found_memslot;
        pass W13 kvm, lockless, register;
      }
      operation C1 for(start, end: hva) = switch {
        "A doc with */ and /* in it.";
        static = default; const = this; return = true; goto = false; lockless = false;
        kvm = param; range = int;
      }
      operation C2 if(kvm, range: hva) = switch {
        static = default; return = long; goto = long; lockless = int; kvm = param;
        while = param; start = kvm; end = range; register = kvm;
      }
      profile native { selects int; mmu_lock = rwlock; address_spaces = 2; }
      profile goto { }
      """;

  @TempDir Path work;

  @Test
  void c_keywords_and_hostile_docs_compile_and_trace_like_the_interpreter() throws Exception {
    Path cc = CHarness.compiler();
    Path spec = work.resolve("spec/public.walk");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, C_KEYWORDS, StandardCharsets.UTF_8);
    CheckOutcome outcome = new Pipeline(new SpecLoader(work, List.of())).check(spec);
    assertThat(outcome.hasErrors()).as("%s", outcome.diagnostics()).isFalse();
    CheckedSpec checked = outcome.checked();
    String main = CRenderer.render(checked).file(CRendering.KVM_MAIN).orElseThrow().text();
    assertThat(main)
        .contains("\tbool return_;\n", "\tbool goto_;\n", "\tswitch_handler_t static_;\n")
        .contains("kvm_mmu_notifier_if(struct kvm *kvm, unsigned long kvm_,")
        .contains("unsigned long range_, bool kvm__flag, bool while_)")
        .contains(
            "/* C1: for: the walk with this caller's callbacks and flags. A doc with * / and / * in it. */")
        .contains("static __always_inline kvm_switch_ret_t kvm_handle_switch(struct kvm *kvm,");
    CHarness harness = CHarness.prepare(cc, checked, work.resolve("c"));
    Interpreter interpreter = new Interpreter(checked);
    SmallScope scope = new SmallScope(checked);
    List<String> flags =
        checked.spec().walkers().get(0).flags().stream().map(f -> f.text()).toList();
    long compared = 0;
    for (ResolvedProfile profile : checked.profiles()) {
      Path binary = harness.compile(profile);
      int layouts = SmallScope.layoutCount(profile);
      for (int layout : IntStream.of(0, layouts / 2, layouts - 1).distinct().toArray()) {
        compared +=
            CEquivalenceTest.run(
                binary,
                interpreter,
                scope.explicitInputs(profile, layout),
                s -> CEquivalenceTest.ScenarioLines.explicit(s, flags),
                "public.walk");
      }
      for (Binding binding : checked.bindings()) {
        if (binding.profile().name().equals(profile.name())) {
          int op = harness.glue().operations().indexOf(binding.operation());
          List<String> paramFlags = harness.glue().paramFlags(binding.operation());
          compared +=
              CEquivalenceTest.run(
                  binary,
                  interpreter,
                  scope.operation(binding),
                  s ->
                      CEquivalenceTest.ScenarioLines.operation(
                          s, op, binding.operation(), paramFlags),
                  "public.walk");
        }
      }
    }
    assertThat(compared).isGreaterThan(10_000);
  }
}
