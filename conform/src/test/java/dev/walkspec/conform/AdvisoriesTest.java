package dev.walkspec.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The advisory notes under the matrix: lockless handlers that took the MMU lock for read (H1). */
class AdvisoriesTest {
  @Test
  void a_set_whose_handler_took_the_read_lock_gets_one_line_per_handler_kind() {
    List<String> lines =
        ConformCommand.advisories(
            List.of(HandlerSets.X86, HandlerSets.S390),
            Set.of(
                "dev.walkspec.arch.s390.S390AgeHandler",
                "dev.walkspec.arch.s390.S390TestAgeHandler"));
    assertThat(lines)
        .containsExactly(
            "advisory notes (not obligation failures):",
            "  s390: age handler dev.walkspec.arch.s390.S390AgeHandler takes the MMU lock for read"
                + " inside the lockless walk (H1 allows it; the aging still waits for every zap)",
            "  s390: test_age handler dev.walkspec.arch.s390.S390TestAgeHandler takes the MMU lock"
                + " for read inside the lockless walk (H1 allows it; the aging still waits for"
                + " every zap)");
  }

  @Test
  void no_read_lock_taken_no_notes() {
    assertThat(ConformCommand.advisories(HandlerSets.bundled(), Set.of())).isEmpty();
  }
}
