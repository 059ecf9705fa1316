package dev.walkspec.runtime.trace;

import dev.walkspec.runtime.api.LockMode;

/**
 * Something that happened in the simulated world besides the walk itself, for the explorer's
 * per-actor step tables and for obligation checks (H5, H9-H12).
 */
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
}
