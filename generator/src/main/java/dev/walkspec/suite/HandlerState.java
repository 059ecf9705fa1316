package dev.walkspec.suite;

import java.util.List;

/**
 * A page-table state to run one handler call on: a slot (possibly not aligned to huge-page size)
 * with a neighbouring slot right after it in gfn space, several roots (some invalid), 4 KiB, 2 MiB
 * and 1 GiB mappings (young or not, some holes), a mapping in the other address space if the
 * profile has one, and the gfn range of the call, which may start or end inside a huge mapping.
 */
public record HandlerState(
    long slotBase,
    long slotPages,
    long neighbourPages,
    int roots,
    List<Integer> invalidRoots,
    List<Mapping> mappings,
    long start,
    long end,
    boolean mayBlock) {

  public HandlerState {
    invalidRoots = List.copyOf(invalidRoots);
    mappings = List.copyOf(mappings);
  }

  /** A state for a call with may_block false. */
  public HandlerState(
      long slotBase,
      long slotPages,
      long neighbourPages,
      int roots,
      List<Integer> invalidRoots,
      List<Mapping> mappings,
      long start,
      long end) {
    this(slotBase, slotPages, neighbourPages, roots, invalidRoots, mappings, start, end, false);
  }

  /** The same state for a call that may block (or not): used where the operation leaves it open. */
  public HandlerState withMayBlock(boolean mayBlock) {
    return new HandlerState(
        slotBase, slotPages, neighbourPages, roots, invalidRoots, mappings, start, end, mayBlock);
  }

  /**
   * One mapping of {@code root} (index in creation order) at gfn, level 1 (4 KiB), 2 (2 MiB) or 3
   * (1 GiB).
   */
  public record Mapping(
      int root, long gfn, int level, boolean accessed, boolean dirty, boolean writable) {
    public long pages() {
      return dev.walkspec.runtime.api.Pages.pagesAt(level);
    }

    @Override
    public String toString() {
      return "root"
          + root
          + ":"
          + (level == 1 ? "4K@" : level == 2 ? "2M@" : "1G@")
          + gfn
          + flags();
    }

    /** "+A+D+W", or the part of it that is set. */
    String flags() {
      return (accessed ? "+A" : "") + (dirty ? "+D" : "") + (writable ? "+W" : "");
    }
  }

  public long slotEnd() {
    return slotBase + slotPages;
  }

  @Override
  public String toString() {
    return "slot gfn ["
        + slotBase
        + ","
        + slotEnd()
        + ") + neighbour ["
        + slotEnd()
        + ","
        + (slotEnd() + neighbourPages)
        + "), "
        + roots
        + " root(s), invalid "
        + invalidRoots
        + ", range ["
        + start
        + ","
        + end
        + "), mappings "
        + runs(mappings)
        + (mayBlock ? ", may_block where the operation leaves it open" : "");
  }

  /**
   * The mappings in order, with each run of consecutive 4K pages of one root and the same bits
   * written once ("root0:530x4K@[262142,262672)+A+D+W"): a state with hundreds of pages stays
   * readable in a failure report.
   */
  static String runs(List<Mapping> mappings) {
    List<String> out = new java.util.ArrayList<>();
    int i = 0;
    while (i < mappings.size()) {
      int j = i + 1;
      while (j < mappings.size() && continues(mappings.get(j - 1), mappings.get(j))) {
        j++;
      }
      if (j - i >= 3) {
        Mapping first = mappings.get(i);
        out.add(
            "root"
                + first.root()
                + ":"
                + (j - i)
                + "x4K@["
                + first.gfn()
                + ","
                + (first.gfn() + j - i)
                + ")"
                + first.flags());
      } else {
        mappings.subList(i, j).forEach(m -> out.add(m.toString()));
      }
      i = j;
    }
    return String.join(" ", out);
  }

  private static boolean continues(Mapping previous, Mapping next) {
    return previous.level() == 1
        && next.level() == 1
        && next.root() == previous.root()
        && next.gfn() == previous.gfn() + 1
        && next.accessed() == previous.accessed()
        && next.dirty() == previous.dirty()
        && next.writable() == previous.writable();
  }
}
