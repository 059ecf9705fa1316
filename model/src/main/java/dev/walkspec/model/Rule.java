package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Pos;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One named rule of a walker. The walk itself has a fixed shape (guards, SRCU section, the two
 * loops, lazy lock, handler calls, flush, unlock, return); each rule fills in one part of it, so a
 * variant is an edit of one rule. Every rule has an id (W7...) that traces and tests cite.
 */
@API(status = INTERNAL)
public sealed interface Rule {
  Name id();

  Pos pos();

  /** The keyword of the rule, for messages ("a lock rule"). */
  String keyword();

  /** W1: warn once and return {false, false}, before any lock or SRCU, when the condition holds. */
  record Guard(Name id, Name label, Expr when, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "guard";
    }
  }

  /** W2: a read-side section (SRCU) held across the whole walk. */
  record Section(Name id, Name section, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "section";
    }
  }

  /** W3: the outer loop over address spaces 0 .. n-1. */
  record VisitAddressSpaces(Name id, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "visit address_spaces";
    }
  }

  /** W4: the inner loop over the slots whose hva range meets the inclusive range [low, high]. */
  record VisitSlots(Name id, Expr low, Expr high, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "visit slots";
    }
  }

  /**
   * G1 (guest_memfd): the one loop over the bindings of a gmem file (page offset to memslot) that
   * meet the inclusive page-offset range [low, high], in page-offset order. It replaces both loops
   * of the MMU-notifier walk: a binding names its slot, and the slot its address space.
   */
  record VisitBindings(Name id, Expr low, Expr high, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "visit bindings";
    }
  }

  /**
   * W5: clip the range to the slot. {@code what} is the unit of the walk's range: hva (the
   * MMU-notifier walk, then W6 makes gfns of it), gfn (the memory-attribute walk) or pgoff (a
   * guest_memfd file's page offsets, G2).
   */
  record Clip(Name id, Name what, Pos pos) implements Rule {
    public static final String HVA = "hva";
    public static final String GFN = "gfn";
    public static final String PGOFF = "pgoff";

    public boolean byHva() {
      return what.text().equals(HVA);
    }

    @Override
    public String keyword() {
      return "clip";
    }
  }

  /** W6: how the clipped hva range becomes a gfn range. */
  record GfnRange(Name id, Rounding rounding, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "range";
    }
  }

  /** W7: which lock, in which mode, at which point, unless what, then which callback. */
  record Lock(
      Name id,
      Name lock,
      Expr mode,
      LockPoint point,
      Optional<Expr> unless,
      Optional<Name> onLock,
      Pos pos)
      implements Rule {
    @Override
    public String keyword() {
      return "lock";
    }
  }

  /** W8: what the walk does at the first hit when the handler is null. */
  record NullHandler(Name id, NullPolicy policy, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "null_handler";
    }
  }

  /** W9: how handler results combine into the walk's result, and whether a result stops it. */
  record Result(
      Name id, Name variable, Combinator combinator, Name handler, Optional<Expr> stopWhen, Pos pos)
      implements Rule {
    @Override
    public String keyword() {
      return "result";
    }
  }

  /** W10: flush remote TLBs once after the loops, before or after the unlock. */
  record Flush(Name id, Expr when, Placement placement, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "flush";
    }
  }

  /** W11: release the lock when the condition holds. */
  record Unlock(Name id, Name lock, Expr when, Pos pos) implements Rule {
    @Override
    public String keyword() {
      return "unlock";
    }
  }

  /** W12: what the walk returns. */
  record Return(Name id, List<Name> values, Pos pos) implements Rule {
    public Return {
      values = List.copyOf(values);
    }

    @Override
    public String keyword() {
      return "return";
    }
  }

  /** W13: inputs handed to every handler call unchanged. */
  record Pass(Name id, List<Name> values, Pos pos) implements Rule {
    public Pass {
      values = List.copyOf(values);
    }

    @Override
    public String keyword() {
      return "pass";
    }
  }

  /** W6 roundings: out = the pages that overlap the range; down = both ends rounded down. */
  enum Rounding {
    ROUND_OUT,
    ROUND_DOWN;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** W7: lazily at the first slot hit of the walk (since v5.13), or before the loops. */
  enum LockPoint {
    FIRST_HIT,
    WALK_START;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** W8: leave both loops for the unlock (v6.10+), or leave only the slot loop (V2). */
  enum NullPolicy {
    JUMP_UNLOCK,
    BREAK_SLOTS
  }

  /** W9: boolean OR of results; int results where a negative one is an error that stops (V7). */
  enum Combinator {
    OR,
    INT_OR;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** W10: flush while still holding the lock, or after releasing it. */
  enum Placement {
    BEFORE,
    AFTER
  }
}
