package dev.walkspec.runtime.api;

/** Which kind of guest memory a gfn range concerns; hva notifications always use SHARED (W6). */
public enum AttrFilter {
  SHARED,
  PRIVATE
}
