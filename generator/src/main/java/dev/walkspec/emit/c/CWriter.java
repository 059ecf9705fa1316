package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Writes C the kernel's way: tabs, braces on the statement's line, labels at column 0, comments in
 * the kernel's block style. Every line carries the rule id of the group it was written in (set by
 * {@link #rule}); a closing brace carries the id of the group that opened its block, so a block
 * opened for W7 ends as W7 even after a nested W8 group.
 */
@API(status = INTERNAL)
public final class CWriter {
  /** The widest line the kernel's style allows, a tab counting as eight columns. */
  public static final int MAX_COLUMNS = 100;

  private final List<String> lines = new ArrayList<>();
  private final List<String> lineRules = new ArrayList<>();
  private final Deque<String> openedBy = new ArrayDeque<>();
  private String rule = "";
  private int depth;

  /** Starts the group of a rule: the lines that follow belong to it, after its comment. */
  public CWriter rule(String id, String comment) {
    rule = id;
    comment(id + ": " + comment);
    return this;
  }

  /** Starts the group of a rule without a comment (a label the rule jumps to). */
  public CWriter rule(String id) {
    rule = id;
    return this;
  }

  /** Lines that belong to no rule (declarations, the function's frame). */
  public CWriter noRule() {
    rule = "";
    return this;
  }

  /**
   * A comment, on one line if it fits, else as a block of lines starting with " * ". Text from a
   * spec (documentation strings) cannot end the comment early or open a nested one.
   */
  public CWriter comment(String raw) {
    String text = raw.replace("*/", "* /").replace("/*", "/ *");
    String one = "/* " + text + " */";
    if (columns(depth) + one.length() <= MAX_COLUMNS) {
      return line(one);
    }
    line("/*");
    for (String wrapped : Wrap.words(text, MAX_COLUMNS - columns(depth) - 3)) {
      line(" * " + wrapped);
    }
    return line(" */");
  }

  public CWriter line(String code) {
    return raw("\t".repeat(depth) + code);
  }

  public CWriter blank() {
    return raw("");
  }

  /** A label, at column 0 as the kernel writes them. */
  public CWriter label(String name) {
    return raw(name + ":");
  }

  /** {@code head {}, and the lines up to {@link #close} one tab deeper. */
  public CWriter open(String head) {
    line(head + (head.isEmpty() ? "{" : " {"));
    openedBy.push(rule);
    depth++;
    return this;
  }

  public CWriter close() {
    return close("");
  }

  /** The closing brace with what follows it on its line ({@code ;}, {@code  else {}). */
  public CWriter close(String tail) {
    depth--;
    String opener = openedBy.pop();
    String current = rule;
    rule = opener;
    line("}" + tail);
    rule = current;
    return this;
  }

  /** Ends a block and opens the next on the same line ({@code } else {}), in the same group. */
  public CWriter orElse() {
    depth--;
    String current = rule;
    rule = openedBy.peek();
    line("} else {");
    rule = current;
    depth++;
    return this;
  }

  /** A statement with a one-statement body on the next line, without braces. */
  public CWriter body(String head, String statement) {
    line(head);
    depth++;
    line(statement);
    depth--;
    return this;
  }

  /** The text, each line ended by a newline, and the rule id of every line; no blank line last. */
  public RenderedFile file(String path) {
    if (depth != 0) {
      throw new IllegalStateException(path + ": " + depth + " block(s) left open");
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
      lineRules.remove(lineRules.size() - 1);
    }
    return new RenderedFile(path, String.join("\n", lines) + "\n", lineRules);
  }

  private CWriter raw(String text) {
    lines.add(text);
    lineRules.add(rule);
    return this;
  }

  /** The columns {@code tabs} tabs take. */
  static int columns(int tabs) {
    return tabs * 8;
  }
}
