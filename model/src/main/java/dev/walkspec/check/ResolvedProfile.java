package dev.walkspec.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.model.Constants;
import dev.walkspec.model.Decls.Profile;
import dev.walkspec.model.Value;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A profile with inheritance applied: the value of every Kconfig option on it, the kind of its MMU
 * lock (rwlock or spinlock), the mode its fault path locks in, its address spaces, and the
 * page-table structures a VM of it may map guest memory through: two-dimensional tables ({@code
 * tdpMmu}: x86's TDP MMU, other arches' stage-2) and shadow pages found through reverse maps
 * ({@code shadowMmu}: x86's shadow MMU). Handler suites check every combination it allows. With
 * {@code coherentZap} (s390) every zap keeps the TLBs coherent by itself, so an unmap that returns
 * false leaves no stale translation (H11, H12).
 */
@API(status = INTERNAL)
public record ResolvedProfile(
    Profile profile,
    Map<String, Value> config,
    Value mmuLock,
    Value faultLock,
    int addressSpaces,
    boolean tdpMmu,
    boolean shadowMmu,
    boolean coherentZap) {

  public ResolvedProfile {
    config = Map.copyOf(config);
  }

  public String name() {
    return profile.name().text();
  }

  public boolean isRwlock() {
    return mmuLock.equals(Constants.RWLOCK);
  }

  /**
   * The mode a requested lock mode really takes on this profile: a spinlock has only one mode, so
   * read and write both become spin there (as the kernel's lock macros do).
   */
  public Value realize(Value requestedMode) {
    return isRwlock() ? requestedMode : Constants.SPIN;
  }
}
