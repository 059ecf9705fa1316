package dev.walkspec.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Line index and positions of a source text, for every kind of line end. */
class SourceFileTest {

  @ParameterizedTest(name = "line end {0}")
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void everyLineEndStartsALine(String eol) {
    SourceFile file = new SourceFile("a.walk", "one" + eol + "two" + eol + "three" + eol);

    assertThat(file.lineCount()).isEqualTo(4);
    assertThat(file.line(1)).isEqualTo("one");
    assertThat(file.line(2)).isEqualTo("two");
    assertThat(file.line(3)).isEqualTo("three");
    assertThat(file.line(4)).isEmpty();
    int t = ("one" + eol + "two" + eol).length() + 1; // the 'h' of "three"
    assertThat(file.pos(t, 2)).isEqualTo(new Pos("a.walk", 3, 2, 2));
  }

  @Test
  void mixedLineEnds() {
    SourceFile file = new SourceFile("a.walk", "a\r\nb\rc\nd");

    assertThat(file.lineCount()).isEqualTo(4);
    assertThat(file.line(1)).isEqualTo("a");
    assertThat(file.line(2)).isEqualTo("b");
    assertThat(file.line(3)).isEqualTo("c");
    assertThat(file.line(4)).isEqualTo("d");
    assertThat(file.pos(7, 1)).isEqualTo(new Pos("a.walk", 4, 1, 1));
  }

  @Test
  void crLfIsOneLineEnd() {
    SourceFile file = new SourceFile("a.walk", "a\r\n\r\nb");

    assertThat(file.lineCount()).isEqualTo(3);
    assertThat(file.line(2)).isEmpty();
    assertThat(file.pos(5, 1)).isEqualTo(new Pos("a.walk", 3, 1, 1));
  }

  @Test
  void lastLineWithoutNewline() {
    SourceFile file = new SourceFile("a.walk", "config A;\nconfig B;");

    assertThat(file.lineCount()).isEqualTo(2);
    assertThat(file.line(2)).isEqualTo("config B;");
    // The end of the text (where "unexpected end of file" is reported) is just past the last
    // character of the last line.
    assertThat(file.pos(file.text().length(), 0)).isEqualTo(new Pos("a.walk", 2, 10, 1));
  }

  @Test
  void endOfTextAfterANewlineIsOnTheEmptyLastLine() {
    SourceFile file = new SourceFile("a.walk", "config A;\n");

    assertThat(file.pos(file.text().length(), 0)).isEqualTo(new Pos("a.walk", 2, 1, 1));
  }

  @Test
  void theLineEndBelongsToTheLineItEnds() {
    SourceFile file = new SourceFile("a.walk", "ab\r\ncd");

    assertThat(file.pos(2, 1)).isEqualTo(new Pos("a.walk", 1, 3, 1)); // the \r
    assertThat(file.pos(3, 1)).isEqualTo(new Pos("a.walk", 1, 4, 1)); // the \n
    assertThat(file.pos(4, 1)).isEqualTo(new Pos("a.walk", 2, 1, 1));
  }

  @Test
  void emptyText() {
    SourceFile file = new SourceFile("empty.walk", "");

    assertThat(file.lineCount()).isEqualTo(1);
    assertThat(file.line(1)).isEmpty();
    assertThat(file.pos(0, 0)).isEqualTo(Pos.startOf("empty.walk"));
  }

  @Test
  void outOfRangeIsClampedOrEmpty() {
    SourceFile file = new SourceFile("a.walk", "ab\ncd");

    assertThat(file.line(0)).isEmpty();
    assertThat(file.line(3)).isEmpty();
    assertThat(file.pos(-5, 1)).isEqualTo(new Pos("a.walk", 1, 1, 1));
    assertThat(file.pos(99, 1)).isEqualTo(new Pos("a.walk", 2, 3, 1));
  }

  @Test
  void columnsCountUtf16CharactersAndTabsAsOne() {
    SourceFile file = new SourceFile("a.walk", "\t\uD83D\uDC27x");

    assertThat(file.pos(3, 1)).isEqualTo(new Pos("a.walk", 1, 4, 1));
  }

  @Test
  void positionsHaveALengthOfAtLeastOne() {
    assertThat(new Pos("a.walk", 1, 1, 0).length()).isEqualTo(1);
    assertThat(new Pos("a.walk", 1, 1, -3).length()).isEqualTo(1);
  }
}
