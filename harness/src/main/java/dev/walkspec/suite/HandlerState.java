package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.arch.Mmus;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A page-table state to run one handler call on: a slot (possibly not aligned to huge-page size)
 * with a neighbouring slot right after it in gfn space, the VM's page-table structures ({@link
 * Mmus}: TDP roots, some invalid, and shadow roots, whose leaves the reverse maps list), 4 KiB, 2
 * MiB and 1 GiB mappings in either (young or not, some holes, the same gfn possibly mapped through
 * both), a mapping in the other address space if the profile has one, and the gfn range of the
 * call, which may start or end inside a huge mapping.
 *
 * @param roots the TDP roots (0 in a VM without the TDP MMU)
 * @param invalidRoots the indexes of the TDP roots that are invalid
 * @param shadowRoots the shadow roots (0 in a VM without shadow pages)
 */
@API(status = EXPERIMENTAL)
public record HandlerState(
    long slotBase,
    long slotPages,
    long neighbourPages,
    int roots,
    List<Integer> invalidRoots,
    List<Mapping> mappings,
    long start,
    long end,
    boolean mayBlock,
    Mmus mmus,
    int shadowRoots) {

  public HandlerState {
    invalidRoots = List.copyOf(invalidRoots);
    mappings = List.copyOf(mappings);
  }

  /** A state of a VM with the TDP MMU alone, for a call with may_block false. */
  public HandlerState(
      long slotBase,
      long slotPages,
      long neighbourPages,
      int roots,
      List<Integer> invalidRoots,
      List<Mapping> mappings,
      long start,
      long end) {
    this(
        slotBase,
        slotPages,
        neighbourPages,
        roots,
        invalidRoots,
        mappings,
        start,
        end,
        false,
        Mmus.TDP,
        0);
  }

  /** The same state for a call that may block (or not): used where the operation leaves it open. */
  public HandlerState withMayBlock(boolean mayBlock) {
    return new HandlerState(
        slotBase,
        slotPages,
        neighbourPages,
        roots,
        invalidRoots,
        mappings,
        start,
        end,
        mayBlock,
        mmus,
        shadowRoots);
  }

  /** The same state with the call over [start, end) instead. */
  public HandlerState withRange(long newStart, long newEnd) {
    return new HandlerState(
        slotBase,
        slotPages,
        neighbourPages,
        roots,
        invalidRoots,
        mappings,
        newStart,
        newEnd,
        mayBlock,
        mmus,
        shadowRoots);
  }

  /** The same state with these mappings instead. */
  public HandlerState withMappings(List<Mapping> newMappings) {
    return new HandlerState(
        slotBase,
        slotPages,
        neighbourPages,
        roots,
        invalidRoots,
        newMappings,
        start,
        end,
        mayBlock,
        mmus,
        shadowRoots);
  }

  /** The same VM, range and call in slots of this base and these sizes, with these mappings. */
  HandlerState inSlots(long base, long pages, long neighbour, List<Mapping> maps) {
    return new HandlerState(
        base, pages, neighbour, roots, invalidRoots, maps, start, end, mayBlock, mmus, shadowRoots);
  }

  /** The same slots and range in a VM of other structures, with these roots and mappings. */
  HandlerState inVm(Mmus vm, int tdpRoots, List<Integer> invalid, int shadow, List<Mapping> maps) {
    return new HandlerState(
        slotBase,
        slotPages,
        neighbourPages,
        tdpRoots,
        invalid,
        maps,
        start,
        end,
        mayBlock,
        vm,
        shadow);
  }

  /**
   * One mapping of TDP root {@code root} (index in creation order), or of shadow root {@code root}
   * when {@code shadow}, at gfn, level 1 (4 KiB), 2 (2 MiB) or 3 (1 GiB).
   */
  public record Mapping(
      int root,
      long gfn,
      int level,
      boolean accessed,
      boolean dirty,
      boolean writable,
      boolean shadow) {

    /** A mapping of a TDP root. */
    public Mapping(
        int root, long gfn, int level, boolean accessed, boolean dirty, boolean writable) {
      this(root, gfn, level, accessed, dirty, writable, false);
    }

    public long pages() {
      return Pages.pagesAt(level);
    }

    /** The same mapping at {@code newGfn}. */
    Mapping at(long newGfn) {
      return new Mapping(root, newGfn, level, accessed, dirty, writable, shadow);
    }

    /** The same mapping in root {@code newRoot} of its structure. */
    Mapping inRoot(int newRoot) {
      return new Mapping(newRoot, gfn, level, accessed, dirty, writable, shadow);
    }

    /** The same mapping through shadow root {@code shadowRoot}, young or not. */
    Mapping inShadowRoot(int shadowRoot, boolean young) {
      return new Mapping(shadowRoot, gfn, level, young, dirty, writable, true);
    }

    @Override
    public String toString() {
      return rootName() + ":" + (level == 1 ? "4K@" : level == 2 ? "2M@" : "1G@") + gfn + flags();
    }

    /** "root0" for a TDP root, "shadow0" for a shadow root. */
    String rootName() {
      return (shadow ? "shadow" : "root") + root;
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
        + structures()
        + ", range ["
        + start
        + ","
        + end
        + "), mappings "
        + (mappings.isEmpty() ? "none" : runs(mappings))
        + (mayBlock ? ", may_block where the operation leaves it open" : "");
  }

  /** "2 root(s), invalid [1]", with the shadow roots where the VM has shadow pages. */
  private String structures() {
    String tdp = roots + " root(s), invalid " + invalidRoots;
    return switch (mmus) {
      case TDP -> tdp;
      case SHADOW -> "shadow MMU only (no TDP MMU), " + shadowRoots + " shadow root(s)";
      case TDP_AND_SHADOW -> "TDP and shadow MMUs, " + tdp + ", " + shadowRoots + " shadow root(s)";
    };
  }

  /**
   * The mappings in order, with each run of consecutive 4K pages of one root and the same bits
   * written once ("root0:530x4K@[262142,262672)+A+D+W"): a state with hundreds of pages stays
   * readable in a failure report.
   */
  static String runs(List<Mapping> mappings) {
    List<String> out = new ArrayList<>();
    for (List<Mapping> unit : units(mappings)) {
      Mapping first = unit.get(0);
      out.add(
          unit.size() == 1
              ? first.toString()
              : first.rootName()
                  + ":"
                  + unit.size()
                  + "x4K@["
                  + first.gfn()
                  + ","
                  + (first.gfn() + unit.size())
                  + ")"
                  + first.flags());
    }
    return String.join(" ", out);
  }

  /**
   * The mappings as the report groups them ({@link #runs}): each run of {@link #SHORTEST_RUN} or
   * more consecutive 4K pages is one unit, every other mapping a unit of its own. What shrinking
   * drops or cuts as one.
   */
  static List<List<Mapping>> units(List<Mapping> mappings) {
    List<List<Mapping>> units = new ArrayList<>();
    int i = 0;
    while (i < mappings.size()) {
      int j = runEnd(mappings, i);
      if (j - i >= SHORTEST_RUN) {
        units.add(mappings.subList(i, j));
      } else {
        mappings.subList(i, j).forEach(m -> units.add(List.of(m)));
      }
      i = j;
    }
    return units;
  }

  /** The fewest consecutive 4K pages that the report writes as one run. */
  static final int SHORTEST_RUN = 3;

  /**
   * The end (exclusive) of the run of consecutive 4K pages of one root, with the same bits, that
   * starts at index {@code from}: {@code from + 1} when the mapping there starts none.
   */
  static int runEnd(List<Mapping> mappings, int from) {
    int j = from + 1;
    while (j < mappings.size() && continues(mappings.get(j - 1), mappings.get(j))) {
      j++;
    }
    return j;
  }

  private static boolean continues(Mapping previous, Mapping next) {
    return previous.level() == 1
        && next.level() == 1
        && next.root() == previous.root()
        && next.shadow() == previous.shadow()
        && next.gfn() == previous.gfn() + 1
        && next.accessed() == previous.accessed()
        && next.dirty() == previous.dirty()
        && next.writable() == previous.writable();
  }
}
