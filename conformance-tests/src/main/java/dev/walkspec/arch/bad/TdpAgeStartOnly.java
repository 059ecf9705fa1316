package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Root;

/** H9: ages only the mapping of the page at {@code range.start}. */
public class TdpAgeStartOnly extends TdpAgeHandler {
  public TdpAgeStartOnly() {}

  @Override
  protected EntryCursor leaves(Root root, GfnRange range) {
    return root.walk(range.start(), range.start() + 1);
  }
}
