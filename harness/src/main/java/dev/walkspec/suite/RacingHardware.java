package dev.walkspec.suite;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.RuleViolation;
import dev.walkspec.runtime.mmu.TablePage;
import dev.walkspec.runtime.sched.Blocked;
import dev.walkspec.runtime.sched.Op;
import dev.walkspec.runtime.sched.Scheduler;
import dev.walkspec.runtime.sched.Shared;
import java.util.HashMap;
import java.util.Map;

/**
 * A scheduler for one sequential handler call that plays hardware racing the handler (H4): right
 * before every compare-and-swap on a table entry it flips that entry's Accessed bit, as a vCPU
 * touching the page or another ager would, so the swap fails. A handler that counts the failure as
 * young and moves on makes one attempt per entry; one that retries never succeeds, and after {@link
 * #ATTEMPTS} attempts on one entry it is reported as retrying without bound.
 */
final class RacingHardware implements Scheduler {
  static final int ATTEMPTS = 64;
  private final EntryCodec codec;
  private final Map<String, Integer> attempts = new HashMap<>();
  private boolean armed;
  private boolean touching;

  RacingHardware(EntryCodec codec) {
    this.codec = codec;
  }

  /** Only the handler call is raced, not the setup or the snapshots around it. */
  void arm(boolean on) {
    armed = on;
  }

  @Override
  public void yieldPoint(Op op, Shared target, long index) {
    if (!armed || touching || op != Op.CAS || !(target instanceof TablePage page) || index < 0) {
      return;
    }
    touching = true;
    try {
      // Another ager clears Accessed, or a vCPU touching the page sets it: either way the entry
      // changes under the swap, as it physically can, every time.
      if (codec.accessed(page.peek((int) index))) {
        page.fetchAnd((int) index, ~codec.accessedMask());
      } else {
        page.fetchOr((int) index, codec.accessedMask());
      }
    } finally {
      touching = false;
    }
    String entry = page.sharedName() + "[" + index + "]";
    int made = attempts.merge(entry, 1, Integer::sum);
    if (made > ATTEMPTS) {
      throw new RuleViolation(
          "H4",
          "the handler retried a failed compare-and-swap on "
              + entry
              + " "
              + made
              + " times while hardware kept setting Accessed: a lost swap must count as young,"
              + " not be retried without bound");
    }
  }

  @Override
  public void block(Blocked blocked, int attempt) {
    Scheduler.production().block(blocked, attempt);
  }

  @Override
  public boolean cooperative() {
    return false;
  }
}
