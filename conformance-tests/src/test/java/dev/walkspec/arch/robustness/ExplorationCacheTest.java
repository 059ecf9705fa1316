package dev.walkspec.arch.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.arch.robustness.MisbehavingHandlersExploredTest.Throws;
import dev.walkspec.arch.x86.X86AgeHandler;
import dev.walkspec.arch.x86.X86UnmapHandler;
import dev.walkspec.runtime.explore.ExplorationResult;
import dev.walkspec.suite.ExplorationBudget;
import dev.walkspec.suite.ExplorationCache;
import dev.walkspec.suite.HandlerSuite;
import dev.walkspec.suite.InconclusiveExploration;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 3: with {@code -Dwalkspec.explore.cache=DIR} a build's rerun with nothing changed
 * explores nothing again, and a cached pass is reused only when every input that decides it is
 * unchanged: each test changes one input in turn. Failures and cut-short searches are never kept.
 */
class ExplorationCacheTest {
  private static final String SCENARIO = "aging-vs-zap";

  @TempDir Path dir;

  @BeforeEach
  void cacheOn() {
    System.setProperty(ExplorationCache.PROPERTY, dir.resolve("cache").toString());
  }

  @AfterEach
  void cacheOff() {
    System.clearProperty(ExplorationCache.PROPERTY);
    System.clearProperty(ExplorationBudget.SCHEDULES_PROPERTY);
  }

  private static HandlerSuite ageSuite() {
    return MisbehavingHandlersExploredTest.suite(X86AgeHandler::new, "X86AgeHandler");
  }

  private long entries() throws IOException {
    Path kept = dir.resolve("cache/explored");
    if (!Files.isDirectory(kept)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(kept)) {
      return files.filter(f -> f.toString().endsWith(".properties")).count();
    }
  }

  @Test
  void a_rerun_with_nothing_changed_reuses_the_pass_and_explores_nothing() throws Exception {
    ExplorationResult first = ageSuite().explore(SCENARIO);
    ExplorationResult again = ageSuite().explore(SCENARIO);

    assertThat(first.exhausted()).isTrue();
    assertThat(first.elapsed()).isPositive();
    assertThat(entries()).isEqualTo(1);
    // A reused pass ran no schedule now: it carries the figures of the run that found it.
    assertThat(again.elapsed()).isEqualTo(Duration.ZERO);
    assertThat(again.exhausted()).isTrue();
    assertThat(again.failed()).isFalse();
    assertThat(again.schedules()).isEqualTo(first.schedules());
    assertThat(again.steps()).isEqualTo(first.steps());
  }

  @Test
  void another_handler_of_the_same_suite_class_is_never_served_a_kept_pass() throws Exception {
    ageSuite().explore(SCENARIO);

    assertThatThrownBy(
            () ->
                MisbehavingHandlersExploredTest.suite(Throws::new, "X86AgeHandler")
                    .explore(SCENARIO))
        .hasMessageStartingWith("walkspec explorer: scenario 'aging-vs-zap' breaks H6");
    assertThat(entries()).isEqualTo(1);
  }

  @Test
  void failures_and_searches_cut_short_are_not_kept() throws Exception {
    assertThatThrownBy(
        () -> MisbehavingHandlersExploredTest.suite(Throws::new, "Throws").explore(SCENARIO));
    System.setProperty(ExplorationBudget.SCHEDULES_PROPERTY, "1");
    assertThatThrownBy(() -> ageSuite().explore(SCENARIO))
        .isInstanceOf(InconclusiveExploration.class);

    assertThat(entries()).isZero();
  }

  @Test
  void each_input_of_the_key_changes_it() throws Exception {
    ExplorationCache cache = ExplorationCache.current().orElseThrow();
    ExplorationBudget budget = ExplorationBudget.current();
    List<Class<?>> age = List.of(X86AgeHandler.class);
    String base = cache.key(getClass(), age, "clear_young[x86] X86AgeHandler", SCENARIO, 2, budget);

    assertThat(cache.key(getClass(), age, "clear_young[x86] X86AgeHandler", SCENARIO, 2, budget))
        .as("the same inputs")
        .isEqualTo(base);
    assertThat(
            List.of(
                cache.key(String.class, age, "clear_young[x86] X86AgeHandler", SCENARIO, 2, budget),
                cache.key(
                    getClass(),
                    List.of(X86UnmapHandler.class),
                    "clear_young[x86] X86AgeHandler",
                    SCENARIO,
                    2,
                    budget),
                cache.key(getClass(), age, "clear_young[x86] Other", SCENARIO, 2, budget),
                cache.key(
                    getClass(), age, "clear_young[x86] X86AgeHandler", "age-vs-fault", 2, budget),
                cache.key(getClass(), age, "clear_young[x86] X86AgeHandler", SCENARIO, 1, budget),
                cache.key(
                    getClass(),
                    age,
                    "clear_young[x86] X86AgeHandler",
                    SCENARIO,
                    2,
                    new ExplorationBudget(budget.seconds(), budget.schedules() + 1))))
        .as("suite class, handler class, subject, scenario, bound, budget")
        .doesNotContain(base)
        .doesNotHaveDuplicates();
  }

  @Test
  void a_change_to_a_class_the_handler_references_changes_the_key() throws Exception {
    String handler = "package h; public class Age { boolean young() { return Helper.young(); } }";
    String before =
        key(handler, "package h; class Helper { static boolean young() { return true; } }");
    String after =
        key(handler, "package h; class Helper { static boolean young() { return false; } }");

    assertThat(after).isNotEqualTo(before);
    assertThat(key(handler, "package h; class Helper { static boolean young() { return true; } }"))
        .isEqualTo(before);
  }

  /** The key of a suite running h.Age, compiled with this h.Helper into a directory of its own. */
  private String key(String age, String helper) throws Exception {
    Path sources = Files.createTempDirectory(dir, "src");
    Path classes = Files.createTempDirectory(dir, "classes");
    Files.createDirectories(sources.resolve("h"));
    Files.writeString(sources.resolve("h/Age.java"), age);
    Files.writeString(sources.resolve("h/Helper.java"), helper);
    int exit =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                sources.resolve("h/Age.java").toString(),
                sources.resolve("h/Helper.java").toString());
    assertThat(exit).isZero();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      Class<?> handler = loader.loadClass("h.Age");
      return ExplorationCache.current()
          .orElseThrow()
          .key(getClass(), List.of(handler), "subject", SCENARIO, 2, ExplorationBudget.current());
    }
  }
}
