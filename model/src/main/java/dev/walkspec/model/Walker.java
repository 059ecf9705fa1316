package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.diag.Pos;
import dev.walkspec.model.Decls.CallbackSlot;
import dev.walkspec.model.Decls.TypedName;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** A walker: its inputs, flags, callback slots, and its rules in the order they were written. */
@API(status = INTERNAL)
public record Walker(
    Name name,
    List<TypedName> inputs,
    List<Name> flags,
    List<CallbackSlot> callbacks,
    List<Rule> rules,
    Pos pos) {

  public Walker {
    inputs = List.copyOf(inputs);
    flags = List.copyOf(flags);
    callbacks = List.copyOf(callbacks);
    rules = List.copyOf(rules);
  }

  public List<Rule.Guard> guards() {
    return rules.stream().filter(Rule.Guard.class::isInstance).map(Rule.Guard.class::cast).toList();
  }

  /** The single rule of a kind that may appear once (everything but guards). */
  public <R extends Rule> Optional<R> rule(Class<R> kind) {
    return rules.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  public Optional<Rule> ruleById(String id) {
    return rules.stream().filter(r -> r.id().text().equals(id)).findFirst();
  }

  public boolean hasFlag(String flag) {
    return flags.stream().anyMatch(f -> f.text().equals(flag));
  }

  public Optional<CallbackSlot> callback(String name) {
    return callbacks.stream().filter(c -> c.name().text().equals(name)).findFirst();
  }

  /**
   * Whether this is an MMU-notifier walk: its range is in host virtual addresses (clip W5 hva), as
   * opposed to the memory-attribute walk (gfn) and the guest_memfd walk (page offsets).
   */
  public boolean overHva() {
    return rule(Rule.Clip.class).map(Rule.Clip::byHva).orElse(true);
  }

  /** Whether this is the guest_memfd walk: one loop over a file's bindings (G1). */
  public boolean overBindings() {
    return rule(Rule.VisitBindings.class).isPresent();
  }

  public Optional<TypedName> input(String name) {
    return inputs.stream().filter(i -> i.name().text().equals(name)).findFirst();
  }
}
