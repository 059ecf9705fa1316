package dev.walkspec.emit.c;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Walker;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The names a rendering gives the kernel's things. The walk the kernel has ({@code hva_range}) gets
 * the kernel's names ({@code kvm_handle_hva_range}, {@code struct kvm_mmu_notifier_range}, {@code
 * struct kvm_gfn_range}); any other walker a spec declares gets names of the same shape built from
 * its own name, so two walkers never share a type.
 */
@API(status = INTERNAL)
public record CNames(
    String walkFunction,
    String rangeStruct,
    String gfnRangeStruct,
    String handlerType,
    String onLockType,
    String returnStruct,
    String returnType) {

  static final String KERNEL_WALKER = "hva_range";

  /** Handler kinds whose kernel function has a name of its own; others are kvm_KIND_gfn. */
  private static final Map<String, String> HANDLER_FUNCTIONS =
      Map.of(
          "unmap", "kvm_mmu_unmap_gfn_range",
          "age", "kvm_age_gfn",
          "test_age", "kvm_test_age_gfn");

  public static CNames of(Walker walker) {
    String name = walker.name().text();
    if (name.equals(KERNEL_WALKER)) {
      return new CNames(
          "kvm_handle_hva_range",
          "kvm_mmu_notifier_range",
          "kvm_gfn_range",
          "gfn_handler_t",
          "on_lock_fn_t",
          "kvm_mmu_notifier_return",
          "kvm_mn_ret_t");
    }
    return new CNames(
        "kvm_handle_" + name,
        "kvm_" + name + "_notifier_range",
        "kvm_gfn_range",
        name + "_handler_t",
        name + "_on_lock_fn_t",
        "kvm_" + name + "_return",
        "kvm_" + name + "_ret_t");
  }

  /** The arch function of a handler kind ({@code age} is {@code kvm_age_gfn}). */
  static String handlerFunction(String kind) {
    return HANDLER_FUNCTIONS.getOrDefault(kind, "kvm_" + kind + "_gfn");
  }

  /** The function of an on_lock callback ({@code invalidate_begin}: kvm_mmu_invalidate_begin). */
  static String callbackFunction(String callback) {
    return "kvm_mmu_" + callback;
  }

  /** The caller of an operation, named like the MMU notifier it serves. */
  public static String caller(Operation operation) {
    return "kvm_mmu_notifier_" + operation.label().text();
  }

  static String config(String option) {
    return "CONFIG_" + option;
  }

  /** C's keywords, and names stdbool.h and stddef.h make macros. */
  private static final Set<String> RESERVED =
      Set.of(
          "auto",
          "break",
          "case",
          "char",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extern",
          "float",
          "for",
          "goto",
          "if",
          "inline",
          "int",
          "long",
          "register",
          "restrict",
          "return",
          "short",
          "signed",
          "sizeof",
          "static",
          "struct",
          "switch",
          "typedef",
          "union",
          "unsigned",
          "void",
          "volatile",
          "while",
          "bool",
          "true",
          "false",
          "NULL",
          "asm",
          "typeof");

  /**
   * A spec name (a flag, an input, a callback slot) as a member of the kernel's structures: C's
   * keywords get a trailing underscore ({@code return} is {@code return_}); other names are the
   * spec's, which are already C identifiers.
   */
  public static String member(String name) {
    return RESERVED.contains(name) ? name + "_" : name;
  }

  /** An operation's parameter: a member's name, and never the caller's own kvm or range. */
  static String parameter(String name) {
    return name.equals("kvm") || name.equals("range") ? name + "_" : member(name);
  }

  /** What a callback slot holds when the operation leaves it null: the kernel's stub. */
  static final String NULL_FN = "(void *)kvm_null_fn";
}
