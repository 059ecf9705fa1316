package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/** The page tables of one address space: its roots and, on shadow-MMU profiles, reverse maps. */
@API(status = STABLE)
public interface PageTables {
  int addressSpace();

  /** Every root, invalid ones included; needs the MMU lock held (any mode). */
  List<Root> roots();

  /** The valid roots; needs the MMU lock held (any mode). */
  List<Root> validRoots();

  /** Every root, for lockless readers: needs an RCU read section (H3). */
  List<Root> rcuRoots();

  /** The valid roots, for lockless readers: needs an RCU read section (H3). */
  List<Root> rcuValidRoots();

  boolean hasRmaps();

  /**
   * The reverse map of {@code slot}.
   *
   * @throws IllegalStateException if this profile keeps no reverse maps or the slot is unknown
   */
  SlotRmap rmap(MemSlot slot);
}
