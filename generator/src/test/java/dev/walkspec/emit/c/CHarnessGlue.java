package dev.walkspec.emit.c;

import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.WalkerRoles;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Spec;
import dev.walkspec.model.Walker;
import java.util.List;

/**
 * Writes the harness's glue.h for one spec: the rendering included, the rule id of each of its
 * lines (for WARN events), the kernel functions the callers name as trace-printing stand-ins, and
 * how a scenario line becomes a call of the walk (explicit inputs) or of a caller (an operation).
 */
final class CHarnessGlue {
  private final CheckedSpec checked;
  private final Spec spec;
  private final Walker walker;
  private final RenderedFile main;
  private final boolean intResults;
  private final CNames names;

  CHarnessGlue(CheckedSpec checked, CRendering rendering) {
    this.checked = checked;
    this.spec = checked.spec();
    this.walker = spec.walkers().get(0);
    this.main = rendering.file(CRendering.KVM_MAIN).orElseThrow();
    this.names = CNames.of(walker);
    this.intResults =
        walker
            .rule(Rule.Result.class)
            .filter(r -> r.combinator() == Rule.Combinator.INT_OR)
            .isPresent();
  }

  /** The operations of the walker, in the order scenario lines number them. */
  List<Operation> operations() {
    return spec.operations().stream()
        .filter(o -> o.walker().text().equals(walker.name().text()))
        .toList();
  }

  /** The walker's flags that an operation leaves to its caller, in the caller's order. */
  List<String> paramFlags(Operation op) {
    return walker.flags().stream()
        .map(Name::text)
        .filter(f -> op.assignment(f).map(a -> a.value().toString().equals("param")).orElse(false))
        .toList();
  }

  String text() {
    StringBuilder c = new StringBuilder();
    c.append("/* Written by CEquivalenceTest for spec ").append(spec.name()).append(". */\n");
    c.append("#define HARNESS_INT_RESULTS ").append(intResults ? 1 : 0).append('\n');
    c.append("#define HARNESS_FLAGS ").append(walker.flags().size()).append('\n');
    c.append("#include \"shim.h\"\n");
    c.append("#include \"include/linux/kvm_host.h\"\n\n");
    handlerCall(c);
    nullStub(c);
    c.append("#include \"virt/kvm/kvm_main.c\"\n\n");
    c.append("typedef ").append(names.returnType()).append(" harness_ret_t;\n\n");
    ruleLines(c);
    handlerStandIns(c);
    explicit(c);
    operationsDispatch(c);
    return c.toString();
  }

  private void ruleLines(StringBuilder c) {
    c.append("static const char *const harness_rules[] = {\n\t\"\",\n");
    for (String rule : main.lineRules()) {
      c.append("\t\"").append(rule).append("\",\n");
    }
    c.append("};\n\n");
    c.append("const char *harness_rule_at(int line)\n{\n");
    c.append("\treturn line > 0 && line < (int)(sizeof(harness_rules) / sizeof(*harness_rules))\n");
    c.append("\t\t? harness_rules[line] : \"?\";\n}\n\n");
  }

  /**
   * The kernel's null stub, with the handler's signature. A walk calls it as a handler only when
   * V2's break lets the next address space run; then, like the garbage the kernel's stub leaves in
   * the return register, it returns the scenario's next result, as the interpreter models it.
   */
  private void nullStub(StringBuilder c) {
    String ret = intResults ? "int" : "bool";
    c.append("static ")
        .append(ret)
        .append(" kvm_null_fn(struct kvm *kvm, struct kvm_gfn_range *range)\n{\n");
    c.append("\t(void)kvm;\n\treturn (").append(ret).append(")harness_call(range);\n}\n\n");
  }

  private void handlerCall(StringBuilder c) {
    c.append("static long harness_call(struct kvm_gfn_range *range)\n{\n");
    c.append("\tlong result = harness_next_result();\n\n");
    c.append("\tprintf(\"CALL as=%d slot=%d gfn=[%llu,%llu) -> ");
    c.append(intResults ? "%ld\\n\"" : "%s\\n\"");
    c.append(", range->slot->as_id, range->slot->id,\n\t       range->start, range->end, ");
    c.append(intResults ? "result" : "result ? \"true\" : \"false\"").append(");\n");
    c.append("\treturn result;\n}\n\n");
  }

