package dev.walkspec.conform;

import dev.walkspec.cli.CommandExtension;
import dev.walkspec.cli.ExploredSuites;
import java.util.List;
import java.util.Optional;

/** Adds {@code conform} to the walkspec command line, and the bundled handler sets to replay. */
public final class ConformExtension implements CommandExtension {
  @Override
  public List<Object> commands() {
    return List.of(new ConformCommand());
  }

  @Override
  public Optional<ExploredSuites.Handlers> handlerSet(String name) {
    return HandlerSets.named(name)
        .map(s -> new ExploredSuites.Handlers(s.handlers(), s.writer(), s.profiles()));
  }

  @Override
  public List<String> handlerSetNames() {
    return HandlerSets.bundled().stream().map(HandlerSet::name).toList();
  }
}
