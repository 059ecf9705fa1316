package dev.walkspec.emit.c;

import dev.walkspec.model.Expr;
import dev.walkspec.model.Name;
import dev.walkspec.model.Rule;
import java.util.Optional;

/**
 * The walk function, rule by rule in the order the walk applies them: the guards (W1), the SRCU
 * section (W2), the address-space and slot loops (W3, W4), clipping (W5), what the handler gets
 * (W6, W13), the first hit (W7, W8), the handler call (W9), the flush (W10), the unlock (W11) and
 * the result (W12). Each group of statements starts with a comment citing its rule id.
 */
final class WalkRenderer {
  static final String STOP_LABEL = "stop_walk";

  private final WalkContext ctx;
  private final LockRenderer locks;
  private final Optional<Rule.Section> section;

  WalkRenderer(WalkContext ctx) {
    this.ctx = ctx;
    this.locks = new LockRenderer(ctx);
    this.section = ctx.walker().rule(Rule.Section.class);
  }

  void render(CWriter w) {
    locks.readMacros(w);
    signature(w);
    w.noRule().open("");
    locals(w);
    ctx.walker().guards().forEach(g -> guard(w, g));
    enterSection(w);
    locks.atWalkStart(w);
    loops(w);
    if (ctx.shape().stops()) {
      w.rule(ctx.walker().rule(Rule.Result.class).orElseThrow().id().text()).label(STOP_LABEL);
    }
    flush(w, Rule.Placement.BEFORE);
    locks.unlock(w);
    flush(w, Rule.Placement.AFTER);
    leaveSection(w);
    result(w);
    w.noRule().close();
  }

  private void signature(CWriter w) {
    String head = "static __always_inline " + ctx.names().returnType() + " ";
    String open = head + ctx.names().walkFunction() + "(";
    w.noRule().line(open + "struct kvm *kvm,");
    w.line(Indent.align(open.length()) + "const struct " + ctx.names().rangeStruct() + " *range)");
  }

  private void locals(CWriter w) {
    w.rule(ctx.walker().rule(Rule.Return.class).orElseThrow().id().text());
    w.open("struct " + ctx.names().returnStruct() + " r =");
    w.line(".ret = " + ctx.retZero() + ",");
    w.line(".found_memslot = false,");
    w.close(";");
    w.noRule().line("struct " + ctx.names().gfnRangeStruct() + " gfn_range;");
    w.line("struct kvm_memory_slot *slot;");
    w.line("struct kvm_memslots *slots;");
    w.line(section.isPresent() ? "int i, idx;" : "int i;");
    if (ctx.shape().intResults()) {
      w.line("int result;");
    }
    if (ctx.shape().skipFlushFlag()) {
      w.line("bool " + LockRenderer.SKIP_FLUSH + " = false;");
    }
    w.blank();
  }

  /** W1: warn once and return {false, false}, before any lock or SRCU. */
  private void guard(CWriter w, Rule.Guard g) {
    w.rule(g.id().text(), "warn once and return {false, false} (" + g.label().text() + ").");
    w.body("if (WARN_ON_ONCE(" + ctx.c().of(g.when()) + "))", "return r;");
    w.blank();
  }

  private void enterSection(CWriter w) {
    section.ifPresent(
        s -> {
          w.rule(s.id().text(), "the SRCU read section holds across the whole walk.");
          w.line("idx = srcu_read_lock(&kvm->srcu);");
          w.blank();
        });
  }

  private void leaveSection(CWriter w) {
    section.ifPresent(
        s -> {
          w.rule(s.id().text(), "the SRCU read section ends last.");
          w.line("srcu_read_unlock(&kvm->srcu, idx);");
          w.blank();
        });
  }

  private void loops(CWriter w) {
    Rule.VisitAddressSpaces spaces = ctx.walker().rule(Rule.VisitAddressSpaces.class).orElseThrow();
    Rule.VisitSlots visit = ctx.walker().rule(Rule.VisitSlots.class).orElseThrow();
    w.rule(spaces.id().text(), "every address space, in order.");
    w.open("for (i = 0; i < kvm_arch_nr_memslot_as_ids(kvm); i++)");
    w.line("struct interval_tree_node *node;");
    w.blank();
    w.line("slots = __kvm_memslots(kvm, i);");
    w.rule(
        visit.id().text(),
        "every slot whose host range meets ["
            + visit.low()
            + ", "
            + visit.high()
            + "], inclusive, in interval tree order.");
    w.open(
        "kvm_for_each_memslot_in_hva_range(node, slots, "
            + ctx.c().of(visit.low())
            + ", "
            + ctx.c().of(visit.high())
            + ")");
    w.line("unsigned long hva_start, hva_end;");
    w.blank();
    w.line("slot = container_of(node, struct kvm_memory_slot,");
    w.line("\t\t    hva_node[slots->node_idx]);");
    slotBody(w);
    w.close();
    w.close();
    w.blank();
  }

