package dev.walkspec.kernel;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import dev.walkspec.emit.c.RenderedFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares the normalised tokens of a rendered function with the tree's: every stretch where they
 * differ is one finding, at the tree's line where it starts, citing the rules of the rendered lines
 * it covers (for tokens the tree adds, the rule of the rendered token before them). A stretch the
 * tree lacks in one place and has in another is one finding: a move, citing the rule of the moved
 * lines.
 */
final class TokenComparison {
  private final RenderedFile rendered;
  private final String treeFile;
  private final String frameRule;

  /**
   * @param frameRule the id to cite for tokens outside every rule group (the function's frame)
   */
  TokenComparison(RenderedFile rendered, String treeFile, String frameRule) {
    this.rendered = rendered;
    this.treeFile = treeFile;
    this.frameRule = frameRule;
  }

  List<Finding> compare(List<CToken> spec, List<CToken> tree, int treeFallbackLine) {
    List<String> a = spec.stream().map(CToken::text).toList();
    List<String> b = tree.stream().map(CToken::text).toList();
    List<AbstractDelta<String>> deltas = new ArrayList<>(DiffUtils.diff(a, b).getDeltas());
    List<Finding> findings = new ArrayList<>();
    while (!deltas.isEmpty()) {
      AbstractDelta<String> delta = deltas.remove(0);
      AbstractDelta<String> partner = movePartner(delta, deltas);
      if (partner != null) {
        deltas.remove(partner);
        findings.add(move(delta, partner, spec, tree, treeFallbackLine));
      } else {
        findings.add(finding(delta, spec, tree, treeFallbackLine));
      }
    }
    return findings;
  }

  /** The insertion of what {@code delta} deletes (or the other way round), if there is one. */
  private static AbstractDelta<String> movePartner(
      AbstractDelta<String> delta, List<AbstractDelta<String>> others) {
    for (AbstractDelta<String> other : others) {
      boolean deleteInsert =
          delta.getType() == DeltaType.DELETE
              && other.getType() == DeltaType.INSERT
              && delta.getSource().getLines().equals(other.getTarget().getLines());
      boolean insertDelete =
          delta.getType() == DeltaType.INSERT
              && other.getType() == DeltaType.DELETE
              && delta.getTarget().getLines().equals(other.getSource().getLines());
      if (deleteInsert || insertDelete) {
        return other;
      }
    }
    return null;
  }

  private Finding move(
      AbstractDelta<String> first,
      AbstractDelta<String> second,
      List<CToken> spec,
      List<CToken> tree,
      int fallbackLine) {
    AbstractDelta<String> deleted = first.getType() == DeltaType.DELETE ? first : second;
    AbstractDelta<String> inserted = deleted == first ? second : first;
    int at = inserted.getTarget().getPosition();
    List<CToken> moved = tree.subList(at, at + inserted.getTarget().size());
    int from = treeLine(tree, deleted.getTarget().getPosition(), fallbackLine);
    return new Finding(
        treeFile,
        treeLine(tree, at, fallbackLine),
        rules(spec, deleted.getSource().getPosition(), deleted.getSource().size()),
        "the tree has `"
            + TokenText.of(moved)
            + "` here, where the spec renders it at the place of the tree's line "
            + from);
  }

  private Finding finding(
      AbstractDelta<String> delta, List<CToken> spec, List<CToken> tree, int fallbackLine) {
    int sourceAt = delta.getSource().getPosition();
    int targetAt = delta.getTarget().getPosition();
    String renderedText = TokenText.of(spec.subList(sourceAt, sourceAt + delta.getSource().size()));
    String treeText = TokenText.of(tree.subList(targetAt, targetAt + delta.getTarget().size()));
    String message =
        switch (delta.getType()) {
          case CHANGE ->
              "the tree has `" + treeText + "` where the spec renders `" + renderedText + "`";
          case DELETE -> "the tree lacks `" + renderedText + "`, which the spec renders here";
          case INSERT -> "the tree has `" + treeText + "`, which the spec does not render";
          default -> "the tree differs";
        };
    return new Finding(
        treeFile,
        treeLine(tree, targetAt, fallbackLine),
        rules(spec, sourceAt, delta.getSource().size()),
        message);
  }

  /** The line of the tree's token at {@code at}, or of its last token past the end. */
  private static int treeLine(List<CToken> tree, int at, int fallbackLine) {
    int index = Math.min(at, tree.size() - 1);
    return index >= 0 ? tree.get(index).line() : fallbackLine;
  }

  /** The rule ids of the rendered tokens [from, from + count), or of the one before them. */
  private String rules(List<CToken> spec, int from, int count) {
    Set<String> ids = new LinkedHashSet<>();
    for (int i = from; i < from + count; i++) {
      ids.add(ruleOf(spec.get(i)));
    }
    if (ids.isEmpty()) {
      ids.add(from > 0 ? ruleOf(spec.get(from - 1)) : frameRule);
    }
    return String.join(",", ids);
  }

  private String ruleOf(CToken token) {
    String rule = rendered.ruleAt(token.line());
    return rule.isEmpty() ? frameRule : rule;
  }
}
