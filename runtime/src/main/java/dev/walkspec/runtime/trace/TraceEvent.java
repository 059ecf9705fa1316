package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.LockMode;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One line of a walk's event trace. The text form is fixed (field order, half-open gfn ranges,
 * decimal numbers) so traces from the reference interpreter, generated walkers and hand-written
 * transcriptions can be compared as text.
 */
@API(status = EXPERIMENTAL)
public sealed interface TraceEvent {

  /** The line, without a newline. */
  String render();

  /** A guard fired (W1): the walk does nothing else. */
  record Warn(String rule) implements TraceEvent {
    public Warn {
      requireToken(rule, "WARN rule name");
    }

    @Override
    public String render() {
      return "WARN " + rule;
    }
  }

  /** SRCU read lock taken (W2). */
  record SrcuLock() implements TraceEvent {
    @Override
    public String render() {
      return "SRCU_LOCK";
    }
  }

  /** MMU lock taken (W7). */
  record Lock(LockMode mode) implements TraceEvent {
    public Lock {
      requireMode(mode);
    }

    @Override
    public String render() {
      return "LOCK " + mode.render();
    }
  }

  /** on_lock callback run (W7). */
  record OnLock(String callback) implements TraceEvent {
    public OnLock {
      requireToken(callback, "ON_LOCK callback name");
    }

    @Override
    public String render() {
      return "ON_LOCK " + callback;
    }
  }

  /**
   * Handler call on gfns {@code [gfnStart, gfnEnd)} of a slot, with its result (W9). {@code filter}
   * is the attr_filter the call passes where the walk decides it (the guest_memfd walk, G7), empty
   * where it is fixed (every hva walk passes KVM_FILTER_SHARED, W6) and so not shown.
   */
  record Call(int as, int slot, long gfnStart, long gfnEnd, String filter, String result)
      implements TraceEvent {
    public Call {
      if (as < 0 || slot < 0) {
        throw new IllegalArgumentException(
            "CALL needs as >= 0 and slot >= 0, got as=" + as + " slot=" + slot);
      }
      if (!filter.isEmpty()) {
        requireToken(filter, "CALL filter");
      }
      requireResult(result, "CALL result");
    }

    /** A call whose attr_filter the trace does not show (the hva walks). */
    public Call(int as, int slot, long gfnStart, long gfnEnd, String result) {
      this(as, slot, gfnStart, gfnEnd, "", result);
    }

    public static Call of(int as, int slot, long gfnStart, long gfnEnd, boolean result) {
      return new Call(as, slot, gfnStart, gfnEnd, Boolean.toString(result));
    }

    public static Call of(int as, int slot, long gfnStart, long gfnEnd, int result) {
      return new Call(as, slot, gfnStart, gfnEnd, Integer.toString(result));
    }

    @Override
    public String render() {
      return "CALL as="
          + as
          + " slot="
          + slot
          + " gfn=["
          + gfnStart
          + ","
          + gfnEnd
          + ")"
          + (filter.isEmpty() ? "" : " filter=" + filter)
          + " -> "
          + result;
    }
  }

  /** Remote TLB flush (W10). */
  record Flush() implements TraceEvent {
    @Override
    public String render() {
      return "FLUSH";
    }
  }

  /** MMU lock released (W11). */
  record Unlock(LockMode mode) implements TraceEvent {
    public Unlock {
      requireMode(mode);
    }

    @Override
    public String render() {
      return "UNLOCK " + mode.render();
    }
  }

  /** SRCU read lock released (W2, W11). */
  record SrcuUnlock() implements TraceEvent {
    @Override
    public String render() {
      return "SRCU_UNLOCK";
    }
  }

  /** The walk's result, always the last line (W12). */
  record Result(String ret, boolean foundMemslot) implements TraceEvent {
    public Result {
      requireResult(ret, "RESULT ret");
    }

    public static Result of(boolean ret, boolean foundMemslot) {
      return new Result(Boolean.toString(ret), foundMemslot);
    }

    public static Result of(int ret, boolean foundMemslot) {
      return new Result(Integer.toString(ret), foundMemslot);
    }

    @Override
    public String render() {
      return "RESULT ret=" + ret + " found_memslot=" + foundMemslot;
    }
  }

  /**
   * The inverse of {@link #render()}.
   *
   * @throws TraceFormatException naming the expected form when the line matches none
   */
  static TraceEvent parse(String line) {
    return TraceParser.parse(line);
  }

  /** Parses every non-empty line of {@code text}. */
  static List<TraceEvent> parseAll(String text) {
    List<TraceEvent> events = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        events.add(parse(line));
      }
    }
    return events;
  }

  private static void requireToken(String token, String what) {
    if (token == null || token.isEmpty() || !token.chars().allMatch(TraceParser::isTokenChar)) {
      throw new IllegalArgumentException(
          what
              + " must be a non-empty word of letters, digits, '_', '-' or '.', got '"
              + token
              + "'");
    }
  }

  private static void requireMode(LockMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("lock mode is null");
    }
  }

  private static void requireResult(String result, String what) {
    if (result == null || !TraceParser.isResult(result)) {
      throw new IllegalArgumentException(
          what + " must be true, false or a decimal int, got '" + result + "'");
    }
  }
}
