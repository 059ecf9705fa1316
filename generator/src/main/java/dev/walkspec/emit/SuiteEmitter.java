package dev.walkspec.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/**
 * Emits the walker conformance suite of one generated walker: a drift-lock test, a JUnit
 * {@code @TestFactory} with one dynamic test per layout of the exhaustive small scope, and a jqwik
 * property over large random layouts. Display names read like the spec: {@code clear_young[x86]
 * W1-W13 ...}.
 */
final class SuiteEmitter {
  // The suite harness, named rather than referenced: emit must not depend on it (no cycle).
  static final ClassName PLUGGABLE_WALKER = ClassName.get("dev.walkspec.suite", "PluggableWalker");
  static final ClassName SPEC_REF = ClassName.get("dev.walkspec.suite", "SpecRef");
  static final ClassName WALKER_SUITE = ClassName.get("dev.walkspec.suite", "WalkerSuite");
  static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
  static final ClassName TEST_FACTORY = ClassName.get("org.junit.jupiter.api", "TestFactory");
  static final ClassName DISPLAY_NAME = ClassName.get("org.junit.jupiter.api", "DisplayName");
  static final ClassName DYNAMIC_TEST = ClassName.get("org.junit.jupiter.api", "DynamicTest");
  static final ClassName PROPERTY = ClassName.get("net.jqwik.api", "Property");
  static final ClassName LABEL = ClassName.get("net.jqwik.api", "Label");
  static final ClassName FOR_ALL = ClassName.get("net.jqwik.api", "ForAll");
  static final ClassName INT_RANGE = ClassName.get("net.jqwik.api.constraints", "IntRange");
  static final ClassName VERIFIED_ONCE = ClassName.get("dev.walkspec.suite", "VerifiedOnce");
  static final ClassName REGISTER_EXTENSION =
      ClassName.get("org.junit.jupiter.api.extension", "RegisterExtension");

  private SuiteEmitter() {}

  /**
   * @param subject "clear_young[x86]" or "generic walker[x86]", for display names
   * @param operation the operation id, or null for the generic walker
   */
  static TypeSpec walkerSuite(
      WalkerPlan plan,
      ClassName suite,
      ClassName walker,
      ClassName api,
      String subject,
      String operation,
      String profile,
      CodeBlock specRef,
      AnnotationSpec generated,
      int randomLayouts,
      String seed) {
    TypeName suiteType = ParameterizedTypeName.get(WALKER_SUITE, api);
    CodeBlock factory =
        CodeBlock.of(
            "$T.factory($S, $T.class, context -> new $T($L))",
            PLUGGABLE_WALKER,
            subject,
            api,
            walker,
            CodeBlock.join(plan.constructorArguments(), ", "));
    CodeBlock invoker =
        CodeBlock.of(
            "(walker, scenario) -> walker.walk($L)", CodeBlock.join(plan.invokerArguments, ", "));
    CodeBlock create =
        operation != null
            ? CodeBlock.of(
                "$T.forOperation(\n$>$>$L,\n$S,\n$S,\n$L,\n$L)$<$<",
                WALKER_SUITE,
                specRef,
                operation,
                profile,
                factory,
                invoker)
            : CodeBlock.of(
                "$T.generic(\n$>$>$L,\n$S,\n$L,\n$L)$<$<",
                WALKER_SUITE,
                specRef,
                profile,
                factory,
                invoker);
    return TypeSpec.classBuilder(suite)
        .addAnnotation(generated)
        .addJavadoc(
            "Checks the $L walker against the reference semantics of its spec (W1-W13); once it"
                + " passed, it runs again only when the generated walkers or walkspec's code"
                + " change ($T).\n",
            Comments.safe(subject),
            VERIFIED_ONCE)
        // Run again only when the generated walkers or walkspec's code changed.
        .addField(
            FieldSpec.builder(VERIFIED_ONCE, "VERIFIED_ONCE", Modifier.STATIC, Modifier.FINAL)
                .addAnnotation(REGISTER_EXTENSION)
                .initializer("new $T()", VERIFIED_ONCE)
                .build())
        .addField(
            FieldSpec.builder(suiteType, "SUITE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(create)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("specUnchangedSinceGeneration")
                .addAnnotation(TEST)
                .addAnnotation(
                    display(
                        subject + " drift lock: the spec still has the hash it was generated from"))
                .addStatement("SUITE.checkDrift()")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("exhaustiveSmallScope")
                .addAnnotation(TEST_FACTORY)
                .addAnnotation(display(subject + " W1-W13 on the exhaustive small scope"))
                .returns(ParameterizedTypeName.get(ClassName.get(Stream.class), DYNAMIC_TEST))
                .addStatement("SUITE.checkDrift()")
                .addStatement(
                    "return SUITE.layouts().stream().map(layout -> $T.dynamicTest($S + layout, () -> SUITE.checkLayout(layout)))",
                    DYNAMIC_TEST,
                    subject + " W1-W13 layout ")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("randomLargeLayouts")
                .addAnnotation(TEST_FACTORY)
                .addAnnotation(display(subject + " W1-W13 on random layouts of up to 512 slots"))
                .returns(ParameterizedTypeName.get(ClassName.get(Stream.class), DYNAMIC_TEST))
                .addStatement(
                    "return SUITE.randomLayouts($L, $S).stream().map(layout -> $T.dynamicTest($S +"
                        + " layout, () -> SUITE.check(layout)))",
                    randomLayouts,
                    seed,
                    DYNAMIC_TEST,
                    subject + " W1-W13 ")
                .build())
        .build();
  }

  static AnnotationSpec display(String name) {
    return AnnotationSpec.builder(DISPLAY_NAME).addMember("value", "$S", name).build();
  }

  /** The suite's spec: the image that builds it and where its files are (drift lock). */
  static CodeBlock specRef(ClassName image, String path, List<String> importPath) {
    CodeBlock.Builder args = CodeBlock.builder().add("$T::checked, $S", image, path);
    importPath.forEach(dir -> args.add(", $S", dir));
    return CodeBlock.of("$T.of($L)", SPEC_REF, args.build());
  }
}
