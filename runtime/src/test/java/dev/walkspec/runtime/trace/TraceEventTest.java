package dev.walkspec.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walkspec.runtime.api.LockMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TraceEventTest {

  @Test
  void everyEventRendersExactlyItsLine() {
    List<TraceEvent> events =
        List.of(
            new TraceEvent.Warn("W1a"),
            new TraceEvent.SrcuLock(),
            new TraceEvent.Lock(LockMode.WRITE),
            new TraceEvent.OnLock("invalidate_begin"),
            TraceEvent.Call.of(1, 7, 256, 258, true),
            TraceEvent.Call.of(0, 3, 0, 1, -12),
            new TraceEvent.Flush(),
            new TraceEvent.Unlock(LockMode.SPIN),
            new TraceEvent.SrcuUnlock(),
            TraceEvent.Result.of(false, true),
            TraceEvent.Result.of(1, false));
    assertThat(events.stream().map(TraceEvent::render))
        .containsExactly(
            "WARN W1a",
            "SRCU_LOCK",
            "LOCK write",
            "ON_LOCK invalidate_begin",
            "CALL as=1 slot=7 gfn=[256,258) -> true",
            "CALL as=0 slot=3 gfn=[0,1) -> -12",
            "FLUSH",
            "UNLOCK spin",
            "SRCU_UNLOCK",
            "RESULT ret=false found_memslot=true",
            "RESULT ret=1 found_memslot=false");
  }

  @Test
  void recordingSinkKeepsOrderAndOffSinkIsDisabled() {
    RecordingTraceSink sink = new RecordingTraceSink();
    sink.emit(new TraceEvent.SrcuLock());
    sink.emit(new TraceEvent.SrcuUnlock());
    assertThat(sink.lines()).containsExactly("SRCU_LOCK", "SRCU_UNLOCK");
    assertThat(sink.text()).isEqualTo("SRCU_LOCK\nSRCU_UNLOCK\n");
    assertThat(TraceEvent.parseAll(sink.text())).isEqualTo(sink.events());
    assertThat(TraceSink.OFF.enabled()).isFalse();
  }

  @Test
  void malformedLinesNameTheProblem() {
    assertThatThrownBy(() -> TraceEvent.parse("LOCK exclusive"))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageContaining("malformed trace line 'LOCK exclusive'")
        .hasMessageContaining("LOCK <write|read|spin>");
    assertThatThrownBy(() -> TraceEvent.parse("CALL as=0 slot=1 gfn=[1,2] -> true"))
        .hasMessageContaining("malformed trace line");
    assertThatThrownBy(() -> TraceEvent.parse("RESULT ret=yes found_memslot=true"))
        .hasMessageContaining("malformed trace line");
    assertThatThrownBy(() -> TraceEvent.parse("CALL as=0 slot=1 gfn=[1,2) -> 99999999999"))
        .hasMessageContaining("decimal int");
    assertThatThrownBy(() -> TraceEvent.parse(" SRCU_LOCK")).hasMessageContaining("malformed");
  }

  @Test
  void recordsRejectValuesTheirLineCannotCarry() {
    assertThatThrownBy(() -> new TraceEvent.Warn("two words")).hasMessageContaining("WARN rule");
    assertThatThrownBy(() -> new TraceEvent.Call(0, 1, 0, 1, "maybe"))
        .hasMessageContaining("CALL result must be true, false or a decimal int");
    assertThatThrownBy(() -> new TraceEvent.Call(-1, 1, 0, 1, "true"))
        .hasMessageContaining("as >= 0");
    assertThatThrownBy(() -> new TraceEvent.Result("007", true)).hasMessageContaining("RESULT ret");
  }

  @Property(tries = 300)
  void parseInvertsRender(@ForAll("events") TraceEvent event) {
    assertThat(TraceEvent.parse(event.render())).isEqualTo(event);
  }

  @Provide
  Arbitrary<TraceEvent> events() {
    Arbitrary<String> words =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<LockMode> modes = Arbitraries.of(LockMode.class);
    Arbitrary<String> results =
        Arbitraries.oneOf(
            Arbitraries.of("true", "false"), Arbitraries.integers().map(Object::toString));
    Arbitrary<TraceEvent> calls =
        net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 32767),
                Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.longs().between(1, 1 << 20),
                results)
            .as(
                (as, slot, start, len, result) ->
                    new TraceEvent.Call(as, slot, start, start + len, result));
    return Arbitraries.oneOf(
        words.map(TraceEvent.Warn::new),
        Arbitraries.just(new TraceEvent.SrcuLock()),
        modes.map(TraceEvent.Lock::new),
        words.map(TraceEvent.OnLock::new),
        calls,
        Arbitraries.just(new TraceEvent.Flush()),
        modes.map(TraceEvent.Unlock::new),
        Arbitraries.just(new TraceEvent.SrcuUnlock()),
        net.jqwik.api.Combinators.combine(results, Arbitraries.of(true, false))
            .as(TraceEvent.Result::new));
  }
}
