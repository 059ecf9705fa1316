package dev.walkspec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The generator is a pipeline of stages, one package each: {@code diag} (diagnostics, the bottom),
 * {@code model}, {@code parse}, {@code assemble}, {@code check}, {@code pipeline}, then {@code
 * semantics} and {@code emit}, {@code kernel} (the kernel-tree check, on the C rendering), and
 * {@code cli} on top. These rules keep it one: no cycles between stages, the model knows nothing
 * but diagnostics, and what runs after the check (the reference semantics, the emitters) takes the
 * model, never the syntax. Rules about packages that do not exist yet pass empty ({@code
 * allowEmptyShould}); the others fail if they match no class, so a wrong import cannot make them
 * pass vacuously. {@code suite} (the run-time support of generated suites) sits after the semantics
 * it calls; the emitters name its classes but never load them.
 */
@AnalyzeClasses(
    packages = "dev.walkspec",
    importOptions = {
      ImportOption.DoNotIncludeTests.class,
      StageArchitectureTest.OnlyGenerator.class
    })
class StageArchitectureTest {

  /** The runtime module's classes share the dev.walkspec prefix; they have rules of their own. */
  static final class OnlyGenerator implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("dev/walkspec/runtime/");
    }
  }

  /** The pipeline stages, bottom first. */
  static final List<String> STAGES =
      List.of(
          "diag",
          "model",
          "parse",
          "assemble",
          "check",
          "pipeline",
          "semantics",
          "suite",
          "emit",
          "kernel",
          "mutate",
          "cli");

  /** One slice per stage package; classes of the root package belong to none. */
  static final class Stages implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String name = javaClass.getPackageName();
      for (String stage : STAGES) {
        String root = "dev.walkspec." + stage;
        if (name.equals(root) || name.startsWith(root + ".")) {
          return SliceIdentifier.of("stage " + stage);
        }
      }
      return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "the stage packages " + STAGES;
    }
  }

  @ArchTest
  static final ArchRule stagesAreFreeOfCycles =
      slices()
          .assignedFrom(new Stages())
          .should()
          .beFreeOfCycles()
          .because("each stage only uses the stages before it");

  @ArchTest
  static final ArchRule diagnosticsDependOnNoStage =
      noClasses()
          .that()
          .resideInAPackage("dev.walkspec.diag..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.walkspec.model..",
              "dev.walkspec.parse..",
              "dev.walkspec.assemble..",
              "dev.walkspec.check..",
              "dev.walkspec.pipeline..",
              "dev.walkspec.semantics..",
              "dev.walkspec.emit..",
              "dev.walkspec.cli..")
          .because("every stage reports diagnostics, so they sit below all of them");

  /**
   * Every public type of the generator, the model and the harness says what it promises
   * (apiguardian {@code @API}, as JUnit does); the parser ANTLR generates from Walk.g4 is the one
   * exception.
   */
  @ArchTest
  static final ArchRule everyPublicTypeHasAnApiStatus =
      classes()
          .that()
          .arePublic()
          .and()
          .areTopLevelClasses()
          .and()
          .doNotHaveSimpleName("WalkLexer")
          .and()
          .doNotHaveSimpleName("WalkParser")
          .and()
          .doNotHaveSimpleName("WalkVisitor")
          .and()
          .doNotHaveSimpleName("WalkBaseVisitor")
          .should()
          .beAnnotatedWith(API.class);

  @ArchTest
  static final ArchRule modelDependsOnlyOnDiagnosticsAndTheJdk =
      classes()
          .that()
          .resideInAPackage("dev.walkspec.model..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.walkspec.model..", "dev.walkspec.diag..", "java..", "org.apiguardian.api..")
          .because("the model is plain immutable records that every later stage shares");

  @ArchTest
  static final ArchRule laterStagesNeverSeeTheParseTree =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.walkspec.semantics..", "dev.walkspec.emit..", "dev.walkspec.kernel..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.walkspec.parse..", "org.antlr..")
          .because(
              "the reference semantics, the emitters and the kernel-tree check take the checked"
                  + " model")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule theCheckerTakesTheModel =
      noClasses()
          .that()
          .resideInAPackage("dev.walkspec.check..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.walkspec.parse..", "dev.walkspec.assemble..", "org.antlr..")
          .because("checks run on the assembled model, after imports and refinements");

  @ArchTest
  static final ArchRule nothingDependsOnTheCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.walkspec.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.walkspec.cli..")
          .because("the command line is the top: a Maven plugin or a test uses the stages");

  /** Guards the import: if it saw no stage classes, the rules above would say nothing. */
  @ArchTest
  static void theImportSeesTheStagesAndNothingElse(JavaClasses classes) {
    Set<String> packages =
        classes.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
    assertThat(packages)
        .contains(
            "dev.walkspec.diag",
            "dev.walkspec.model",
            "dev.walkspec.parse",
            "dev.walkspec.assemble",
            "dev.walkspec.check",
            "dev.walkspec.pipeline",
            "dev.walkspec.kernel",
            "dev.walkspec.cli");
    assertThat(packages).noneMatch(p -> p.startsWith("dev.walkspec.runtime"));
    assertThat(classes.stream().map(JavaClass::getSimpleName))
        .doesNotContain("FixtureTest", "StageArchitectureTest");
  }
}
