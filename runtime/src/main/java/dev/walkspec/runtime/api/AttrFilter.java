package dev.walkspec.runtime.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Which kind of guest memory a gfn range concerns; hva notifications always use SHARED (W6). */
@API(status = STABLE)
public enum AttrFilter {
  SHARED,
  PRIVATE
}
