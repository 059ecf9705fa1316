package dev.walkspec.arch.bad;

import dev.walkspec.arch.x86.tdp.TdpAgeHandler;
import dev.walkspec.runtime.api.EntryCursor;
import dev.walkspec.runtime.api.GfnRange;
import dev.walkspec.runtime.api.Pages;
import dev.walkspec.runtime.api.Root;

/** H10: rounds the range out to 2 MiB blocks, aging pages outside it (even next slot's). */
public class TdpAgeWholeBlocks extends TdpAgeHandler {
  public TdpAgeWholeBlocks() {}

  @Override
  protected EntryCursor leaves(Root root, GfnRange range) {
    long block = Pages.pagesAt(2);
    return root.walk(
        Pages.alignDown(range.start(), 2), Pages.alignDown(range.end() - 1, 2) + block);
  }
}
