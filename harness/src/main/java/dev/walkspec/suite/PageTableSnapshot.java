package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.mmu.RadixRoot;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Every present leaf of every root of every address space, TDP roots and shadow roots alike, by
 * (space, root, gfn, level); a shadow root's id is written {@code s<id>} in the key.
 */
@API(status = INTERNAL)
public record PageTableSnapshot(Map<String, Leaf> leaves) {
  /**
   * A leaf: where it is (a shadow root's leaves are also in the reverse maps), which gfns it
   * covers, its raw entry, and whether its root is valid.
   */
  public record Leaf(
      int addressSpace,
      int root,
      boolean shadow,
      boolean validRoot,
      long gfn,
      int level,
      long pages,
      long entry) {
    boolean overlaps(long start, long end) {
      return gfn < end && start < gfn + pages;
    }
  }

  /** Takes the snapshot; the caller holds the MMU lock (the roots lists need it). */
  public static PageTableSnapshot of(World world) {
    Map<String, Leaf> leaves = new LinkedHashMap<>();
    for (int as = 0; as < world.addressSpaces(); as++) {
      for (RadixRoot root : world.mmu(as).allRoots()) {
        EntryCursor cursor = root.walk(0, world.profile().gfnLimit());
        while (cursor.next()) {
          Leaf leaf =
              new Leaf(
                  as,
                  root.id(),
                  root.shadow(),
                  root.valid(),
                  cursor.gfn(),
                  cursor.level(),
                  Pages.pagesAt(cursor.level()),
                  cursor.load());
          String rootKey = (root.shadow() ? "s" : "") + root.id();
          leaves.put(as + "/" + rootKey + "/" + cursor.gfn() + "/" + cursor.level(), leaf);
        }
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

  /** The entries that changed or vanished between this snapshot and {@code after}. */
  public List<String> changes(PageTableSnapshot after, EntryCodec codec) {
    return changesBeyond(after, java.util.function.LongUnaryOperator.identity(), codec);
  }

  /**
   * The entries that changed between this snapshot and {@code after} other than into {@code
   * allowed} of their old value (removed ones included, added ones too).
   */
  public List<String> changesBeyond(
      PageTableSnapshot after, java.util.function.LongUnaryOperator allowed, EntryCodec codec) {
    List<String> out = new ArrayList<>();
    leaves.forEach(
        (key, leaf) -> {
          Leaf now = after.leaves.get(key);
          if (now == null) {
            out.add(key + " removed");
          } else if (now.entry() != leaf.entry()
              && now.entry() != allowed.applyAsLong(leaf.entry())) {
            out.add(
                key + " " + describe(leaf.entry(), codec) + " -> " + describe(now.entry(), codec));
          }
        });
    after.leaves.keySet().stream()
        .filter(k -> !leaves.containsKey(k))
        .forEach(k -> out.add(k + " added"));
    return out;
  }

  static String describe(long entry, EntryCodec codec) {
    return (codec.present(entry) ? "P" : "-")
        + (codec.writable(entry) ? "W" : "-")
        + (codec.accessed(entry) ? "A" : "-")
        + (codec.dirty(entry) ? "D" : "-");
  }
}
