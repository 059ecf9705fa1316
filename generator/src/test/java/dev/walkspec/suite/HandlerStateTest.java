package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.suite.HandlerState.Mapping;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A state as failure reports show it: runs of 4K pages written once. */
class HandlerStateTest {
  @Test
  void runsOfThreeOrMoreLikePagesAreWrittenOnceTheRestOneByOne() {
    List<Mapping> mappings = new ArrayList<>();
    mappings.add(new Mapping(1, 512, 2, true, false, true));
    for (long gfn = 1000; gfn < 1530; gfn++) {
      mappings.add(new Mapping(0, gfn, 1, true, true, true));
    }
    mappings.add(new Mapping(0, 1530, 1, false, true, true));
    mappings.add(new Mapping(0, 1531, 1, false, true, true));
    mappings.add(new Mapping(0, 262144, 3, true, true, false));
    assertThat(HandlerState.runs(mappings))
        .isEqualTo(
            "root1:2M@512+A+W root0:530x4K@[1000,1530)+A+D+W root0:4K@1530+D+W root0:4K@1531+D+W"
                + " root0:1G@262144+A+D");
  }
}
