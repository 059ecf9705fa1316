package dev.walkspec.runtime.world;

import dev.walkspec.runtime.api.GfnHandler;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Kvm;
import dev.walkspec.runtime.api.LockMode;
import dev.walkspec.runtime.api.MemSlot;
import dev.walkspec.runtime.api.OnLockCallback;
import dev.walkspec.runtime.api.SlotCursor;
import dev.walkspec.runtime.trace.TraceEvent;
import dev.walkspec.runtime.trace.TraceSink;

/**
 * A hand-written v6.15-style walker using only the api package and the trace sink, as a generated
 * walker will: it shows the runtime offers everything W1-W13 need.
 */
final class SampleWalker {
  record Flags(boolean flushOnRet, boolean mayBlock, boolean lockless) {}

  record Result(boolean ret, boolean foundMemslot) {}

  private SampleWalker() {}

  static Result walk(
      Kvm kvm,
      long start,
      long end,
      long arg,
      String handlerName,
      GfnHandler handler,
      String onLockName,
      OnLockCallback onLock,
      Flags flags,
      TraceSink sink) {
    String guard =
        end <= start
            ? "W1a"
            : handler == null && onLock == null
                ? "W1b"
                : flags.lockless() && onLock != null ? "W1c" : null;
    if (guard != null) {
      if (sink.enabled()) {
        sink.emit(new TraceEvent.Warn(guard));
        sink.emit(TraceEvent.Result.of(false, false));
      }
      return new Result(false, false);
    }
    LockMode mode = kvm.mmuLock().kind().exclusiveMode();
    boolean ret = false;
    boolean found = false;
    int idx = kvm.srcu().readLock();
    if (sink.enabled()) {
      sink.emit(new TraceEvent.SrcuLock());
    }
    walk:
    for (int as = 0; as < kvm.addressSpaces(); as++) {
      SlotCursor slots = kvm.memslots(as).overlapping(start, end - 1);
      while (slots.hasNext()) {
        MemSlot slot = slots.next();
        GfnRange range = GfnRange.forHva(slot, start, end, arg, flags.mayBlock(), flags.lockless());
        if (!found) {
          found = true;
          if (!flags.lockless()) {
            kvm.mmuLock().acquire(mode);
            if (sink.enabled()) {
              sink.emit(new TraceEvent.Lock(mode));
            }
            if (onLock != null) {
              onLock.run(kvm);
              if (sink.enabled()) {
                sink.emit(new TraceEvent.OnLock(onLockName));
              }
            }
          }
          if (handler == null) {
            break walk;
          }
        }
        boolean result = kvm.callHandler(handler, range);
        ret |= result;
        if (sink.enabled()) {
          sink.emit(TraceEvent.Call.of(as, slot.id(), range.start(), range.end(), result));
        }
      }
    }
    if (handler != null && flags.flushOnRet() && ret) {
      kvm.flushRemoteTlbs();
      if (sink.enabled()) {
        sink.emit(new TraceEvent.Flush());
      }
    }
    if (found && !flags.lockless()) {
      kvm.mmuLock().release(mode);
      if (sink.enabled()) {
        sink.emit(new TraceEvent.Unlock(mode));
      }
    }
    kvm.srcu().readUnlock(idx);
    if (sink.enabled()) {
      sink.emit(new TraceEvent.SrcuUnlock());
      sink.emit(TraceEvent.Result.of(ret, found));
    }
    return new Result(ret, found);
  }
}
