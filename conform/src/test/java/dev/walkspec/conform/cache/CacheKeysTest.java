package dev.walkspec.conform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.emit.GeneratedFile;
import dev.walkspec.emit.SourceCompiler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a cached result is reused only when every input that decides it is unchanged. Each test
 * changes one input of a judgement's key and requires another key; the handler classes are compiled
 * here, so that a class the handler references can change while the handler's own bytes do not.
 */
class CacheKeysTest {
  private static final String HANDLER =
      "package h; public class Age { public boolean handle() { return Helper.young(); } }";
  private static final String HELPER =
      "package h; class Helper { static boolean young() { return true; } }";
  private static final String OTHER = "package h; public class Other { }";

  @TempDir Path dir;

  /** The keys of one judgement (handler h.Age) and of another (handler h.Other). */
  private Map<String, String> keys(String helper, String run, String spec) throws Exception {
    List<GeneratedFile> sources =
        List.of(
            new GeneratedFile("h/Age.java", HANDLER),
            new GeneratedFile("h/Helper.java", helper),
            new GeneratedFile("h/Other.java", OTHER));
    Path work = dir.resolve("build" + Integer.toHexString((helper + run + spec).hashCode()));
    SourceCompiler.Result compiled = SourceCompiler.compile(sources, work);
    assertThat(compiled.problems()).isEmpty();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {compiled.classes().toUri().toURL()}, null)) {
      CacheKeys keys = CacheKeys.forClassLoader(loader, List.of(CacheKeys.class));
      Map<String, String> byHandler = new TreeMap<>();
      byHandler.put(
          "age", keys.judgement("h.Age|-|x86|age|lockless|H9", spec, List.of("h.Age"), run));
      byHandler.put(
          "other", keys.judgement("h.Other|-|x86|age|lockless|H9", spec, List.of("h.Other"), run));
      byHandler.put(
          "age reachability",
          keys.reachability(spec, "clear_young[x86]", List.of("h.Age"), "H9", run));
      return byHandler;
    }
  }

  @Test
  void the_same_inputs_give_the_same_keys() throws Exception {
    assertThat(keys(HELPER, "100|1|60 s", "spec1")).isEqualTo(keys(HELPER, "100|1|60 s", "spec1"));
  }

  @Test
  void a_change_to_a_class_the_handler_references_changes_its_key_only() throws Exception {
    Map<String, String> before = keys(HELPER, "100|1|60 s", "spec1");
    Map<String, String> after = keys(HELPER.replace("true", "false"), "100|1|60 s", "spec1");

    assertThat(after.get("age")).isNotEqualTo(before.get("age"));
    assertThat(after.get("age reachability")).isNotEqualTo(before.get("age reachability"));
    assertThat(after.get("other")).isEqualTo(before.get("other"));
  }

  @Test
  void the_reachability_key_follows_the_spec_binding_obligation_and_draws() throws Exception {
    Map<String, String> base = keys(HELPER, "300|1", "spec1");

    assertThat(keys(HELPER, "300|1", "spec2").get("age reachability"))
        .isNotEqualTo(base.get("age reachability"));
    assertThat(keys(HELPER, "301|1", "spec1").get("age reachability"))
        .isNotEqualTo(base.get("age reachability"));
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      CacheKeys keys = CacheKeys.forClassLoader(loader, List.of(CacheKeys.class));
      String one = keys.reachability("spec", "clear_young[x86]", List.of("h.Age"), "H9", "draws");

      assertThat(keys.reachability("spec", "clear_young[arm64]", List.of("h.Age"), "H9", "draws"))
          .isNotEqualTo(one);
      assertThat(keys.reachability("spec", "clear_young[x86]", List.of("h.Age"), "H7", "draws"))
          .isNotEqualTo(one);
      assertThat(keys.reachability("spec", "clear_young[x86]", List.of(), "H9", "draws"))
          .isNotEqualTo(one);
    }
  }

  @Test
  void the_spec_changes_the_key() throws Exception {
    assertThat(keys(HELPER, "100|1|60 s", "spec2").get("age"))
        .isNotEqualTo(keys(HELPER, "100|1|60 s", "spec1").get("age"));
  }

  @Test
  void tries_seed_and_budget_change_the_key() throws Exception {
    String base = keys(HELPER, "100|1|60 s", "spec1").get("age");

    assertThat(keys(HELPER, "200|1|60 s", "spec1").get("age")).isNotEqualTo(base);
    assertThat(keys(HELPER, "100|2|60 s", "spec1").get("age")).isNotEqualTo(base);
    assertThat(keys(HELPER, "100|1|30 s", "spec1").get("age")).isNotEqualTo(base);
  }

  @Test
  void the_sharing_key_and_the_handler_classes_change_the_key() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      CacheKeys keys = CacheKeys.forClassLoader(loader, List.of(CacheKeys.class));
      String base = keys.judgement("a|H9", "spec", List.of("h.Age"), "run");

      assertThat(keys.judgement("a|H10", "spec", List.of("h.Age"), "run")).isNotEqualTo(base);
      assertThat(keys.judgement("a|H9", "spec", List.of("h.Age", "h.Writer"), "run"))
          .isNotEqualTo(base);
    }
  }

  @Test
  void walkspecs_own_code_changes_the_key() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      String withConform =
          CacheKeys.forClassLoader(loader, List.of(CacheKeys.class))
              .judgement("a", "spec", List.of("h.Age"), "run");
      // Another code source in the hash stands for a rebuilt walkspec.
      String withAssertj =
          CacheKeys.forClassLoader(
                  loader, List.of(CacheKeys.class, org.assertj.core.api.Assertions.class))
              .judgement("a", "spec", List.of("h.Age"), "run");

      assertThat(withAssertj).isNotEqualTo(withConform);
    }
  }

  @Test
  void the_spec_mutants_key_follows_the_spec() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[0], null)) {
      CacheKeys keys = CacheKeys.forClassLoader(loader, List.of(CacheKeys.class));

      assertThat(keys.mutants("walker a".getBytes()))
          .isEqualTo(keys.mutants("walker a".getBytes()));
      assertThat(keys.mutants("walker b".getBytes()))
          .isNotEqualTo(keys.mutants("walker a".getBytes()));
    }
  }
}
