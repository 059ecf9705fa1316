package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Spec;
import dev.walkspec.model.Walker;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A spec that passed every check, with what the checks worked out: each concrete profile resolved,
 * and each operation bound on each profile. The later stages (semantics, emit) take this, never the
 * syntax.
 *
 * <p>{@link #allBindings()} has every operation; {@link #bindings()} only those of the MMU-notifier
 * walk (C1-C5), the one walk that the Java and C emitters, the runtime and the handler suites
 * implement. The guest_memfd walk (G1-G8) and the memory-attribute walk (M1-M8) have the reference
 * semantics (interpreter, {@code walkspec diff}) but no generated walker yet.
 */
@API(status = INTERNAL)
public record CheckedSpec(Spec spec, List<ResolvedProfile> profiles, List<Binding> allBindings) {
  public CheckedSpec {
    profiles = List.copyOf(profiles);
    allBindings = List.copyOf(allBindings);
  }

  /** The bindings of operations on the MMU-notifier walk (see the class comment). */
  public List<Binding> bindings() {
    return allBindings.stream().filter(b -> b.walker().overHva()).toList();
  }

  /** The MMU-notifier walks of the spec (see the class comment). */
  public List<Walker> notifierWalkers() {
    return spec.walkers().stream().filter(Walker::overHva).toList();
  }

  public Optional<ResolvedProfile> profile(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The binding of an operation (id or label) on a profile. */
  public Optional<Binding> binding(String operation, String profile) {
    return allBindings.stream()
        .filter(b -> b.profile().name().equals(profile))
        .filter(
            b ->
                b.operation().id().text().equals(operation)
                    || b.operation().label().text().equals(operation))
        .findFirst();
  }
}