  private void handlerStandIns(StringBuilder c) {
    for (HandlerKind kind : spec.handlerKinds()) {
      boolean isInt = kind.resultType().map(Name::text).orElse("bool").equals("int");
      c.append(isInt ? "int " : "bool ")
          .append(CNames.handlerFunction(kind.name().text()))
          .append("(struct kvm *kvm, struct kvm_gfn_range *range)\n{\n\t(void)kvm;\n");
      c.append(
          isInt
              ? "\treturn (int)harness_call(range);\n}\n\n"
              : "\treturn harness_call(range) != 0;\n}\n\n");
    }
    spec.callbacks()
        .forEach(
            cb ->
                c.append("void ")
                    .append(CNames.callbackFunction(cb.name().text()))
                    .append("(struct kvm *kvm)\n{\n\t(void)kvm;\n\tharness_on_lock(\"")
                    .append(cb.name().text())
                    .append("\");\n}\n\n"));
  }

  /** Explicit inputs: the handler and on_lock stand-ins of the scenario, every flag given. */
  private void explicit(StringBuilder c) {
    WalkerRoles roles = WalkerRoles.of(walker);
    String ret = intResults ? "int" : "bool";
    c.append("static ")
        .append(ret)
        .append(" harness_handler(struct kvm *kvm, struct kvm_gfn_range *range)\n{\n");
    c.append("\t(void)kvm;\n\treturn (")
        .append(ret)
        .append(")")
        .append(intResults ? "harness_call(range)" : "(harness_call(range) != 0)")
        .append(";\n}\n\n");
    c.append("static void harness_explicit_on_lock(struct kvm *kvm)\n{\n\t(void)kvm;\n");
    c.append("\tharness_on_lock(\"")
        .append(roles.onLockSlot().orElse("on_lock"))
        .append("\");\n}\n\n");
    c.append(
        "static "
            + names.returnType()
            + " harness_explicit(struct kvm *kvm, long start, long end, const long *in)\n{\n");
    c.append(
        "\tstruct " + names.rangeStruct() + " range;\n\n\tmemset(&range, 0, sizeof(range));\n");
    c.append("\trange.start = (unsigned long)start;\n\trange.end = (unsigned long)end;\n");
    List<Name> flags = walker.flags();
    for (int i = 0; i < flags.size(); i++) {
      c.append("\trange.")
          .append(CNames.member(flags.get(i).text()))
          .append(" = in[")
          .append(i)
          .append("] != 0;\n");
    }
    walker
        .callbacks()
        .forEach(
            slot ->
                c.append("\trange.")
                    .append(CNames.member(slot.name().text()))
                    .append(" = (void *)kvm_null_fn;\n"));
    c.append("\tif (in[")
        .append(flags.size())
        .append("])\n\t\trange.")
        .append(CNames.member(roles.handlerSlot()))
        .append(" = harness_handler;\n");
    roles
        .onLockSlot()
        .ifPresent(
            slot ->
                c.append("\tif (in[")
                    .append(flags.size() + 1)
                    .append("])\n\t\trange.")
                    .append(CNames.member(slot))
                    .append(" = harness_explicit_on_lock;\n"));
    c.append("\treturn " + names.walkFunction() + "(kvm, &range);\n}\n\n");
  }

  private void operationsDispatch(StringBuilder c) {
    List<Operation> ops = operations();
    c.append("static int harness_operation_inputs(long op)\n{\n\tswitch (op) {\n");
    for (int i = 0; i < ops.size(); i++) {
      int inputs = ops.get(i).params().size() + paramFlags(ops.get(i)).size();
      c.append("\tcase ").append(i).append(":\n\t\treturn ").append(inputs).append(";\n");
    }
    c.append("\t}\n\treturn 0;\n}\n\n");
    c.append(
        "static "
            + names.returnType()
            + " harness_operation(struct kvm *kvm, long op, const long *in)\n{\n");
    c.append("\tswitch (op) {\n");
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      c.append("\tcase ")
          .append(i)
          .append(":\n\t\treturn ")
          .append(CNames.caller(op))
          .append("(kvm");
      int n = 0;
      for (var param : op.params()) {
        c.append(", (")
            .append(CTypes.of(param.type().text()))
            .append(")in[")
            .append(n++)
            .append(']');
      }
      for (int f = 0; f < paramFlags(op).size(); f++) {
        c.append(", in[").append(n++).append("] != 0");
      }
      c.append(");\n");
    }
    c.append("\t}\n\tfprintf(stderr, \"harness: no operation %ld\\n\", op);\n\texit(3);\n}\n");
  }

  CheckedSpec checked() {
    return checked;
  }
}
