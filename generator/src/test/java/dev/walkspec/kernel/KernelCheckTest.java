package dev.walkspec.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.emit.c.CRenderer;
import dev.walkspec.emit.c.CRendering;
import dev.walkspec.emit.c.RenderedFile;
import dev.walkspec.parse.SpecLoader;
import dev.walkspec.pipeline.BundledSpecs;
import dev.walkspec.pipeline.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kernel-check on trees built here from the spec's own rendering: the rendering itself matches, so
 * does a rendering with everything the check calls a freedom changed (layout, comments, names of
 * locals and labels, declarations, initializer order), and each change of one rule is reported
 * once, at the tree's line, with that rule's id.
 */
class KernelCheckTest {
  private static final String MAIN = CRendering.KVM_MAIN;
  private static final String X86 = "arch/x86/kvm/Kconfig";

  @TempDir Path dir;

  private static CheckedSpec kvm() {
    return new Pipeline(new SpecLoader(BundledSpecs.directory(), List.of()))
        .check(BundledSpecs.file("kvm.walk"))
        .checked();
  }

  /** The rendering of kvm.walk as a tree, with one file edited. */
  private Path tree(String path, UnaryOperator<String> edit) throws IOException {
    for (RenderedFile file : CRenderer.render(kvm()).files()) {
      Path target = dir.resolve(file.path());
      Files.createDirectories(target.getParent());
      String text = file.path().equals(path) ? edit.apply(file.text()) : file.text();
      assertThat(!file.path().equals(path) || !text.equals(file.text()))
          .as("the edit applies")
          .isTrue();
      Files.writeString(target, text, StandardCharsets.UTF_8);
    }
    return dir;
  }

  private static List<String> check(Path tree) throws IOException {
    return KernelCheck.run(kvm(), tree).findings().stream().map(Finding::text).toList();
  }

