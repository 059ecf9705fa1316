package dev.walkspec.arch.bad;

import dev.walkspec.arch.whatif.X86AlignedStrideAgeHandler;
import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;

/** H10: its TDP MMU pass rounds the range out to 2 MiB blocks. */
public class TdpAgeWholeBlocks extends X86AlignedStrideAgeHandler {
  public TdpAgeWholeBlocks() {
    super(new Pass());
  }

  /** The TDP MMU's age pass, edited. */
  static final class Pass extends TdpAgeHandler {
    @Override
    protected EntryCursor leaves(Root root, GfnRange range) {
      long block = Pages.pagesAt(2);
      return root.walk(
          Pages.alignDown(range.start(), 2), Pages.alignDown(range.end() - 1, 2) + block);
    }
  }
}
