package dev.walkspec.runtime.vcpu;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Locale;
import org.apiguardian.api.API;

/** How one fault attempt ended. */
@API(status = INTERNAL)
public enum FaultOutcome {
  /** A new mapping was installed. */
  INSTALLED,
  /** A mapping already covered the gfn (maybe made writable by this fault). */
  ALREADY_MAPPED,
  /** The attempt raced with an invalidation (or lost its root) and installed nothing (H13). */
  RETRY,
  /** No memslot holds the gfn: an MMIO exit, nothing to map. */
  NO_MEMSLOT,
  /** A write to a read-only slot: nothing to map. */
  WRITE_TO_READONLY;

  public String render() {
    return name().toLowerCase(Locale.ROOT);
  }
}
