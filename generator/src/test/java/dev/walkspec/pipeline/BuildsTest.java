package dev.walkspec.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.emit.OutputDirectory;
import dev.walkspec.pipeline.handlers.AgeWithArgument;
import dev.walkspec.pipeline.handlers.GoodAge;
import dev.walkspec.pipeline.handlers.TestAgeOnly;
import dev.walkspec.runtime.api.AgeHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-tool entry points: spec discovery, spec jars, request checks, handler classes. */
class BuildsTest {
  @TempDir Path dir;

  static final String SPEC =
      """
      handler age -> bool "young";
      walker hva_range {
        inputs start, end: hva;
        callbacks handler;
        visit W3 address_spaces;
        visit W4 slots overlapping [start, end - 1];
        clip W5 hva to slot;
        range W6 gfn = round_out;
        result W9 ret = or(handler);
        return W12 ret;
      }
      operation C4 clear_young(start, end: hva) = hva_range { handler = age; }
      profile riscv { }
      """;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private BuildRequest request(
      List<String> specs,
      List<SpecArchive> archives,
      Optional<Path> walkers,
      Optional<Path> suites,
      Map<String, String> handlers,
      List<Path> classpath) {
    return new BuildRequest(
        dir,
        List.of(dir.resolve("src/main/walkspec")),
        archives,
        dir.resolve("target/walkspec-specs"),
        specs,
        walkers,
        suites,
        "com.example.gen",
        Set.of(),
        Set.of(),
        handlers,
        classpath);
  }

  private BuildRequest request() {
    return request(List.of(), List.of(), Optional.empty(), Optional.empty(), Map.of(), List.of());
  }

  @Test
  void everyWalkFileOfTheSpecDirectoriesSortedByPathIsARoot() throws IOException {
    write("src/main/walkspec/b.walk", SPEC);
    write("src/main/walkspec/a/z.walk", SPEC);
    write("src/main/walkspec/a.walk", SPEC);
    write("src/main/walkspec/notes.txt", "not a spec");
    SpecSources sources = Builds.sources(request());
    assertThat(sources.roots())
        .extracting(p -> dir.resolve("src/main/walkspec").relativize(p).toString())
        .containsExactly("a.walk", "a/z.walk", "b.walk");
    assertThat(sources.importPath()).containsExactly(dir.resolve("src/main/walkspec"));
  }

  @Test
  void aMissingSpecDirectoryGivesNoRoots() {
    assertThat(Builds.check(request()).roots()).isEmpty();
  }

  @Test
  void selectedSpecsAreFoundInSpecDirectoriesThenInUnpackedArtifacts() throws IOException {
    write("src/main/walkspec/mine.walk", SPEC);
    Path jar = jar("spec.jar", Map.of("walkspec/kvm.walk", SPEC, "walkspec/arch/x86.walk", SPEC));
    SpecSources sources =
        Builds.sources(
            request(
                List.of("arch/x86.walk", "mine.walk"),
                List.of(new SpecArchive("walkspec-spec", "dev.walkspec:walkspec-spec", jar)),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of()));
    assertThat(sources.roots())
        .containsExactly(
            dir.resolve("target/walkspec-specs/walkspec-spec/arch/x86.walk"),
            dir.resolve("src/main/walkspec/mine.walk"));
    assertThat(sources.importPath())
        .containsExactly(
            dir.resolve("src/main/walkspec"), dir.resolve("target/walkspec-specs/walkspec-spec"));
  }

  @Test
  void aSelectionThatLeavesItsDirectoryOrIsNotThereIsRejectedInOneSentence() throws IOException {
    write("src/main/walkspec/mine.walk", SPEC);
    for (String bad : List.of("../mine.walk", "/etc/passwd", "a/../../x.walk", "c:x.walk")) {
      assertThatThrownBy(() -> Builds.sources(selecting(bad)))
          .isInstanceOf(BuildProblem.class)
          .hasMessageContaining("must be a relative path without '..'");
    }
    assertThatThrownBy(() -> Builds.sources(selecting("other.walk")))
        .isInstanceOf(BuildProblem.class)
        .hasMessage(
            "spec other.walk is in none of "
                + dir.resolve("src/main/walkspec")
                + "; give its path relative to one of them");
  }

