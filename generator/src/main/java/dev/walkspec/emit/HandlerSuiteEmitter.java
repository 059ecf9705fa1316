package dev.walkspec.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.walkspec.model.Decls.Obligation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Emits the handler conformance suite of one handler class in one operation on one profile: a
 * drift-lock test and one jqwik property per obligation that applies there, each named like the
 * spec ({@code clear_young[x86] H9 coverage}).
 */
final class HandlerSuiteEmitter {
  // The suite harness, named rather than referenced: emit must not depend on it (no cycle).
  static final ClassName HANDLER_STATE = ClassName.get("dev.walkspec.suite", "HandlerState");
  static final ClassName HANDLER_SUITE = ClassName.get("dev.walkspec.suite", "HandlerSuite");
  static final ClassName PROVIDE = ClassName.get("net.jqwik.api", "Provide");
  static final ClassName ARBITRARY = ClassName.get("net.jqwik.api", "Arbitrary");
  static final ClassName TEST_REPORTER = ClassName.get("org.junit.jupiter.api", "TestReporter");

  private HandlerSuiteEmitter() {}

  static TypeSpec emit(
      ClassName suite,
      ClassName handler,
      String subject,
      String operation,
      String profile,
      List<Obligation> obligations,
      AnnotationSpec property,
      CodeBlock specRef,
      AnnotationSpec generated,
      Concurrency concurrency) {
    CodeBlock.Builder create =
        CodeBlock.builder()
            .add(
                "$T.of(\n$>$>$L,\n$S,\n$S,\n$S,\n$T::new)",
                HANDLER_SUITE,
                specRef,
                operation,
                profile,
                handler.canonicalName(),
                handler);
    create.add("\n.withWalk($L)", concurrency.walk());
    concurrency.endWalk().ifPresent(end -> create.add("\n.withEndWalk($L)", end));
    concurrency.writer().ifPresent(w -> create.add("\n.withWriter($T::new)", w));
    create.add("$<$<");
    TypeSpec.Builder type =
        TypeSpec.classBuilder(suite)
            .addAnnotation(generated)
            .addJavadoc(
                "Checks $L against the obligations the spec gives it there.\n",
                Comments.safe(subject))
            .addField(
                // Package-private: the regression test an explored counterexample prints replays
                // it through SUITE from a test class of the same package.
                FieldSpec.builder(HANDLER_SUITE, "SUITE", Modifier.STATIC, Modifier.FINAL)
                    .initializer(create.build())
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("specUnchangedSinceGeneration")
                    .addAnnotation(SuiteEmitter.TEST)
                    .addAnnotation(
                        SuiteEmitter.display(
                            subject
                                + " drift lock: the spec still has the hash it was generated from"))
                    .addStatement("SUITE.checkDrift()")
                    .build())
            .addMethod(provider(STATES));
    if (obligations.stream().anyMatch(o -> statesOf(o).equals(LONG_RANGES))) {
      type.addMethod(provider(LONG_RANGES));
    }
    for (Obligation obligation : obligations) {
      String id = obligation.id().text();
      String label = subject + " " + id + " " + obligation.label().text().replace('_', ' ');
      type.addMethod(
          MethodSpec.methodBuilder(JavaNames.lowerCamel(id + "_" + obligation.label().text()))
              .addAnnotation(property)
              .addAnnotation(
                  AnnotationSpec.builder(SuiteEmitter.LABEL)
                      .addMember("value", "$S", label)
                      .build())
              .addJavadoc("$L\n", Comments.safe(obligation.doc()))
              .addParameter(
                  ParameterSpec.builder(HANDLER_STATE, "state")
                      .addAnnotation(
                          AnnotationSpec.builder(SuiteEmitter.FOR_ALL)
                              .addMember("value", "$S", statesOf(obligation))
                              .build())
                      .build())
              .addStatement("SUITE.check($S, state)", id)
              .build());
    }
    if (!concurrency.obligations().isEmpty()) {
      String ids = String.join(" ", concurrency.obligations());
      type.addMethod(
          MethodSpec.methodBuilder("exploredConcurrently")
              .addAnnotation(SuiteEmitter.TEST_FACTORY)
              .addAnnotation(
                  SuiteEmitter.display(subject + " " + ids + " explored with other actors"))
              .addParameter(TEST_REPORTER, "reporter")
              .returns(
                  ParameterizedTypeName.get(ClassName.get(Stream.class), SuiteEmitter.DYNAMIC_TEST))
              .addStatement(
                  "return SUITE.exploredScenarioNames().stream().map(name -> $T.dynamicTest($S + name + $S"
                      + " + $T.exploredBounds(name),"
                      + " () -> reporter.publishEntry($T.SCHEDULES_ENTRY,"
                      + " Long.toString(SUITE.explore(name).schedules()))))",
                  SuiteEmitter.DYNAMIC_TEST,
                  subject + " explored: ",
                  " (" + ids + "), ",
                  HANDLER_SUITE,
                  HANDLER_SUITE)
              .build());
    }
    return type.build();
  }

  private static final String STATES = "states";
  private static final String LONG_RANGES = "longRanges";

  /**
   * The states a property draws: long runs across a 1 GiB boundary for H14 (only those can hold the
   * lock too long), the general families for every other obligation.
   */
  private static String statesOf(Obligation obligation) {
    return obligation.id().text().equals("H14") ? LONG_RANGES : STATES;
  }

  /** {@code @Provide Arbitrary<HandlerState> NAME() { return SUITE.NAME(); }}. */
  private static MethodSpec provider(String name) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(PROVIDE)
        .returns(ParameterizedTypeName.get(ARBITRARY, HANDLER_STATE))
        .addStatement("return SUITE.$N()", name)
        .build();
  }

  /**
   * What the concurrent part of a handler suite needs: the operation's generated walker (and the
   * one that ends an invalidation, for unmap), the arch's writer if any, and the obligations the
   * explorer checks there.
   */
  record Concurrency(
      CodeBlock walk,
      Optional<CodeBlock> endWalk,
      Optional<ClassName> writer,
      List<String> obligations) {}
}
