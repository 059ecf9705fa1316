package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.trace.WorldEvent;

/** Short renderings of world events for the cells of a step table. */
final class Notes {
  private Notes() {}

  /** The note for {@code event}, or null for events the step itself already shows. */
  static String render(WorldEvent event) {
    if (event instanceof WorldEvent.Map) {
      WorldEvent.Map e = (WorldEvent.Map) event;
      return "map gfn " + e.gfn() + level(e.level()) + root(e.as(), e.root());
    }
    if (event instanceof WorldEvent.Zap) {
      WorldEvent.Zap e = (WorldEvent.Zap) event;
      return "zap gfn " + e.gfn() + level(e.level()) + root(e.as(), e.root());
    }
    if (event instanceof WorldEvent.Age) {
      WorldEvent.Age e = (WorldEvent.Age) event;
      return "age gfn " + e.gfn() + (e.young() ? " young" : " old");
    }
    if (event instanceof WorldEvent.Fault) {
      WorldEvent.Fault e = (WorldEvent.Fault) event;
      return "fault gfn " + e.gfn() + (e.write() ? " (write)" : "") + ": " + e.outcome();
    }
    if (event instanceof WorldEvent.Access) {
      WorldEvent.Access e = (WorldEvent.Access) event;
      return "access gfn "
          + e.gfn()
          + (e.write() ? " (write)" : "")
          + (e.tlbHit() ? " via TLB" : "");
    }
    if (event instanceof WorldEvent.TlbFill) {
      WorldEvent.TlbFill e = (WorldEvent.TlbFill) event;
      return "tlb[vcpu " + e.vcpu() + "] filled gfn " + e.gfn();
    }
    if (event instanceof WorldEvent.TlbFlush) {
      return "tlbs flushed";
    }
    if (event instanceof WorldEvent.TableFree) {
      return "page#"
          + ((WorldEvent.TableFree) event).page()
          + " unlinked, freed after grace period";
    }
    if (event instanceof WorldEvent.TablePoison) {
      return "page#" + ((WorldEvent.TablePoison) event).page() + " freed (poisoned)";
    }
    if (event instanceof WorldEvent.Invalidate) {
      WorldEvent.Invalidate e = (WorldEvent.Invalidate) event;
      return "invalidate "
          + e.change()
          + (e.change().equals("range") ? " gfn [" + e.start() + "," + e.end() + ")" : "")
          + " (in progress "
          + e.inProgress()
          + ", seq "
          + e.sequence()
          + ")";
    }
    if (event instanceof WorldEvent.SequenceRead) {
      return "seq " + ((WorldEvent.SequenceRead) event).sequence();
    }
    if (event instanceof WorldEvent.HandlerCall) {
      WorldEvent.HandlerCall e = (WorldEvent.HandlerCall) event;
      return "handler(as "
          + e.as()
          + ", slot "
          + e.slot()
          + ", gfn ["
          + e.start()
          + ","
          + e.end()
          + ")"
          + (e.lockless() ? ", lockless" : "")
          + ")";
    }
    if (event instanceof WorldEvent.MemslotSwap) {
      WorldEvent.MemslotSwap e = (WorldEvent.MemslotSwap) event;
      return "memslots of as " + e.as() + " now generation " + e.generation();
    }
    if (event instanceof WorldEvent.GracePeriod) {
      return ((WorldEvent.GracePeriod) event).domain() + " grace period over";
    }
    return null;
  }

  private static String level(int level) {
    return level == 1 ? "" : " (level " + level + ")";
  }

  private static String root(int as, int root) {
    return as == 0 && root == 0 ? "" : " in root " + root + " of as " + as;
  }
}
