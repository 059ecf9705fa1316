package dev.walkspec.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of walkspec as they stand, across the modules on the generator's test class path
 * (spec, runtime, explorer, model, harness, generator); docs/architecture.md draws the same map.
 * Each layer names the layers it may use, so a new import that reaches up (the model reaching into
 * the parser, the runtime into the explorer, any stage into the command line) fails here. The split
 * packages ({@code diag}, {@code check}, {@code semantics}, half in walkspec-model and half in
 * walkspec-generator) are layered as whole packages. conform and the Maven plugin sit above {@code
 * cli} and are not on this class path.
 */
@AnalyzeClasses(packages = "dev.walkspec", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

  @ArchTest
  static final ArchRule layersOnlyUseTheLayersBelowThem =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("RuntimeApi")
          .definedBy("dev.walkspec.runtime.api..")
          .layer("Runtime")
          .definedBy(
              "dev.walkspec.runtime.arch..",
              "dev.walkspec.runtime.memslot..",
              "dev.walkspec.runtime.mmu..",
              "dev.walkspec.runtime.sched..",
              "dev.walkspec.runtime.sync..",
              "dev.walkspec.runtime.trace..",
              "dev.walkspec.runtime.vcpu..",
              "dev.walkspec.runtime.world..")
          .layer("Explorer")
          .definedBy("dev.walkspec.runtime.explore..")
          .layer("Diag")
          .definedBy("dev.walkspec.diag..")
          .layer("Model")
          .definedBy("dev.walkspec.model..", "dev.walkspec.check..")
          .layer("Semantics")
          .definedBy("dev.walkspec.semantics..")
          .layer("FrontEnd")
          .definedBy("dev.walkspec.parse..", "dev.walkspec.assemble..")
          .layer("Harness")
          .definedBy("dev.walkspec.suite..")
          .layer("Emit")
          .definedBy("dev.walkspec.emit..")
          .layer("Pipeline")
          .definedBy("dev.walkspec", "dev.walkspec.pipeline..")
          .layer("Tools")
          .definedBy("dev.walkspec.kernel..", "dev.walkspec.mutate..")
          .layer("Cli")
          .definedBy("dev.walkspec.cli..")
          .whereLayer("RuntimeApi")
          .mayNotAccessAnyLayer()
          .whereLayer("Runtime")
          .mayOnlyAccessLayers("RuntimeApi")
          .whereLayer("Explorer")
          .mayOnlyAccessLayers("RuntimeApi", "Runtime")
          .whereLayer("Diag")
          .mayNotAccessAnyLayer()
          .whereLayer("Model")
          .mayOnlyAccessLayers("Diag", "RuntimeApi", "Runtime")
          .whereLayer("Semantics")
          .mayOnlyAccessLayers("Model", "Diag", "RuntimeApi", "Runtime")
          .whereLayer("FrontEnd")
          .mayOnlyAccessLayers("Model", "Diag")
          .whereLayer("Harness")
          .mayOnlyAccessLayers("Semantics", "Model", "Diag", "Explorer", "RuntimeApi", "Runtime")
          .whereLayer("Emit")
          .mayOnlyAccessLayers("Harness", "Model", "Diag", "RuntimeApi", "Runtime")
          .whereLayer("Pipeline")
          .mayOnlyAccessLayers("Emit", "FrontEnd", "Model", "Diag")
          .whereLayer("Tools")
          .mayOnlyAccessLayers(
              "Pipeline",
              "Emit",
              "Harness",
              "FrontEnd",
              "Semantics",
              "Model",
              "Diag",
              "RuntimeApi",
              "Runtime")
          .whereLayer("Cli")
          .mayNotBeAccessedByAnyLayer();
}