  private void slotBody(CWriter w) {
    ctx.walker().rule(Rule.Clip.class).ifPresent(c -> clip(w, c));
    ctx.walker().rule(Rule.Pass.class).ifPresent(p -> pass(w, p));
    gfnRange(w, ctx.walker().rule(Rule.GfnRange.class).orElseThrow());
    w.blank();
    locks.atFirstHit(w);
    call(w, ctx.walker().rule(Rule.Result.class).orElseThrow());
  }

  /** W5: the part of [start, end) inside the slot. */
  private void clip(CWriter w, Rule.Clip c) {
    w.rule(c.id().text(), "clip the range to the slot.");
    w.line("hva_start = max_t(unsigned long, range->start, slot->userspace_addr);");
    w.line("hva_end = min_t(unsigned long, range->end,");
    w.line("\t\tslot->userspace_addr + (slot->npages << PAGE_SHIFT));");
  }

  /** W13: what the handler gets unchanged. */
  private void pass(CWriter w, Rule.Pass p) {
    w.rule(
        p.id().text(),
        "the handler gets "
            + String.join(", ", p.values().stream().map(Name::text).toList())
            + " unchanged.");
    for (Name value : p.values()) {
      String member = CNames.member(value.text());
      w.line("gfn_range." + member + " = range->" + member + ";");
    }
  }

  /** W6: the gfn range; hva notifications never concern private memory. */
  private void gfnRange(CWriter w, Rule.GfnRange g) {
    boolean out = g.rounding() == Rule.Rounding.ROUND_OUT;
    w.rule(
        g.id().text(),
        out
            ? "the gfn range of the pages that overlap [hva_start, hva_end)."
            : "the gfn range with both ends rounded down.");
    w.line("gfn_range.start = hva_to_gfn_memslot(hva_start, slot);");
    w.line(
        "gfn_range.end = hva_to_gfn_memslot("
            + (out ? "hva_end + PAGE_SIZE - 1" : "hva_end")
            + ", slot);");
    w.line("gfn_range.slot = slot;");
    w.line("gfn_range.attr_filter = KVM_FILTER_SHARED;");
  }

  /** W9: call the handler, combine its result, and end the walk where the rule says. */
  private void call(CWriter w, Rule.Result result) {
    String handler = ctx.field(ctx.shape().handlerSlot()) + "(kvm, &gfn_range)";
    if (ctx.shape().intResults()) {
      w.rule(
          result.id().text(),
          "int results: a negative one is an error that ends the walk and is returned;"
              + " the others are ORed.");
      w.line("result = " + handler + ";");
      w.open("if (result < 0)").line("r.ret = result;").line("goto " + STOP_LABEL + ";").close();
      w.line("r.ret |= result;");
    } else {
      w.rule(result.id().text(), "every hit calls the handler; the results are ORed.");
      w.line("r.ret |= " + handler + ";");
    }
    result
        .stopWhen()
        .ifPresent(
            stop -> {
              w.rule(result.id().text(), "the walk stops when " + stop + ".");
              w.body("if (" + ctx.c().of(stop) + ")", "goto " + STOP_LABEL + ";");
            });
  }

  /** W10 at its place: before the unlock (under the lock) or after it. */
  private void flush(CWriter w, Rule.Placement placement) {
    Optional<Rule.Flush> flush =
        ctx.walker().rule(Rule.Flush.class).filter(f -> f.placement() == placement);
    if (flush.isEmpty()) {
      return;
    }
    Rule.Flush f = flush.get();
    String condition = ctx.c().of(f.when());
    if (placement == Rule.Placement.BEFORE) {
      w.rule(f.id().text(), "flush remote TLBs once when " + f.when() + ", still under the lock.");
    } else {
      w.rule(f.id().text(), "flush remote TLBs once when " + f.when() + ", after the unlock.");
      if (ctx.shape().skipFlushFlag()) {
        condition = "!" + LockRenderer.SKIP_FLUSH + " && " + parenthesizedAnd(condition, f);
      }
    }
    w.body("if (" + condition + ")", "kvm_flush_remote_tlbs(kvm);");
    w.blank();
  }

  /** gcc wants parentheses around an {@code ||} joined with {@code &&}. */
  private static String parenthesizedAnd(String condition, Rule.Flush f) {
    boolean or = f.when() instanceof Expr.Binary b && b.op() == Expr.BinaryOp.OR;
    boolean conditional = f.when() instanceof Expr.Conditional;
    return or || conditional ? "(" + condition + ")" : condition;
  }

  private void result(CWriter w) {
    Rule.Return ret = ctx.walker().rule(Rule.Return.class).orElseThrow();
    w.rule(
        ret.id().text(),
        "return " + String.join(" and ", ret.values().stream().map(Name::text).toList()) + ".");
    w.line("return r;");
  }
}