  private BuildRequest selecting(String spec) {
    return request(
        List.of(spec), List.of(), Optional.empty(), Optional.empty(), Map.of(), List.of());
  }

  @Test
  void unpackingWritesOnlyWhatChangedAndRemovesSpecsTheJarDropped() throws IOException {
    Path target = dir.resolve("unpacked");
    Path first = jar("v1.jar", Map.of("walkspec/kvm.walk", SPEC, "walkspec/old.walk", SPEC));
    Path out = SpecArchives.unpack(new SpecArchive("s", "g:s", first), target);
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(out.resolve("kvm.walk"), old);
    Path second =
        jar("v2.jar", Map.of("walkspec/kvm.walk", SPEC, "walkspec/new.walk", SPEC + "\n"));
    SpecArchives.unpack(new SpecArchive("s", "g:s", second), target);
    assertThat(Files.getLastModifiedTime(out.resolve("kvm.walk"))).isEqualTo(old);
    assertThat(out.resolve("old.walk")).doesNotExist();
    assertThat(out.resolve("new.walk")).hasContent(SPEC + "\n");
  }

  @Test
  void anArchiveEntryEscapingItsDirectoryOrNoSpecAtAllIsABuildProblem() throws IOException {
    Path evil = jar("evil.jar", Map.of("walkspec/../../escape.walk", SPEC));
    assertThatThrownBy(
            () -> SpecArchives.unpack(new SpecArchive("s", "g:s", evil), dir.resolve("u")))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("would be unpacked outside its directory");
    assertThat(dir.resolve("escape.walk")).doesNotExist();
    Path empty = jar("empty.jar", Map.of("META-INF/x.txt", "x"));
    assertThatThrownBy(
            () -> SpecArchives.unpack(new SpecArchive("s", "g:s", empty), dir.resolve("u")))
        .isInstanceOf(BuildProblem.class)
        .hasMessage(
            "spec artifact g:s holds no .walk files under walkspec/; list only artifacts that"
                + " package specs there in specArtifacts");
    assertThatThrownBy(() -> new SpecArchive("../x", "g:x", empty))
        .isInstanceOf(BuildProblem.class);
  }

  @Test
  void checkReportsEveryDiagnosticWithItsPositionRelativeToTheProject() throws IOException {
    write(
        "src/main/walkspec/bad.walk",
        SPEC.replace("handler = age;", "handler = aeg;").replace("profile riscv", "profile ris"));
    CheckReport report = Builds.check(request());
    assertThat(report.errors()).isEqualTo(1);
    assertThat(report.text(report.diagnostics().get(0)))
        .startsWith("src/main/walkspec/bad.walk:12:67: error: WS310 handler 'aeg'");
    assertThat(report.summary()).isEqualTo("1 spec checked: 1 error, 0 warnings");
  }

  @Test
  void generateWritesOnceThenIsUpToDate() throws IOException {
    write("src/main/walkspec/small.walk", SPEC);
    Path out = dir.resolve("target/generated-sources/walkspec");
    BuildRequest request =
        request(List.of(), List.of(), Optional.of(out), Optional.empty(), Map.of(), List.of());
    Builds.Outcome first = Builds.generate(request);
    assertThat(first.generated().orElseThrow().upToDate()).isFalse();
    assertThat(first.generated().orElseThrow().walkerFiles()).isPositive();
    assertThat(out.resolve("com/example/gen/small/ClearYoungRiscvWalker.java")).exists();
    assertThat(Builds.generate(request).generated().orElseThrow().upToDate()).isTrue();
  }

