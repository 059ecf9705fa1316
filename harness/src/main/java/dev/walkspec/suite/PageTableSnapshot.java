package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Every present leaf of every root of every address space, TDP roots and shadow roots alike, by
 * (space, root, gfn, level).
 */
@API(status = INTERNAL)
public record PageTableSnapshot(Map<Key, Leaf> leaves) {
  /**
   * Where a leaf is: written {@code 0/3/512/2} (space, root, gfn, level), a shadow root's id as
   * {@code s<id>}. A record rather than that text: a snapshot is taken twice per handler call.
   */
  public record Key(int addressSpace, boolean shadow, int root, long gfn, int level) {
    public static Key of(Leaf leaf) {
      return new Key(leaf.addressSpace(), leaf.shadow(), leaf.root(), leaf.gfn(), leaf.level());
    }

    @Override
    public String toString() {
      return addressSpace + "/" + (shadow ? "s" : "") + root + "/" + gfn + "/" + level;
    }
  }

  /**
   * A leaf: where it is (a shadow root's leaves are also in the reverse maps), which gfns it
   * covers, its raw entry, and whether its root is valid. A leaf of a nested stage-2 table ({@code
   * nested}, arm64) is indexed by an L2 guest's IPA, not by a gfn: it lies in no gfn range, and
   * only the host frames it maps tie it to one.
   */
  public record Leaf(
      int addressSpace,
      int root,
      boolean shadow,
      boolean validRoot,
      long gfn,
      int level,
      long pages,
      long entry,
      boolean nested) {
    /** A leaf of a root indexed by gfn (every root but a nested stage-2 table). */
    public Leaf(
        int addressSpace,
        int root,
        boolean shadow,
        boolean validRoot,
        long gfn,
        int level,
        long pages,
        long entry) {
      this(addressSpace, root, shadow, validRoot, gfn, level, pages, entry, false);
    }

    /** Whether it maps gfns of [start, end); never for a nested stage-2 leaf. */
    public boolean overlaps(long start, long end) {
      return !nested && gfn < end && start < gfn + pages;
    }
  }

  /** Takes the snapshot; the caller holds the MMU lock exclusively (the tables stand still). */
  public static PageTableSnapshot of(World world) {
    Map<Key, Leaf> leaves = new LinkedHashMap<>();
    long gfnLimit = world.profile().gfnLimit();
    for (int as = 0; as < world.addressSpaces(); as++) {
      int space = as;
      for (RadixRoot root : world.mmu(as).allRoots()) {
        root.forEachLeaf(
            gfnLimit,
            (gfn, level, entry) -> {
              Leaf leaf =
                  new Leaf(
                      space,
                      root.id(),
                      root.shadow(),
                      root.valid(),
                      gfn,
                      level,
                      Pages.pagesAt(level),
                      entry,
                      root.nested());
              leaves.put(Key.of(leaf), leaf);
            });
      }
    }
    return new PageTableSnapshot(leaves);
  }

  public List<Leaf> overlapping(int as, long start, long end) {
    List<Leaf> out = new ArrayList<>();
    for (Leaf leaf : leaves.values()) {
      if (leaf.addressSpace() == as && leaf.overlaps(start, end)) {
        out.add(leaf);
      }
    }
    return out;
  }

  /** Host frames [first, end) that a mapping maps. */
  public record Frames(long first, long end) {
    boolean overlap(long frame, long pages) {
      return frame < end && first < frame + pages;
    }
  }

  /** The host frames the gfn-indexed leaves of {@code as} map for the gfns of [start, end). */
  public List<Frames> framesMappedFor(int as, long start, long end, EntryCodec codec) {
    List<Frames> frames = new ArrayList<>();
    for (Leaf leaf : overlapping(as, start, end)) {
      long base = codec.frame(leaf.entry()) - leaf.gfn();
      frames.add(
          new Frames(
              base + Math.max(start, leaf.gfn()), base + Math.min(end, leaf.gfn() + leaf.pages())));
    }
    return frames;
  }

  /**
   * The leaves of nested stage-2 tables in {@code as} that map one of {@code frames}, at whatever
   * IPA the L2 guest put them.
   */
  public List<Leaf> nestedMappingsOf(int as, List<Frames> frames, EntryCodec codec) {
    List<Leaf> out = new ArrayList<>();
    for (Leaf leaf : leaves.values()) {
      long frame = codec.frame(leaf.entry());
      if (leaf.nested()
          && leaf.addressSpace() == as
          && frames.stream().anyMatch(f -> f.overlap(frame, leaf.pages()))) {
        out.add(leaf);
      }
    }
    return out;
  }

  /**
   * What happened to one leaf between two snapshots: removed (no {@code now}), added (no {@code
   * was}), or its entry rewritten. A value the judges filter and count, rendered only for reports.
   */
  public record Change(Key key, Leaf was, Leaf now) {
    public boolean removed() {
      return now == null;
    }

    public boolean added() {
      return was == null;
    }

    private Leaf leaf() {
      return was != null ? was : now;
    }

    /** Whether the leaf lies (at least partly) in [start, end) of address space {@code as}. */
    public boolean inside(int as, long start, long end) {
      return leaf().addressSpace() == as && leaf().overlaps(start, end);
    }

    /** Whether a nested stage-2 table lost this leaf: allowed to any unmap (H10). */
    public boolean nestedRemoval() {
      return removed() && was.nested();
    }

    /** "0/3/512/2 removed", "0/s1/7/1 PWAD -> PW-D", "0/3/9/1 added". */
    public String describe(EntryCodec codec) {
      if (removed()) {
        return key + " removed";
      }
      if (added()) {
        return key + " added";
      }
      return key
          + " "
          + PageTableSnapshot.describe(was.entry(), codec)
          + " -> "
          + PageTableSnapshot.describe(now.entry(), codec);
    }
  }

  /** The entries that changed, vanished or appeared between this snapshot and {@code after}. */
  public List<Change> changes(PageTableSnapshot after) {
    return changesBeyond(after, LongUnaryOperator.identity());
  }

  /**
   * The entries that changed between this snapshot and {@code after} other than into {@code
   * allowed} of their old value (removed ones included, added ones too).
   */
  public List<Change> changesBeyond(PageTableSnapshot after, LongUnaryOperator allowed) {
    List<Change> out = new ArrayList<>();
    leaves.forEach(
        (key, leaf) -> {
          Leaf now = after.leaves.get(key);
          if (now == null
              || (now.entry() != leaf.entry()
                  && now.entry() != allowed.applyAsLong(leaf.entry()))) {
            out.add(new Change(key, leaf, now));
          }
        });
    after.leaves.forEach(
        (key, leaf) -> {
          if (!leaves.containsKey(key)) {
            out.add(new Change(key, null, leaf));
          }
        });
    return out;
  }

  /** The changes, described and joined with "; ". */
  public static String describe(List<Change> changes, EntryCodec codec) {
    return changes.stream().map(c -> c.describe(codec)).collect(Collectors.joining("; "));
  }

  static String describe(long entry, EntryCodec codec) {
    return (codec.present(entry) ? "P" : "-")
        + (codec.writable(entry) ? "W" : "-")
        + (codec.accessed(entry) ? "A" : "-")
        + (codec.dirty(entry) ? "D" : "-");
  }
}
