package dev.walkspec.runtime.trace;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.LockMode;
import org.apiguardian.api.API;

/**
 * Something that happened in the simulated world besides the walk itself, for the explorer's
 * per-actor step tables and for obligation checks (H5, H9-H12).
 */
@API(status = EXPERIMENTAL)
public sealed interface WorldEvent {
  String render();

  /** A vCPU fault attempt and how it ended (installed, retry, ...; H13). */
  record Fault(String actor, int vcpu, int as, long gfn, boolean write, String outcome)
      implements WorldEvent {
    @Override
    public String render() {
      return "FAULT actor="
          + actor
          + " vcpu="
          + vcpu
          + " as="
          + as
          + " gfn="
          + gfn
          + " write="
          + write
          + " -> "
          + outcome;
    }
  }

  /** A guest access by a vCPU, through its TLB or a table walk that set Accessed/Dirty. */
  record Access(String actor, int vcpu, int as, long gfn, boolean write, boolean tlbHit)
      implements WorldEvent {
    @Override
    public String render() {
      return "ACCESS actor="
          + actor
          + " vcpu="
          + vcpu
          + " as="
          + as
          + " gfn="
          + gfn
          + " write="
          + write
          + " tlb_hit="
          + tlbHit;
    }
  }

  /** A leaf mapping installed. */
  record Map(int as, int root, long gfn, int level, long frame) implements WorldEvent {
    @Override
    public String render() {
      return "MAP as=" + as + " root=" + root + " gfn=" + gfn + " level=" + level + " frame="
          + frame;
    }
  }

  /** A leaf mapping removed. */
  record Zap(int as, int root, long gfn, int level) implements WorldEvent {
    @Override
    public String render() {
      return "ZAP as=" + as + " root=" + root + " gfn=" + gfn + " level=" + level;
    }
  }

  /** Accessed cleared on a leaf (young = it was set). */
  record Age(int as, int root, long gfn, int level, boolean young) implements WorldEvent {
    @Override
    public String render() {
      return "AGE as=" + as + " root=" + root + " gfn=" + gfn + " level=" + level + " young="
          + young;
    }
  }

  /** A table page unlinked and queued for freeing after a grace period. */
  record TableFree(long page, int level) implements WorldEvent {
    @Override
    public String render() {
      return "FREE page=" + page + " level=" + level;
    }
  }

  /** A freed table page poisoned after its grace period (H3). */
  record TablePoison(long page) implements WorldEvent {
    @Override
    public String render() {
      return "POISON page=" + page;
    }
  }

  /** A vCPU TLB filled with a translation. */
  record TlbFill(int vcpu, int as, long gfn, int level) implements WorldEvent {
    @Override
    public String render() {
      return "TLB_FILL vcpu=" + vcpu + " as=" + as + " gfn=" + gfn + " level=" + level;
    }
  }

  /** Every vCPU TLB flushed (W10, H12). */
  record TlbFlush(String actor) implements WorldEvent {
    @Override
    public String render() {
      return "TLB_FLUSH actor=" + actor;
    }
  }

  /** The MMU lock taken or released by an actor. */
  record LockChange(String actor, LockMode mode, boolean acquired) implements WorldEvent {
    @Override
    public String render() {
      return (acquired ? "MMU_LOCK" : "MMU_UNLOCK") + " actor=" + actor + " mode=" + mode.render();
    }
  }

  /** A new memslot set published for an address space. */
  record MemslotSwap(int as, long generation) implements WorldEvent {
    @Override
    public String render() {
      return "MEMSLOT_SWAP as=" + as + " generation=" + generation;
    }
  }

  /** A grace period of {@code domain} (rcu or srcu) ended for a synchronize call. */
  record GracePeriod(String domain) implements WorldEvent {
    @Override
    public String render() {
      return "GRACE_PERIOD " + domain;
    }
  }

  /**
   * Invalidation bookkeeping by an actor (C1/C2): {@code change} is {@code begin}, {@code range}
   * (with the gfn range recorded) or {@code end}; the in-progress count and sequence after it.
   */
  record Invalidate(
      String actor, String change, long start, long end, int inProgress, long sequence)
      implements WorldEvent {
    @Override
    public String render() {
      return "INVALIDATE actor="
          + actor
          + " "
          + change
          + (change.equals("range") ? " gfn=[" + start + "," + end + ")" : "")
          + " in_progress="
          + inProgress
          + " sequence="
          + sequence;
    }
  }

  /** An actor read the invalidation sequence (a fault taking its snapshot, H13). */
  record SequenceRead(String actor, long sequence) implements WorldEvent {
    @Override
    public String render() {
      return "SEQUENCE_READ actor=" + actor + " sequence=" + sequence;
    }
  }

  /** A checked handler call began ({@code Kvm.callHandler}). */
  record HandlerCall(
      String actor, int as, int slot, long start, long end, boolean lockless, boolean mayBlock)
      implements WorldEvent {
    @Override
    public String render() {
      return "HANDLER actor="
          + actor
          + " as="
          + as
          + " slot="
          + slot
          + " gfn=["
          + start
          + ","
          + end
          + ") lockless="
          + lockless
          + " may_block="
          + mayBlock;
    }
  }
}
