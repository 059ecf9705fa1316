package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Root;

/** H9: its TDP MMU pass ages only the mapping of the page at range.start. */
public class TdpAgeStartOnly extends X86AlignedStrideAgeHandler {
  public TdpAgeStartOnly() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected EntryCursor leaves(Root root, GfnRange range) {
      return root.walk(range.start(), range.start() + 1);
    }
  }
}
