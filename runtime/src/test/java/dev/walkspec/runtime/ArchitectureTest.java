package dev.walkspec.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.apiguardian.api.API;

/** Keeps the handler-facing api apart from the internals. */
@AnalyzeClasses(
    packages = "dev.walkspec.runtime",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Handlers compile against api alone: nothing in it may leak an internal type. */
  @ArchTest
  static final ArchRule apiDependsOnNothingInternal =
      classes()
          .that()
          .resideInAPackage("dev.walkspec.runtime.api..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.walkspec.runtime.api..", "java..", "org.apiguardian.api..");

  /** The trace format is shared with the generator: it sees only api types. */
  @ArchTest
  static final ArchRule traceDependsOnlyOnApi =
      classes()
          .that()
          .resideInAPackage("dev.walkspec.runtime.trace..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.walkspec.runtime.api..",
              "dev.walkspec.runtime.trace..",
              "java..",
              "org.apiguardian.api..");

  /** The scheduling hook is the bottom layer the explorer builds on. */
  @ArchTest
  static final ArchRule schedulingHookIsTheBottomLayer =
      classes()
          .that()
          .resideInAPackage("dev.walkspec.runtime.sched..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.walkspec.runtime.api..",
              "dev.walkspec.runtime.sched..",
              "java..",
              "org.apiguardian.api..");

  /** Handler kinds and callbacks live in api, where handlers can reach them. */
  @ArchTest
  static final ArchRule handlerTypesAreApi =
      classes()
          .that()
          .haveSimpleNameEndingWith("Handler")
          .or()
          .haveSimpleNameEndingWith("Callback")
          .should()
          .resideInAPackage("dev.walkspec.runtime.api..")
          .andShould()
          .bePublic();

  /**
   * Only tests and embedders use the world; no internal package reaches up into it. The explorer is
   * an embedder: it builds worlds and runs actors on them. (It is its own artifact,
   * walkspec-explorer, above this one: the build keeps every runtime package from depending on it.)
   */
  @ArchTest
  static final ArchRule nothingInternalDependsOnTheWorld =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.walkspec.runtime.world..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.walkspec.runtime.world..");

  /** Every public type says what it promises: STABLE, EXPERIMENTAL or INTERNAL (as JUnit does). */
  @ArchTest
  static final ArchRule everyPublicTypeHasAnApiStatus =
      classes().that().arePublic().and().areTopLevelClasses().should().beAnnotatedWith(API.class);

  /** Only the handler api is stable; nothing outside the api package promises that much. */
  @ArchTest
  static final ArchRule onlyTheApiIsStable =
      classes()
          .that()
          .areAnnotatedWith(stable())
          .should()
          .resideInAPackage("dev.walkspec.runtime.api");

  static DescribedPredicate<JavaAnnotation<?>> stable() {
    return DescribedPredicate.describe(
        "@API(status = STABLE)",
        a ->
            a.getRawType().isEquivalentTo(API.class)
                && a.get("status").map(v -> v.toString().endsWith("STABLE")).orElse(false));
  }

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.walkspec.runtime.(*)..").should().beFreeOfCycles();
}
