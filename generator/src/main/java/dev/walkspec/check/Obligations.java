package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Evaluator;
import dev.walkspec.model.Name;
import dev.walkspec.model.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Which obligations apply to a handler kind in an operation on a profile: those declared for the
 * kind whose condition holds with the operation's flags there. A condition that reads a flag left
 * to the caller (may_block of C1) applies when some value of it makes it hold.
 */
@API(status = INTERNAL)
public final class Obligations {
  private Obligations() {}

  public static List<Obligation> applying(CheckedSpec checked, Binding binding, String kind) {
    return checked.spec().obligations().stream()
        .filter(
            o -> o.kinds().isEmpty() || o.kinds().stream().map(Name::text).anyMatch(kind::equals))
        .filter(o -> o.when().isEmpty() || holdsForSomeParams(o, binding))
        .toList();
  }

  private static boolean holdsForSomeParams(Obligation obligation, Binding binding) {
    List<String> params = binding.paramFlags().stream().sorted().toList();
    for (int bits = 0; bits < 1 << params.size(); bits++) {
      Map<String, Value> env = new HashMap<>();
      for (int i = 0; i < params.size(); i++) {
        env.put(params.get(i), Value.of((bits >> i & 1) == 1));
      }
      Function<String, Value> fixed = Checker.environment(binding);
      Value v =
          new Evaluator(n -> env.containsKey(n) ? env.get(n) : fixed.apply(n))
              .eval(obligation.when().get());
      if (v != null && v.asBool()) {
        return true;
      }
    }
    return false;
  }
}
