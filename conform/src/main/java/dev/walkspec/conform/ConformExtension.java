package dev.walkspec.conform;

import dev.walkspec.cli.CommandExtension;
import java.util.List;

/** Adds {@code conform} to the walkspec command line. */
public final class ConformExtension implements CommandExtension {
  @Override
  public List<Object> commands() {
    return List.of(new ConformCommand());
  }
}
