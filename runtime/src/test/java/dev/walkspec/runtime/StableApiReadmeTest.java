package dev.walkspec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README names exactly the runtime's STABLE types (between its stable-api markers): a type made
 * stable is documented, and the README promises nothing that is not stable.
 */
class StableApiReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final DescribedPredicate<JavaAnnotation<?>> STABLE = ArchitectureTest.stable();

  @Test
  void the_readme_names_exactly_the_stable_types() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf("<!-- stable-api -->");
    int to = readme.indexOf("<!-- /stable-api -->");
    assertThat(from).as("the README's stable-api section").isNotNegative().isLessThan(to);
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("`(\\w+)`").matcher(readme.substring(from, to));
    while (m.find()) {
      named.add(m.group(1));
    }
    Set<String> stable =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.walkspec.runtime")
                .stream()
                .filter(c -> c.isTopLevelClass())
                .filter(c -> c.getAnnotations().stream().anyMatch(a -> STABLE.test(a)))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
    assertThat(stable).contains("AgeHandler", "TestAgeHandler", "UnmapHandler", "WriteProtector");
    assertThat(named).isEqualTo(stable);
  }
}
