package dev.walkspec.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Edit distance and the "did you mean" hints built on it. */
class SimilarityTest {

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource({
    "'', '', 0",
    "'', abc, 3",
    "abc, '', 3",
    "lockless, lockless, 0",
    "lokless, lockless, 1",
    "kitten, sitting, 3",
    "x68, x86, 1", // an adjacent transposition costs 1
    "ca, abc, 3", // optimal string alignment, not full Damerau (which gives 2)
    "flush, flsuh, 1",
  })
  void editDistance(String a, String b, int expected) {
    assertThat(Similarity.editDistance(a, b)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
    "lokless, lockless, true",
    "LOCKLESS, lockless, true", // case is ignored
    "walkr, walker, true",
    "hva_rnage, hva_range, true",
    "x68, x86, true",
    "wx, w, true",
    "x, xy, true",
    "q, p, false", // one letter replaced by another is not a typo of it
    "Z, A, false",
    "ending, end, false",
    "spaces, slots, false",
    "arm64, x86, false",
  })
  void isClose(String typed, String candidate, boolean close) {
    assertThat(Similarity.isClose(typed, candidate)).isEqualTo(close);
  }

  @Test
  void hintNamesTheClosestCandidate() {
    assertThat(Similarity.hint("lokless", List.of("may_block", "lockless", "flush_on_ret")))
        .isEqualTo("; did you mean 'lockless'?");
    assertThat(Similarity.hint("clear_yong", List.of("clear_young", "clear_flush_young")))
        .isEqualTo("; did you mean 'clear_young'?");
  }

  @Test
  void noHintWhenNothingIsClose() {
    assertThat(Similarity.hint("riscv", List.of("x86", "arm64"))).isEmpty();
    assertThat(Similarity.hint("anything", List.of())).isEmpty();
  }

  @Property
  void distanceIsSymmetricAndBounded(
      @ForAll @AlphaChars @StringLength(max = 12) String a,
      @ForAll @AlphaChars @StringLength(max = 12) String b) {
    int d = Similarity.editDistance(a, b);
    assertThat(d).isEqualTo(Similarity.editDistance(b, a));
    assertThat(d).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
    assertThat(d == 0).isEqualTo(a.equals(b));
  }

  @Property
  void aWordWithOneLetterLessIsClose(
      @ForAll @AlphaChars @StringLength(min = 2, max = 12) String word) {
    assertThat(Similarity.isClose(word.substring(1), word)).isTrue();
    assertThat(Similarity.isClose(word.substring(0, word.length() - 1), word)).isTrue();
  }
}