  /** The 1-based line of the first line of {@code path} in the tree that contains {@code text}. */
  private int lineOf(String path, String text) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve(path));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + path);
  }

  @Test
  void the_rendering_itself_matches() throws IOException {
    KernelCheck.Report report = KernelCheck.run(kvm(), tree(MAIN, s -> s + "\n"));
    assertThat(report.findings()).isEmpty();
    assertThat(report.functions()).isEqualTo(6);
    assertThat(report.arches()).isEqualTo(5);
  }

  @Test
  void layout_comments_names_declarations_and_initializer_order_are_free() throws IOException {
    Path tree =
        tree(
            MAIN,
            s ->
                s.replaceAll("/\\*(?s:.*?)\\*/", "")
                    .replace("\t", "    ")
                    .replaceAll("\\bgfn_range\\b(?!\\s*\\{)", "range_of_gfns")
                    .replaceAll("(?<![.>])\\br\\b", "ret_and_found")
                    .replace("mmu_unlock", "out_unlock")
                    .replace("int i, idx;", "int idx;\n    int i;\n    /* the loops */")
                    .replace(
                        "\t\t.start = start,\n\t\t.end = end,".replace("\t", "    "),
                        "    .end = end, .start = start,")
                    .replace(") {\n", ")\n{\n"));
    assertThat(check(tree)).isEmpty();
  }

  @Test
  void a_flush_moved_after_the_unlock_is_one_w10_finding_where_the_tree_has_it()
      throws IOException {
    String flush =
        "\t/* W10: flush remote TLBs once when flush_on_ret && ret, still under the lock. */\n"
            + "\tif (range->flush_on_ret && r.ret)\n\t\tkvm_flush_remote_tlbs(kvm);\n\n";
    String unlock = "\t\tKVM_MMU_UNLOCK(kvm);\n\n";
    Path tree = tree(MAIN, s -> s.replace(flush, "").replace(unlock, unlock + flush));
    assertThat(check(tree))
        .containsExactly(
            at(MAIN, "if (range->flush_on_ret && r.ret)")
                + " W10: the tree has `if (range->flush_on_ret && r.ret) kvm_flush_remote_tlbs(kvm);`"
                + " here, where the spec renders it at the place of the tree's line "
                + lineOf(MAIN, "mmu_unlock:"));
  }

  @Test
  void a_lock_taken_unconditionally_is_w7() throws IOException {
    Path tree = tree(MAIN, s -> s.replace("\t\t\t\tif (!range->lockless) {\n", "\t\t\t\t{\n"));
    assertThat(check(tree))
        .containsExactly(
            at(MAIN, "\t\t\t\t{")
                + " W7: the tree lacks `if (!range->lockless)`, which the spec renders here");
  }

  @Test
  void the_null_handler_break_is_w8() throws IOException {
    Path tree = tree(MAIN, s -> s.replaceFirst("goto mmu_unlock;", "break;"));
    assertThat(check(tree))
        .containsExactly(
            at(MAIN, "\t\t\t\t\t\tbreak;")
                + " W8: the tree has `break` where the spec renders `goto mmu_unlock`");
  }

  @Test
  void a_removed_guard_is_its_w1_rule() throws IOException {
    String guard =
        "\t/* W1c: warn once and return {false, false} (lockless_on_lock). */\n"
            + "\tif (WARN_ON_ONCE(range->lockless && !IS_KVM_NULL_FN(range->on_lock)))\n"
            + "\t\treturn r;\n\n";
    Path tree = tree(MAIN, s -> s.replace(guard, ""));
    assertThat(check(tree))
        .containsExactly(
            at(MAIN, "idx = srcu_read_lock(&kvm->srcu);")
                + " W1c: the tree lacks `if (WARN_ON_ONCE(range->lockless && !IS_KVM_NULL_FN(range->on_lock)))"
                + " return r;`, which the spec renders here");
  }

  @Test
  void a_caller_whose_flag_no_longer_reads_its_option_is_that_caller() throws IOException {
    Path tree =
        tree(
            MAIN,
            s ->
                s.replaceFirst(
                    "\\.lockless = IS_ENABLED\\(CONFIG_KVM_MMU_LOCKLESS_AGING\\),",
                    ".lockless = false,"));
    assertThat(check(tree))
        .containsExactly(
            at(MAIN, ".lockless = false,\n\t\t.may_block = false")
                + " C3: the tree has `false` where the spec renders"
                + " `IS_ENABLED(CONFIG_KVM_MMU_LOCKLESS_AGING)`");
  }

  @Test
  void a_missing_caller_is_reported_with_its_id() throws IOException {
    Path tree = tree(MAIN, s -> s.replace("kvm_mmu_notifier_test_young(", "kvm_test_young_walk("));
    assertThat(check(tree))
        .containsExactly(MAIN + ":1: C5: the tree has no function kvm_mmu_notifier_test_young");
  }

  @Test
  void a_removed_kconfig_select_is_reported_with_the_callers_that_read_the_option()
      throws IOException {
    Path tree = tree(X86, s -> s.replace("\tselect KVM_MMU_LOCKLESS_AGING\n", ""));
    assertThat(check(tree))
        .containsExactly(
            at(X86, "config KVM")
                + " C3,C4,C5: profile x86 selects KVM_MMU_LOCKLESS_AGING, the tree does not");
  }

  @Test
  void an_extra_select_and_a_changed_option_are_reported_where_the_tree_has_them()
      throws IOException {
    tree(MAIN, s -> s + "\n");
    Path arm64 = dir.resolve("arch/arm64/kvm/Kconfig");
    Files.writeString(arm64, Files.readString(arm64) + "\tselect KVM_MMU_LOCKLESS_AGING\n");
    Path options = dir.resolve(KconfigCheck.OPTIONS_FILE);
    // A v6.15 tree: the option still depends on KVM_GENERIC_MMU_NOTIFIER, which v7.0 (the spec)
    // removed (407fd8b8d8cc).
    Files.writeString(
        options,
        Files.readString(options)
            .replace(
                "\thelp\n\t  clear", "\tdepends on KVM_GENERIC_MMU_NOTIFIER\n\thelp\n\t  clear"));
    assertThat(check(dir))
        .containsExactly(
            at("arch/arm64/kvm/Kconfig", "select KVM_MMU_LOCKLESS_AGING")
                + " C3,C4,C5: the tree selects KVM_MMU_LOCKLESS_AGING, profile arm64 does not",
            at(KconfigCheck.OPTIONS_FILE, "config KVM_ELIDE_TLB_FLUSH_IF_YOUNG")
                + " C3: KVM_ELIDE_TLB_FLUSH_IF_YOUNG depends on KVM_GENERIC_MMU_NOTIFIER in the"
                + " tree, on nothing in the spec");
  }

  @Test
  void a_path_that_is_no_kernel_tree_is_refused() throws IOException {
    assertThatThrownBy(() -> KernelCheck.run(kvm(), dir))
        .isInstanceOf(KernelTreeException.class)
        .hasMessage(dir + " is not a kernel tree: it has no virt/kvm/kvm_main.c");
  }

  /** "FILE:LINE:" of the first line holding {@code text} (which may span lines). */
  private String at(String path, String text) throws IOException {
    String content = Files.readString(dir.resolve(path));
    int index = content.indexOf(text);
    assertThat(index).as(text + " in " + path).isNotNegative();
    int line = (int) content.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    return path + ":" + line + ":";
  }
}