  @Test
  void aFixedSeedReachesEveryGeneratedPropertyAndChangingItRegenerates() throws IOException {
    write("src/main/walkspec/small.walk", SPEC);
    Path suites = dir.resolve("target/generated-test-sources/walkspec");
    BuildRequest request =
        request(List.of(), List.of(), Optional.empty(), Optional.of(suites), Map.of(), List.of());
    Builds.generate(request.withProperties(0, "20261126"));
    Path suite = suites.resolve("com/example/gen/small/ClearYoungRiscvWalkerTest.java");
    // Walker suites are Jupiter factories: the seed goes to the random layouts they draw.
    assertThat(Files.readString(suite)).containsPattern("randomLayouts\\(\\d+, \"20261126\"\\)");
    Builds.Outcome other = Builds.generate(request.withProperties(0, "7"));
    assertThat(other.generated().orElseThrow().upToDate()).isFalse();
    assertThat(Files.readString(suite))
        .containsPattern("randomLayouts\\(\\d+, \"7\"\\)")
        .doesNotContain("20261126");
    Builds.generate(request.withProperties(0, " -8978459421357810001 "));
    assertThat(Files.readString(suite)).contains(", \"-8978459421357810001\")");
    Builds.generate(request);
    assertThat(Files.readString(suite)).containsPattern("randomLayouts\\(\\d+, \"\"\\)");
  }

  @Test
  void negativeTriesOrASeedThatIsNotANumberIsABuildProblem() throws IOException {
    write("src/main/walkspec/small.walk", SPEC);
    Path suites = dir.resolve("target/generated-test-sources/walkspec");
    BuildRequest request =
        request(List.of(), List.of(), Optional.empty(), Optional.of(suites), Map.of(), List.of());
    assertThatThrownBy(() -> Builds.generate(request.withProperties(-1, "")))
        .isInstanceOf(BuildProblem.class)
        .hasMessage("handlerTries must be 0 (the default) or more, got -1");
    assertThatThrownBy(() -> Builds.generate(request.withProperties(0, "0x1F")))
        .isInstanceOf(BuildProblem.class)
        .hasMessage(
            "propertySeed must be a whole number (a jqwik seed such as 20261126), got '0x1F'");
    assertThat(suites).doesNotExist();
  }

  @Test
  void suitesOfASpecImportingFromAnArtifactFindTheImportAgain() throws IOException {
    write("src/main/walkspec/mine.walk", "import \"kvm.walk\";\nprofile arm64 { }\n");
    Path jar = jar("spec.jar", Map.of("walkspec/kvm.walk", SPEC));
    Path suites = dir.resolve("target/suites");
    Builds.Outcome outcome =
        Builds.generate(
            request(
                List.of("mine.walk"),
                List.of(new SpecArchive("walkspec-spec", "dev.walkspec:walkspec-spec", jar)),
                Optional.empty(),
                Optional.of(suites),
                Map.of(),
                List.of()));
    assertThat(outcome.report().diagnostics()).isEmpty();
    String suite =
        Files.readString(suites.resolve("com/example/gen/mine/ClearYoungArm64WalkerTest.java"));
    assertThat(suite)
        .contains(
            "SpecRef.of(MineSpecImage::checked, \"src/main/walkspec/mine.walk\","
                + " \"src/main/walkspec\", \"target/walkspec-specs/walkspec-spec\")");
    // The image carries where the drift lock finds each file: kvm.walk through the import path.
    assertThat(Files.readString(suites.resolve("com/example/gen/mine/MineSpecImage.java")))
        .contains("new SpecInput(\"mine.walk\", \"mine.walk\", false)")
        .contains("new SpecInput(\"kvm.walk\", \"kvm.walk\", true)")
        .contains(outcome.report().specs().get(0).spec().contentHash());
  }

  @Test
  void outputDirectoriesThatWouldReplaceSourcesAreRejected() throws IOException {
    write("src/main/walkspec/small.walk", SPEC);
    write("src/main/java/Mine.java", "class Mine {}");
    for (Path out : List.of(dir, dir.resolve("src/main"), dir.resolve("src/main/walkspec"))) {
      assertThatThrownBy(() -> Builds.generate(walkersTo(out)))
          .isInstanceOf(BuildProblem.class)
          .hasMessageContaining("give walkspec an output directory of its own");
    }
    assertThatThrownBy(() -> Builds.generate(walkersTo(dir.resolve("src/main/java"))))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("already holds files walkspec did not write");
    assertThat(dir.resolve("src/main/java/Mine.java")).exists();
    Path outside = dir.resolve("elsewhere/walkers");
    assertThat(Builds.generate(walkersTo(outside)).generated()).isPresent();
    assertThat(outside.resolve(OutputDirectory.STAMP)).exists();
  }

