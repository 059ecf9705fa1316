package dev.walkspec.mutate;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One text edit of the canonical spec: in the block that starts with {@code within}, the first
 * {@code find} after it becomes {@code replace}.
 *
 * @param name what the edit does, starting with or naming the rule it is about ("drop W10", "C1
 *     flush_on_ret false", "x86 one address space")
 * @param within the text that starts the block ("walker hva_range {", "operation C1")
 * @param find the text to replace, first occurrence after {@code within}
 * @param replace its replacement
 * @param first where the walker suites look first, the rest passing until then: an operation
 *     ("C4"), an operation on a profile ("C4@arm64"), "generic" (the generic walker), or "" (the
 *     operation of {@code within}, else in order)
 */
@API(status = INTERNAL)
public record SpecMutant(String name, String within, String find, String replace, String first) {
  private static final Pattern RULE = Pattern.compile("\\b([WC]\\d+[a-z]?)\\b");

  public SpecMutant(String name, String within, String find, String replace) {
    this(name, within, find, replace, within.startsWith("operation ") ? within.substring(10) : "");
  }

  /** The same edit, checked first where it shows: "C4", "C4@arm64", or "generic". */
  public SpecMutant first(String where) {
    return new SpecMutant(name, within, find, replace, where);
  }

  /**
   * The rule or operation the edit is about (W1a, W10, C3), else the profile it edits (the first
   * word of the name: "x86").
   */
  public String rule() {
    Matcher rule = RULE.matcher(name);
    return rule.find() ? rule.group(1) : name.split(" ", 2)[0];
  }

  /**
   * The edited spec text.
   *
   * @throws IllegalArgumentException if {@code within}, or {@code find} after it, is not in the
   *     text (the catalogue is written against the bundled kvm.walk)
   */
  public String apply(String spec) {
    int block = spec.indexOf(within);
    if (block < 0) {
      throw new IllegalArgumentException(
          "spec mutant '" + name + "': '" + within + "' is not in the spec");
    }
    int at = spec.indexOf(find, block);
    if (at < 0) {
      throw new IllegalArgumentException(
          "spec mutant '" + name + "': '" + find + "' is not in the spec after '" + within + "'");
    }
    return spec.substring(0, at) + replace + spec.substring(at + find.length());
  }
}
