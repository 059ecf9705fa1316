package dev.walkspec.emit.c;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.model.Rule;
import dev.walkspec.model.Walker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C rendering: every bundled spec renders in the kernel's style (tabs, at most 100 columns, no
 * trailing blanks), every rule of the walk and every operation is cited by a comment, rendering is
 * deterministic, and the canonical spec's files match reviewed golden files in
 * src/test/resources/golden/c (rewrite them with -Dwalkspec.updateGolden=true, then review).
 */
class CRenderTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/c");

  static List<String> specs() {
    return CRenderings.bundledNames();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void every_line_keeps_the_kernel_style(String spec) {
    for (RenderedFile file : CRenderings.bundled(spec).files()) {
      String[] lines = file.text().split("\n", -1);
      assertThat(lines[lines.length - 1]).as("%s ends with one newline", file.path()).isEmpty();
      assertThat(lines[lines.length - 2])
          .as("%s: no blank line at the end", file.path())
          .isNotEmpty();
      for (int i = 0; i < lines.length - 1; i++) {
        String where = spec + " " + file.path() + ":" + (i + 1) + ": " + lines[i];
        assertThat(columns(lines[i])).as(where).isLessThanOrEqualTo(CWriter.MAX_COLUMNS);
        assertThat(lines[i]).as(where).doesNotEndWith(" ").doesNotEndWith("\t");
        assertThat(lines[i]).as(where + " (indented with tabs)").doesNotStartWith("  ");
      }
      assertThat(file.lineRules()).as(file.path()).hasSize(lines.length - 1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void every_rule_and_operation_is_cited_by_a_comment_on_its_lines(String spec) {
    CRendering rendering = CRenderings.bundled(spec);
    RenderedFile main = rendering.file(CRendering.KVM_MAIN).orElseThrow();
    Walker walker = CRenderings.checked(spec).spec().walkers().get(0);
    for (Rule rule : walker.rules()) {
      String id = rule.id().text();
      if (id.equals("W13") && !(rule instanceof Rule.Pass)) {
        continue;
      }
      Pattern comment = Pattern.compile("(/\\*| \\*) " + id + ": ");
      assertThat(comment.matcher(main.text()).find()).as(spec + " cites " + id).isTrue();
      assertThat(main.lineRules()).as(spec + " tags lines with " + id).contains(id);
    }
    // The C rendering has the MMU-notifier walk and its callers (C1-C5) only; the guest_memfd
    // and memory-attribute walks have no C rendering yet (CheckedSpec).
    CRenderings.checked(spec).bindings().stream()
        .map(b -> b.operation())
        .distinct()
        .forEach(
            op ->
                assertThat(main.text())
                    .contains("/* " + op.id().text() + ": " + op.label().text())
                    .contains(" kvm_mmu_notifier_" + op.label().text() + "(struct kvm *kvm,"));
  }

  @Test
  void the_lines_of_a_group_carry_its_rule_and_a_closing_brace_the_rule_that_opened_it() {
    RenderedFile main = CRenderings.bundled("kvm.walk").file(CRendering.KVM_MAIN).orElseThrow();
    List<String> lines = List.of(main.text().split("\n"));
    assertThat(main.ruleAt(lines.indexOf("\t\t\t\t\tKVM_MMU_LOCK(kvm);") + 1)).isEqualTo("W7");
    assertThat(main.ruleAt(lines.indexOf("\t\t\t\t\t\tgoto mmu_unlock;") + 1)).isEqualTo("W8");
    // The brace that closes `if (!range->lockless) {` comes after W8's lines, and is W7's.
    assertThat(main.ruleAt(lines.indexOf("\t\t\t\t\t\tgoto mmu_unlock;") + 2)).isEqualTo("W7");
    assertThat(main.ruleAt(lines.indexOf("\t\tkvm_flush_remote_tlbs(kvm);") + 1)).isEqualTo("W10");
    assertThat(main.ruleAt(lines.indexOf("\t\t.lockless = false,") + 1)).isEqualTo("C1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void rendering_twice_gives_the_same_bytes(String spec) {
    assertThat(CRenderings.bundled(spec).concatenated())
        .isEqualTo(CRenderer.render(CRenderings.checked(spec)).concatenated());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "include/linux/kvm_host.h",
        "virt/kvm/kvm_main.c",
        "virt/kvm/Kconfig",
        "arch/x86/kvm/Kconfig",
        "arch/arm64/kvm/Kconfig"
      })
  void the_canonical_rendering_matches_its_reviewed_golden_file(String path) throws IOException {
    RenderedFile file = CRenderings.bundled("kvm.walk").file(path).orElseThrow();
    Path golden = GOLDEN.resolve(path.replace('/', '_') + ".golden");
    if (Boolean.getBoolean("walkspec.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, file.text(), StandardCharsets.UTF_8);
    }
    assertThat(golden)
        .as(
            "golden file %s is missing; run with -Dwalkspec.updateGolden=true and review it",
            golden)
        .exists();
    assertThat(file.text()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void the_arches_are_the_concrete_profiles_that_extend_no_concrete_one() {
    assertThat(CRenderings.bundled("kvm.walk").files())
        .extracting(RenderedFile::path)
        .containsExactly(
            "include/linux/kvm_host.h",
            "virt/kvm/kvm_main.c",
            "virt/kvm/Kconfig",
            "arch/x86/kvm/Kconfig",
            "arch/arm64/kvm/Kconfig",
            "arch/riscv/kvm/Kconfig",
            "arch/loongarch/kvm/Kconfig",
            "arch/s390/kvm/Kconfig");
  }

  private static int columns(String line) {
    int columns = 0;
    for (char c : line.toCharArray()) {
      columns = c == '\t' ? (columns / 8 + 1) * 8 : columns + 1;
    }
    return columns;
  }
}