  private BuildRequest walkersTo(Path out) {
    return request(List.of(), List.of(), Optional.of(out), Optional.empty(), Map.of(), List.of());
  }

  @Test
  void aBadPackageOrAnUnknownOperationOrProfileIsRejected() throws IOException {
    write("src/main/walkspec/small.walk", SPEC);
    Path out = dir.resolve("target/w");
    BuildRequest badPackage =
        new BuildRequest(
            dir,
            List.of(dir.resolve("src/main/walkspec")),
            List.of(),
            dir.resolve("target/walkspec-specs"),
            List.of(),
            Optional.of(out),
            Optional.empty(),
            "com.example..gen",
            Set.of(),
            Set.of(),
            Map.of(),
            List.of());
    assertThatThrownBy(() -> Builds.generate(badPackage))
        .isInstanceOf(BuildProblem.class)
        .hasMessageStartingWith("basePackage 'com.example..gen' is not a valid Java package name");
    BuildRequest typo =
        new BuildRequest(
            dir,
            List.of(dir.resolve("src/main/walkspec")),
            List.of(),
            dir.resolve("target/walkspec-specs"),
            List.of(),
            Optional.of(out),
            Optional.empty(),
            "com.example.gen",
            Set.of("clear_yuong"),
            Set.of(),
            Map.of(),
            List.of());
    assertThatThrownBy(() -> Builds.generate(typo))
        .isInstanceOf(BuildProblem.class)
        .hasMessage(
            "operations names 'clear_yuong', which is no operation of the specs; did you mean"
                + " 'clear_young'? (the operations, by id or label: C4, clear_young)");
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnmapOperationWithoutTheOneThatEndsItsInvalidationsIsRefused() throws IOException {
    write(
        "src/main/walkspec/kvm.walk",
        Files.readString(Path.of("../spec/src/main/walkspec/kvm.walk")));
    Path suites = dir.resolve("target/suites");
    BuildRequest startOnly = selecting(suites, Set.of("invalidate_range_start"));
    assertThatThrownBy(() -> Builds.generate(startOnly))
        .isInstanceOf(BuildProblem.class)
        .hasMessage(
            "operations selects invalidate_range_start but not invalidate_range_end: the unmap"
                + " handler's suite explores whole invalidations, which invalidate_range_end ends"
                + " (H12, H13); add <operation>invalidate_range_end</operation>");
    assertThat(suites).doesNotExist();
    Builds.generate(selecting(suites, Set.of("C1", "invalidate_range_end")));
    assertThat(suites.resolve("com/example/gen/kvm/InvalidateRangeStartX86WalkerTest.java"))
        .exists();
  }

  private BuildRequest selecting(Path suites, Set<String> operations) {
    return new BuildRequest(
        dir,
        List.of(dir.resolve("src/main/walkspec")),
        List.of(),
        dir.resolve("target/walkspec-specs"),
        List.of(),
        Optional.empty(),
        Optional.of(suites),
        "com.example.gen",
        operations,
        Set.of("x86"),
        Map.of(),
        List.of());
  }

  @Test
  void handlerKeysAndNamesAreNormalizedOrRejected() {
    assertThat(HandlerClasses.normalize(Map.of("x86.age", "a.B", "unmap", "c.D")))
        .containsExactly(Map.entry("unmap", "c.D"), Map.entry("x86/age", "a.B"));
    assertThatThrownBy(() -> HandlerClasses.normalize(Map.of("a.b.c", "a.B")))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("is not a handler kind (age) or a profile and a kind (x86.age)");
    for (String name : List.of("Bare", "a..B", "a.B$Inner", "a.class.B", "")) {
      assertThatThrownBy(() -> HandlerClasses.normalize(Map.of("age", name)))
          .isInstanceOf(BuildProblem.class)
          .hasMessageContaining("is not the fully qualified name of a top-level class");
    }
    assertThatThrownBy(() -> HandlerClasses.normalize(Map.of("x86.age", "a.B", "x86/age", "a.C")))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("names x86/age twice");
  }

  @Test
  void handlerClassesAreLoadedFromTheClasspathAndChecked() throws IOException {
    write("src/main/walkspec/small.walk", SPEC);
    List<Path> classpath = List.of(location(GoodAge.class), location(AgeHandler.class));
    Path suites = dir.resolve("target/suites");
    Builds.Outcome ok =
        Builds.generate(
            request(
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.of(suites),
                Map.of("riscv.age", GoodAge.class.getName()),
                classpath));
    assertThat(ok.generated().orElseThrow().suiteFiles()).isPositive();
    assertThat(suites.resolve("com/example/gen/small/ClearYoungRiscvGoodAgeTest.java")).exists();

    assertThat(problem("age", "com.example.Missing", classpath))
        .isEqualTo(
            "handler class com.example.Missing (handlerClasses age) does not exist on the"
                + " project's compile class path; fix the name or add the class to src/main/java");
    assertThat(problem("age", TestAgeOnly.class.getName(), classpath))
        .isEqualTo(
            "handler class dev.walkspec.pipeline.handlers.TestAgeOnly is configured for handler"
                + " kind age but does not implement dev.walkspec.runtime.api.AgeHandler (it"
                + " implements TestAgeHandler); implement AgeHandler or configure the class for"
                + " the kind it handles");
    assertThat(problem("age", AgeWithArgument.class.getName(), classpath))
        .contains("public no-argument constructor");
    assertThat(problem("age", GoodAge.class.getName(), List.of(location(GoodAge.class))))
        .contains("add a dependency on dev.walkspec:walkspec-runtime");
    assertThat(problem("aging", GoodAge.class.getName(), classpath))
        .isEqualTo(
            "handlerClasses names handler kind 'aging', which the specs do not declare (the kinds:"
                + " age, writer)");
    assertThat(problem("aeg", GoodAge.class.getName(), classpath))
        .isEqualTo(
            "handlerClasses names handler kind 'aeg', which the specs do not declare; did you mean"
                + " 'age'? (the kinds: age, writer)");
    assertThat(problem("x86.age", GoodAge.class.getName(), classpath))
        .startsWith("handlerClasses names profile 'x86' in x86.age, which the specs do not");
    assertThat(problem("riscvv.age", GoodAge.class.getName(), classpath))
        .isEqualTo(
            "handlerClasses names profile 'riscvv' in riscvv.age, which the specs do not declare;"
                + " did you mean 'riscv'? (the profiles: riscv)");
  }

  private String problem(String key, String className, List<Path> classpath) {
    try {
      Builds.generate(
          request(
              List.of(),
              List.of(),
              Optional.empty(),
              Optional.of(dir.resolve("target/suites-" + key)),
              Map.of(key, className),
              classpath));
    } catch (BuildProblem e) {
      assertThat(dir.resolve("target/suites-" + key)).doesNotExist();
      return e.getMessage();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no problem reported for " + key + " = " + className);
  }

  @Test
  void explorationArgumentsPutImportPathBoundsSpecsThenTheRest() throws IOException {
    Path mine = write("src/main/walkspec/mine.walk", SPEC);
    Exploration exploration =
        new Exploration(
            "explore",
            List.of("mine.walk"),
            OptionalInt.of(2),
            OptionalInt.of(50),
            Optional.of("42"),
            Exploration.split("--handler 'age=com.example.A B' --format\tjson"));
    assertThat(exploration.arguments(request()))
        .containsExactly(
            "explore",
            "-I",
            dir.resolve("src/main/walkspec").toString(),
            "--preemption-bound",
            "2",
            "--pct-runs",
            "50",
            "--seed",
            "42",
            mine.toString(),
            "--handler",
            "age=com.example.A B",
            "--format",
            "json");
    assertThat(
            new Exploration(
                    "help",
                    List.of(),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    Optional.empty(),
                    List.of())
                .arguments(request()))
        .containsExactly("help");
    assertThatThrownBy(() -> Exploration.split("--scenario \"a.json"))
        .isInstanceOf(BuildProblem.class)
        .hasMessageContaining("unclosed");
    assertThatThrownBy(
            () ->
                new Exploration(
                    "x y",
                    List.of(),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(BuildProblem.class);
  }

  private Path jar(String name, Map<String, String> entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }
}
