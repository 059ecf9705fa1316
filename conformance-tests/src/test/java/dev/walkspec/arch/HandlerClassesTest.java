package dev.walkspec.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.walkspec.runtime.api.AgeHandler;
import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.TestAgeHandler;
import dev.walkspec.runtime.api.UnmapHandler;
import dev.walkspec.runtime.api.WriteProtector;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a downstream build relies on: handlers written against the runtime's api package only, named
 * by class with a public no-arg constructor, one handler kind each; and a README that lists every
 * known-bad variant.
 */
class HandlerClassesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.walkspec.arch");

  private static final Pattern ONE_LINE_DOC =
      Pattern.compile("/\\*\\* (H\\d+(?:/H\\d+)*): .+ \\*/");

  private static String superclause(Class<?> variant) {
    return "extends " + variant.getSuperclass().getSimpleName() + " {";
  }

  private static List<Class<?>> concrete(String pkg) {
    List<Class<?>> out = new ArrayList<>();
    for (JavaClass c : CLASSES) {
      if (c.getPackageName().startsWith(pkg)
          && c.getModifiers().contains(JavaModifier.PUBLIC)
          && !c.getModifiers().contains(JavaModifier.ABSTRACT)
          && !c.isInterface()
          && !c.getSimpleName().equals("package-info")) {
        out.add(c.reflect());
      }
    }
    return out;
  }

  @Test
  void handlersUseOnlyTheRuntimeApi() {
    classes()
        .that()
        .resideInAPackage("dev.walkspec.arch..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.walkspec.runtime.api..", "dev.walkspec.arch..")
        .check(CLASSES);
  }

  @Test
  void everyHandlerHasAPublicNoArgConstructorAndOneKind() throws ReflectiveOperationException {
    List<Class<?>> handlers =
        concrete("dev.walkspec.arch").stream().filter(GfnHandler.class::isAssignableFrom).toList();
    assertThat(handlers).hasSizeGreaterThanOrEqualTo(20 + 12);
    for (Class<?> handler : handlers) {
      Constructor<?> constructor = handler.getConstructor();
      assertThat(Modifier.isPublic(constructor.getModifiers())).as(handler.getName()).isTrue();
      assertThat(constructor.newInstance()).isInstanceOf(GfnHandler.class);
      long kinds =
          Stream.of(UnmapHandler.class, AgeHandler.class, TestAgeHandler.class)
              .filter(kind -> kind.isAssignableFrom(handler))
              .count();
      assertThat(kinds).as(handler.getName() + " implements one handler kind").isEqualTo(1);
    }
  }

  @Test
  void everyKnownBadVariantIsAHandlerOrAWriterAndIsInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    List<Class<?>> variants = concrete("dev.walkspec.arch.bad");
    assertThat(variants).hasSizeGreaterThanOrEqualTo(12);
    for (Class<?> variant : variants) {
      assertThat(
              GfnHandler.class.isAssignableFrom(variant)
                  || WriteProtector.class.isAssignableFrom(variant))
          .as(variant.getName())
          .isTrue();
      String name = variant.getSimpleName();
      List<String> source =
          Files.readAllLines(
              Path.of("src/main/java/dev/walkspec/arch/bad", name + ".java"),
              StandardCharsets.UTF_8);
      int declaration = source.indexOf("public class " + name + " " + superclause(variant));
      assertThat(declaration).as(name + " declaration").isPositive();
      Matcher javadoc = ONE_LINE_DOC.matcher(source.get(declaration - 1));
      assertThat(javadoc.matches()).as(name + ": one-line Javadoc naming the obligation").isTrue();
      assertThat(readme)
          .as("README row for " + name + " with the obligation of its Javadoc")
          .contains("| `" + name + "` | " + javadoc.group(1) + " |");
    }
  }
}
