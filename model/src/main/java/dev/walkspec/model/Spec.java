package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Decls.Callback;
import dev.walkspec.model.Decls.ConfigOption;
import dev.walkspec.model.Decls.HandlerKind;
import dev.walkspec.model.Decls.Obligation;
import dev.walkspec.model.Decls.Operation;
import dev.walkspec.model.Decls.Profile;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A whole spec after imports and refinements are applied: every declaration in the order it was
 * first declared. {@code name} is the root file's base name; {@code contentHash} covers the text of
 * the root file and every file it imports, {@code inputs} (in the order the hash takes them).
 */
@API(status = INTERNAL)
public record Spec(
    String name,
    String contentHash,
    List<SpecInput> inputs,
    List<ConfigOption> configs,
    List<HandlerKind> handlerKinds,
    List<Callback> callbacks,
    List<Walker> walkers,
    List<Operation> operations,
    List<Profile> profiles,
    List<Obligation> obligations) {

  public Spec {
    inputs = List.copyOf(inputs);
    configs = List.copyOf(configs);
    handlerKinds = List.copyOf(handlerKinds);
    callbacks = List.copyOf(callbacks);
    walkers = List.copyOf(walkers);
    operations = List.copyOf(operations);
    profiles = List.copyOf(profiles);
    obligations = List.copyOf(obligations);
  }

  public Optional<ConfigOption> config(String name) {
    return find(configs, ConfigOption::name, name);
  }

  public Optional<HandlerKind> handlerKind(String name) {
    return find(handlerKinds, HandlerKind::name, name);
  }

  public Optional<Callback> callback(String name) {
    return find(callbacks, Callback::name, name);
  }

  public Optional<Walker> walker(String name) {
    return find(walkers, Walker::name, name);
  }

  /** An operation by id (C4) or by label (clear_young). */
  public Optional<Operation> operation(String idOrLabel) {
    return find(operations, Operation::id, idOrLabel)
        .or(() -> find(operations, Operation::label, idOrLabel));
  }

  public Optional<Profile> profile(String name) {
    return find(profiles, Profile::name, name);
  }

  public Optional<Obligation> obligation(String idOrLabel) {
    return find(obligations, Obligation::id, idOrLabel)
        .or(() -> find(obligations, Obligation::label, idOrLabel));
  }

  private static <T> Optional<T> find(List<T> items, Function<T, Name> key, String name) {
    return items.stream().filter(item -> key.apply(item).text().equals(name)).findFirst();
  }
}
