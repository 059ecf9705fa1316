package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One file of a C rendering: its path in a kernel tree ({@code virt/kvm/kvm_main.c}), its text, and
 * the rule id of each of its lines ("" where a line belongs to no rule), line 1 first.
 */
@API(status = INTERNAL)
public record RenderedFile(String path, String text, List<String> lineRules) {
  public RenderedFile {
    lineRules = List.copyOf(lineRules);
  }

  /** The rule id of a line (1-based), "" for none. */
  public String ruleAt(int line) {
    return line >= 1 && line <= lineRules.size() ? lineRules.get(line - 1) : "";
  }
}
