package dev.walkspec.emit.walkers;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.SlotCursor;
import dev.walkspec.runtime.api.WalkResult;
import dev.walkspec.runtime.trace.TraceEvent;
import dev.walkspec.runtime.trace.TraceSink;

/**
 * A clear_young walk for x86 written by hand, the way one would without a generator, to be plugged
 * into the generated suite in place of the generated walker. With {@code skipSrcu} it forgets the
 * SRCU section (W2), which the suite must catch.
 */
public class HandWrittenClearYoung {
  private final Kvm kvm;
  private final GfnHandler handler;
  private final TraceSink trace;
  private final boolean skipSrcu;

  protected HandWrittenClearYoung(Kvm kvm, GfnHandler handler, TraceSink trace, boolean skipSrcu) {
    this.kvm = kvm;
    this.handler = handler;
    this.trace = trace;
    this.skipSrcu = skipSrcu;
  }

  public WalkResult walk(long start, long end) {
    if (end <= start) {
      trace.emit(new TraceEvent.Warn("W1a"));
      trace.emit(new TraceEvent.Result("false", false));
      return WalkResult.NOTHING;
    }
    int idx = skipSrcu ? 0 : kvm.srcu().readLock();
    if (!skipSrcu) {
      trace.emit(new TraceEvent.SrcuLock());
    }
    boolean found = false;
    boolean young = false;
    for (int as = 0; as < kvm.addressSpaces(); as++) {
      SlotCursor slots = kvm.memslots(as).overlapping(start, end - 1);
      while (slots.hasNext()) {
        MemSlot slot = slots.next();
        GfnRange range = GfnRange.forHva(slot, start, end, 0, false, true);
        found = true;
        boolean r = handler.handle(kvm, range);
        trace.emit(
            new TraceEvent.Call(as, slot.id(), range.start(), range.end(), Boolean.toString(r)));
        young |= r;
      }
    }
    if (!skipSrcu) {
      kvm.srcu().readUnlock(idx);
      trace.emit(new TraceEvent.SrcuUnlock());
    }
    trace.emit(new TraceEvent.Result(Boolean.toString(young), found));
    return new WalkResult(young ? 1 : 0, found);
  }
}
