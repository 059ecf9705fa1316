package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Spec;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A spec that passed every check, with what the checks worked out: each concrete profile resolved,
 * and each operation bound on each profile. The later stages (semantics, emit) take this, never the
 * syntax.
 */
@API(status = INTERNAL)
public record CheckedSpec(Spec spec, List<ResolvedProfile> profiles, List<Binding> bindings) {
  public CheckedSpec {
    profiles = List.copyOf(profiles);
    bindings = List.copyOf(bindings);
  }

  public Optional<ResolvedProfile> profile(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The binding of an operation (id or label) on a profile. */
  public Optional<Binding> binding(String operation, String profile) {
    return bindings.stream()
        .filter(b -> b.profile().name().equals(profile))
        .filter(
            b ->
                b.operation().id().text().equals(operation)
                    || b.operation().label().text().equals(operation))
        .findFirst();
  }
}
