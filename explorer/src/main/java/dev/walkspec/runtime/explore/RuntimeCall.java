package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.sched.Op;
import java.util.Map;

/**
 * Names the runtime call that led to a yield point: the outermost runtime frame that code outside
 * the runtime (a handler, a walker, an actor) called, with implementation classes named by the
 * interface a handler sees ({@code EntryCursor.next}, {@code Root.zapRange}, {@code
 * MmuLock.acquire}). Only used when recording a report.
 */
final class RuntimeCall {
  private static final String RUNTIME = "dev.walkspec.runtime.";
  private static final String EXPLORE = "dev.walkspec.runtime.explore.";
  private static final String ENGINE = "dev.walkspec.runtime.explore.Engine";
  private static final StackWalker WALKER = StackWalker.getInstance();
  private static final Map<String, String> FACES =
      Map.ofEntries(
          Map.entry("TableWalk", "EntryCursor"),
          // The entry operations both cursors share (EntryCursor's methods, in LeafCursor).
          Map.entry("LeafCursor", "EntryCursor"),
          Map.entry("RmapWalk", "RmapCursor"),
          Map.entry("RadixRoot", "Root"),
          Map.entry("AddressSpaceMmu", "PageTables"),
          Map.entry("MmuLockImpl", "MmuLock"),
          Map.entry("RcuDomain", "Rcu"),
          Map.entry("SrcuDomain", "Srcu"),
          Map.entry("InvalidationState", "Invalidation"),
          Map.entry("MemslotStore", "Memslots"),
          Map.entry("SlotRmapImpl", "SlotRmap"),
          Map.entry("World", "Kvm"));

  private RuntimeCall() {}

  /** {@link #find()} in the kernel's words where it has them, at a step doing {@code op}. */
  static String find(Op op) {
    return KernelNames.of(find(), op);
  }

  private static String find() {
    return WALKER.walk(
        frames -> {
          String call = null;
          for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
            String type = frame.getClassName();
            if (type.startsWith(ENGINE)) {
              continue;
            }
            if (type.startsWith(RUNTIME) && !type.startsWith(EXPLORE)) {
              call = name(type, frame.getMethodName());
              continue;
            }
            if (call != null) {
              return call;
            }
          }
          return call;
        });
  }

  private static String name(String type, String method) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    if (nested >= 0) {
      simple = simple.substring(0, nested);
    }
    String face = FACES.getOrDefault(simple, simple);
    String shown =
        method.startsWith("lambda$") ? method.substring(7, method.indexOf('$', 7)) : method;
    return face + "." + shown;
  }
}
