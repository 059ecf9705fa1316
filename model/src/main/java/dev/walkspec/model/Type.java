package dev.walkspec.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The types of the walk language. hva, gfn, pgoff (a guest_memfd page offset), word and int are all
 * 64-bit integers; filter is the attr_filter of a gfn range (shared or private mappings).
 */
@API(status = INTERNAL)
public enum Type {
  BOOL,
  INT,
  LOCK_MODE,
  LOCK_KIND,
  FILTER;

  /** The type names a spec may write, in the order the documentation lists them. */
  public static final List<String> NAMES =
      List.of("bool", "int", "hva", "gfn", "pgoff", "word", "filter");

  public static Optional<Type> named(String name) {
    return switch (name) {
      case "bool" -> Optional.of(BOOL);
      case "int", "hva", "gfn", "pgoff", "word" -> Optional.of(INT);
      case "filter" -> Optional.of(FILTER);
      default -> Optional.empty();
    };
  }

  public String word() {
    return switch (this) {
      case BOOL -> "bool";
      case INT -> "int";
      case LOCK_MODE -> "a lock mode (write, read, spin)";
      case LOCK_KIND -> "a lock kind (rwlock, spinlock)";
      case FILTER -> "an attr_filter (KVM_FILTER_SHARED, KVM_FILTER_PRIVATE)";
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
