package dev.walkspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code walkspec generate --lang c} and {@code walkspec diff --c}. The two diffs the history is
 * about are compared with reviewed snapshots in src/test/resources/snapshots (rewrite with
 * -Dwalkspec.updateGolden=true, then review): V2's null-handler break became the jump to the unlock
 * in v6.10, and V4's always-locked aging became V5's lockless aging.
 */
class CRenderCommandsTest {
  private static final String SPECS = "../spec/src/main/walkspec/";

  @Test
  void the_v2_to_v5_diff_shows_the_break_that_became_the_jump_to_the_unlock() throws Exception {
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "diff", "--c", SPECS + "v2-null-handler-break.walk", SPECS + "kvm.walk");
    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("--- a/virt/kvm/kvm_main.c\n+++ b/virt/kvm/kvm_main.c\n")
        .contains("-\t\t\t\t\t\tbreak;\n+\t\t\t\t\t\tgoto mmu_unlock;\n")
        .contains("+mmu_unlock:\n")
        .doesNotContain("Kconfig");
    DiffCommandTest.assertSnapshot("diff-c-v2-kvm.txt", run.out());
  }

  @Test
  void the_v4_to_v5_diff_shows_the_lockless_flag_and_the_lock_condition() throws Exception {
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "diff", "--c", SPECS + "v4-v6.14-locked-aging.walk", SPECS + "kvm.walk");
    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.out())
        .contains("+\tbool lockless;\n")
        .contains("+\tif (WARN_ON_ONCE(range->lockless && !IS_KVM_NULL_FN(range->on_lock)))\n")
        .contains("+\t\t\t\tif (!range->lockless) {\n")
        .contains("-\tif (r.found_memslot)\n")
        .contains("+\tif (r.found_memslot && !range->lockless)\n")
        .contains("+\t\t.lockless = IS_ENABLED(CONFIG_KVM_MMU_LOCKLESS_AGING),\n");
    DiffCommandTest.assertSnapshot("diff-c-v4-kvm.txt", run.out());
  }

  @Test
  void a_spec_against_itself_has_no_diff_and_exits_0() {
    CheckCommandTest.Run run =
        CheckCommandTest.run("diff", "--c", SPECS + "kvm.walk", SPECS + "kvm.walk");
    assertThat(run.exit()).isEqualTo(Main.OK);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void generate_renders_each_spec_as_a_tree_once_then_is_up_to_date(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("c");
    CheckCommandTest.Run first =
        CheckCommandTest.run(
            "generate",
            "--lang",
            "c",
            SPECS + "kvm.walk",
            SPECS + "v2-null-handler-break.walk",
            "-o",
            out.toString());
    assertThat(first.exit()).as(first.all()).isEqualTo(Main.OK);
    assertThat(first.out()).isEqualTo("walkspec: wrote 16 C and Kconfig file(s) to " + out + "\n");
    assertThat(Files.readString(out.resolve("kvm/virt/kvm/kvm_main.c"), StandardCharsets.UTF_8))
        .contains("kvm_handle_hva_range(struct kvm *kvm,");
    assertThat(out.resolve("v2-null-handler-break/arch/x86/kvm/Kconfig")).isRegularFile();
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(17); // and the stamp
    }
    CheckCommandTest.Run second =
        CheckCommandTest.run(
            "generate",
            "--lang",
            "c",
            SPECS + "kvm.walk",
            SPECS + "v2-null-handler-break.walk",
            "-o",
            out.toString());
    assertThat(second.out())
        .isEqualTo("walkspec: the C rendering is up to date (nothing written)\n");
  }

  @Test
  void generate_c_writes_nothing_for_a_spec_with_errors(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.walk");
    Files.writeString(bad, "import \"kvm.walk\";\nrefine walker hva_range { drop W12; }\n");
    Path out = dir.resolve("c");
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "generate", "--lang", "c", "-I", SPECS, bad.toString(), "-o", out.toString());
    assertThat(run.exit()).isEqualTo(Main.FINDINGS);
    assertThat(run.err()).contains("bad.walk:2:").contains("nothing generated");
    assertThat(out).doesNotExist();
  }

  @Test
  void generate_c_refuses_the_java_suites_option() {
    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "generate", "--lang", "c", SPECS + "kvm.walk", "-o", "x", "--tests", "y");
    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err()).contains("--tests generates Java suites; it does not go with --lang c");
  }

  @Test
  void kernel_check_passes_a_rendered_tree_and_reports_an_edit_with_exit_1(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("c");
    CheckCommandTest.run("generate", "--lang", "c", SPECS + "kvm.walk", "-o", out.toString());
    Path tree = out.resolve("kvm");
    CheckCommandTest.Run same =
        CheckCommandTest.run("kernel-check", SPECS + "kvm.walk", "--tree", tree.toString());
    assertThat(same.exit()).as(same.all()).isEqualTo(Main.OK);
    assertThat(same.out())
        .isEqualTo(
            "walkspec kernel-check: "
                + tree
                + " matches spec kvm: the walk and its callers (6 functions), the Kconfig options"
                + " and 5 arches' selections\n");
    Path main = tree.resolve("virt/kvm/kvm_main.c");
    Files.writeString(main, Files.readString(main).replaceFirst("goto mmu_unlock;", "break;"));
    CheckCommandTest.Run edited =
        CheckCommandTest.run("kernel-check", SPECS + "kvm.walk", "--tree", tree.toString());
    assertThat(edited.exit()).isEqualTo(Main.FINDINGS);
    assertThat(edited.out())
        .startsWith("virt/kvm/kvm_main.c:97: W8: the tree has `break` where the spec renders")
        .endsWith(
            " 1 difference between "
                + tree
                + " and spec kvm in the walk and its callers"
                + " (6 functions), the Kconfig options and 5 arches' selections\n");
  }

  @Test
  void kernel_check_refuses_a_directory_that_is_no_kernel_tree(@TempDir Path dir) {
    CheckCommandTest.Run run =
        CheckCommandTest.run("kernel-check", SPECS + "kvm.walk", "--tree", dir.toString());
    assertThat(run.exit()).isEqualTo(Main.USAGE);
    assertThat(run.err())
        .isEqualTo("walkspec: " + dir + " is not a kernel tree: it has no virt/kvm/kvm_main.c\n");
  }
}
