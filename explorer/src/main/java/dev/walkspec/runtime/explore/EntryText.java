package dev.walkspec.runtime.explore;

import dev.walkspec.runtime.api.EntryCodec;
import dev.walkspec.runtime.mmu.TablePage;
import java.util.ArrayList;
import java.util.List;

/**
 * Page-table entries in a step table as a kernel developer reads an SPTE: {@code [present W A D,
 * pfn 0x100003]} for a leaf, {@code [table page#3]} for a pointer to a lower table, {@code [none]}
 * for a non-present entry; a change as what it changed ({@code [-A]}, {@code [+D]}, {@code
 * [zapped]}). Only values of table pages are decoded, with the codec of the run's arch.
 */
final class EntryText {
  private EntryText() {}

  /** " [present W A, pfn 0x100000]", or "" where the step does not touch a table entry. */
  static String of(Step step, long value, EntryCodec codec) {
    if (!(step.target() instanceof TablePage page) || codec == null) {
      return "";
    }
    return " [" + describe(value, page.level(), codec) + "]";
  }

  /** " [-A]", " [+D]", " [zapped]", " [mapped ...]": what a store or swap changed. */
  static String change(Step step, long before, long after, EntryCodec codec) {
    if (!(step.target() instanceof TablePage page) || codec == null) {
      return "";
    }
    boolean was = codec.present(before);
    boolean now = codec.present(after);
    if (was && !now) {
      return " [zapped]";
    }
    if (!was) {
      return now ? " [" + describe(after, page.level(), codec) + "]" : "";
    }
    if (!codec.isLeaf(before, page.level()) || !codec.isLeaf(after, page.level())) {
      return " [" + describe(after, page.level(), codec) + "]";
    }
    List<String> changed = new ArrayList<>();
    flag(changed, "W", codec.writable(before), codec.writable(after));
    flag(changed, "A", codec.accessed(before), codec.accessed(after));
    flag(changed, "D", codec.dirty(before), codec.dirty(after));
    if (codec.frame(before) != codec.frame(after)) {
      changed.add("pfn 0x" + Long.toHexString(codec.frame(after)));
    }
    return changed.isEmpty() ? "" : " [" + String.join(" ", changed) + "]";
  }

  private static void flag(List<String> out, String name, boolean before, boolean after) {
    if (before != after) {
      out.add((after ? "+" : "-") + name);
    }
  }

  private static String describe(long value, int level, EntryCodec codec) {
    if (!codec.present(value)) {
      return "none";
    }
    if (!codec.isLeaf(value, level)) {
      return "table page#" + codec.tableId(value);
    }
    return "present"
        + (codec.writable(value) ? " W" : "")
        + (codec.accessed(value) ? " A" : "")
        + (codec.dirty(value) ? " D" : "")
        + ", pfn 0x"
        + Long.toHexString(codec.frame(value));
  }
}
