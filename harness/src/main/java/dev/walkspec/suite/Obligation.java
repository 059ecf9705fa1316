package dev.walkspec.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Decls;
import dev.walkspec.model.Name;
import dev.walkspec.model.Spec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * An obligation as the suites, the matrix and the reports carry it: what the spec declares (id,
 * name, statement, the rules it cites) and how walkspec judges it ({@link Judges}). Built from the
 * spec, never from a list of its own.
 *
 * @param id the id, e.g. {@code H9}
 * @param name the spec's label, e.g. {@code coverage}
 * @param statement the spec's statement of it
 * @param judgedBy one-call property, explored scenarios, or both; empty where walkspec has no judge
 *     for it (a spec may declare more than walkspec checks)
 * @param cites the rule ids it cites (W5, W6)
 */
@API(status = INTERNAL)
public record Obligation(
    String id, String name, String statement, Set<Judges.By> judgedBy, List<String> cites) {
  public Obligation {
    judgedBy = Set.copyOf(judgedBy);
    cites = List.copyOf(cites);
  }

  /** The obligation the spec declares, with how walkspec judges it. */
  public static Obligation of(Decls.Obligation declared) {
    String id = declared.id().text();
    return new Obligation(
        id,
        declared.label().text(),
        declared.doc(),
        Judges.of(id).map(Judges.Judge::by).orElse(Set.of()),
        declared.cites().stream().map(Name::text).toList());
  }

  /** Every obligation of {@code spec}, by id. */
  public static Map<String, Obligation> allOf(Spec spec) {
    return spec.obligations().stream()
        .map(Obligation::of)
        .collect(Collectors.toUnmodifiableMap(Obligation::id, Function.identity()));
  }

  /** "H9 coverage": how failures and reports name it. */
  public String title() {
    return id + " " + name;
  }

  /** "coverage", "atomic updates": the name in prose, as the explorer's reports give it. */
  public String prose() {
    return name.replace('_', ' ');
  }

  public boolean judgedBy(Judges.By by) {
    return judgedBy.contains(by);
  }
}
