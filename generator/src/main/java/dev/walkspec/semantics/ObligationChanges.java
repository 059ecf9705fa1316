package dev.walkspec.semantics;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.check.Binding;
import dev.walkspec.check.CheckedSpec;
import dev.walkspec.check.Checker;
import dev.walkspec.check.Obligations;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Rule;
import dev.walkspec.model.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * How the handlers' side of two specs differs: for each operation on each profile, the context a
 * handler runs in (lockless, or under which lock mode) and which obligations apply to it.
 */
@API(status = INTERNAL)
public final class ObligationChanges {
  /** One operation on one profile whose handler context or obligations differ. */
  public record Change(
      String binding,
      String kind,
      String contextA,
      String contextB,
      List<String> nowApply,
      List<String> noLongerApply) {}

  private ObligationChanges() {}

  public static List<Change> between(CheckedSpec a, CheckedSpec b) {
    List<Change> changes = new ArrayList<>();
    for (Binding ba : a.allBindings()) {
      Optional<Binding> bb = b.binding(ba.operation().id().text(), ba.profile().name());
      if (bb.isEmpty()) {
        continue;
      }
      Optional<String> kind = ba.handlerKind();
      if (kind.isEmpty()) {
        continue;
      }
      TreeSet<String> before = applying(a, ba, kind.get());
      TreeSet<String> after = applying(b, bb.get(), kind.get());
      String ca = context(ba);
      String cb = context(bb.get());
      if (!before.equals(after) || !ca.equals(cb)) {
        List<String> added = after.stream().filter(o -> !before.contains(o)).toList();
        List<String> removed = before.stream().filter(o -> !after.contains(o)).toList();
        changes.add(new Change(ba.displayName(), kind.get(), ca, cb, added, removed));
      }
    }
    return changes;
  }

  /** "lockless" or "under the MMU lock (write)". */
  public static String context(Binding binding) {
    if (binding.fixedFlags().getOrDefault("lockless", false)) {
      return "lockless";
    }
    Optional<Rule.Lock> lock = binding.walker().rule(Rule.Lock.class);
    if (lock.isEmpty()) {
      return "without a lock";
    }
    Value mode = new Evaluator(Checker.environment(binding)).eval(lock.get().mode());
    return "under the MMU lock ("
        + (mode == null ? "mode set by the caller" : binding.profile().realize(mode))
        + ")";
  }

  static TreeSet<String> applying(CheckedSpec spec, Binding binding, String kind) {
    TreeSet<String> ids =
        new TreeSet<>(Comparator.comparingInt(ObligationChanges::number).thenComparing(s -> s));
    for (Obligation o : Obligations.applying(spec, binding, kind)) {
      ids.add(o.id().text() + " " + o.label().text());
    }
    return ids;
  }

  private static int number(String obligation) {
    String digits = obligation.replaceAll("^[A-Za-z]*(\\d+).*$", "$1");
    return digits.matches("\\d+") ? Integer.parseInt(digits) : Integer.MAX_VALUE;
  }
}
