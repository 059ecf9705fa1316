package dev.walkspec.conform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One row of the conformance matrix: the handler classes of one arch (one per handler kind, plus
 * the locked writer that write-protects entries, which H5 is about), on the profiles they belong
 * to. A known-bad variant is its arch's set with one class replaced.
 *
 * @param name the row name, e.g. "x86-tdp" or "TdpAgePlainStore"
 * @param profiles the spec profiles this arch's code runs on
 * @param handlers handler kind (age, test_age, unmap) to class name
 * @param writer the locked write-protect code, if the arch has one in the model
 * @param badVariantOf the correct set this one edits, if it is a known-bad variant
 */
public record HandlerSet(
    String name,
    List<String> profiles,
    Map<String, String> handlers,
    Optional<String> writer,
    Optional<String> badVariantOf,
    String description) {

  public HandlerSet {
    profiles = List.copyOf(profiles);
    handlers = Map.copyOf(handlers);
  }

  public boolean isKnownBad() {
    return badVariantOf.isPresent();
  }

  /** What a failure of this set means to a reader: see {@link Kind}. */
  public enum Kind {
    /** An arch's handlers as the kernel has them: a failure is a finding about the kernel. */
    KERNEL("kernel port"),
    /** A change to a port that the kernel does not have: a failure says what the change costs. */
    WHAT_IF("what-if"),
    /**
     * An arch's port with one handler as the kernel had it before a fix: its failure is a bug of
     * the kernel's past, which walkspec must find.
     */
    HISTORY("kernel history"),
    /** A port with one bug planted on purpose: its failure is walkspec's self-test. */
    PLANTED("planted bug");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Kind kind() {
    if (HandlerSets.isHistory(name)) {
      return Kind.HISTORY;
    }
    if (isKnownBad()) {
      return Kind.PLANTED;
    }
    return HandlerSets.isKernelPort(name) ? Kind.KERNEL : Kind.WHAT_IF;
  }

  /** This set with one handler kind replaced by a change the kernel does not have: a what-if. */
  HandlerSet withWhatIf(String whatIfName, String kind, String className, String change) {
    Map<String, String> edited = new TreeMap<>(handlers);
    edited.put(kind, className);
    return new HandlerSet(whatIfName, profiles, edited, writer, Optional.empty(), change);
  }

  /** This set with one handler kind (or "writer") replaced: a known-bad variant. */
  HandlerSet withBad(String badName, String kind, String className, String change) {
    Map<String, String> edited = new TreeMap<>(handlers);
    Optional<String> newWriter = writer;
    if (kind.equals("writer")) {
      newWriter = Optional.of(className);
    } else {
      edited.put(kind, className);
    }
    return new HandlerSet(badName, profiles, edited, newWriter, Optional.of(name), change);
  }
}
