package dev.walkspec.runtime.explore;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.walkspec.runtime.arch.ArchProfile;
import dev.walkspec.runtime.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * What the explorer runs: a world factory, a setup step run before the actors (create slots, map
 * pages, fill TLBs; nothing else runs then), and named actors, each a body run on its own thread
 * against the world. Every run gets a fresh world, so bodies must not keep state between calls. A
 * scenario must be deterministic: given the same schedule, the same steps happen.
 */
@API(status = INTERNAL)
public final class Scenario {
  /** The most actors a scenario may have. */
  public static final int MAX_ACTORS = 16;

  private final String name;
  private final String description;
  private final WorldFactory world;
  private final Consumer<World> setup;
  private final List<String> actorNames;
  private final List<Consumer<World>> actorBodies;
  private final String source;
  private final Map<String, String> titles;
  private final String uncaught;

  private Scenario(Builder builder) {
    this.name = builder.name;
    this.description = builder.description;
    this.world = Objects.requireNonNull(builder.world, "scenario '" + name + "' has no world");
    this.setup = builder.setup;
    this.actorNames = List.copyOf(builder.actorNames);
    this.actorBodies = List.copyOf(builder.actorBodies);
    this.source = builder.source;
    this.titles = Map.copyOf(builder.titles);
    this.uncaught = builder.uncaught;
    if (actorNames.isEmpty()) {
      throw new IllegalArgumentException("scenario '" + name + "' has no actors");
    }
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The name, as used in replay strings ({@code name@schedule}). */
  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public WorldFactory world() {
    return world;
  }

  public Consumer<World> setup() {
    return setup;
  }

  public int actorCount() {
    return actorNames.size();
  }

  public List<String> actorNames() {
    return actorNames;
  }

  public String actorName(int index) {
    return actorNames.get(index);
  }

  public Consumer<World> actorBody(int index) {
    return actorBodies.get(index);
  }

  /**
   * A Java expression that rebuilds this scenario, for the regression test a counterexample prints
   * (e.g. {@code Catalogue.scenario("lost-zap")}).
   */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "scenario '" + name + "' " + actorNames;
  }

  /**
   * The title of an obligation or rule id in this scenario's reports: the one its builder gave
   * (from the spec, for the suites' scenarios), else the explorer's own.
   */
  public String title(String id) {
    return titles.getOrDefault(id, Obligations.title(id));
  }

  /**
   * The obligation an actor's uncaught exception breaks: {@code exception} unless the builder named
   * one (a lockless handler that throws on what it finds breaks H6).
   */
  public String uncaughtExceptionBreaks() {
    return uncaught;
  }

  /** Builds a scenario. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private WorldFactory world;
    private Consumer<World> setup = w -> {};
    private final List<String> actorNames = new ArrayList<>();
    private final List<Consumer<World>> actorBodies = new ArrayList<>();
    private String source;
    private Map<String, String> titles = Map.of();
    private String uncaught = Obligations.EXCEPTION;

    private Builder(String name) {
      Objects.requireNonNull(name, "scenario name");
      if (name.isEmpty()
          || name.indexOf('@') >= 0
          || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "scenario name '" + name + "' must be non-empty, without '@' or white space");
      }
      this.name = name;
      this.source = "scenario()";
    }

    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "description");
      return this;
    }

    /** The world of each run, built by {@code factory}. */
    public Builder world(WorldFactory factory) {
      this.world = Objects.requireNonNull(factory, "world factory");
      return this;
    }

    /**
     * A world of {@code profile} with the given builder options ({@code b -> b.vcpus(2)}); the
     * explorer's scheduler and event sink are set after the options.
     */
    public Builder world(ArchProfile profile, UnaryOperator<World.Builder> options) {
      Objects.requireNonNull(profile, "arch profile");
      Objects.requireNonNull(options, "world options");
      this.world =
          (scheduler, events) ->
              options
                  .apply(World.builder(profile))
                  .scheduler(scheduler)
                  .worldEvents(events)
                  .build();
      return this;
    }

    public Builder setup(Consumer<World> action) {
      this.setup = Objects.requireNonNull(action, "setup");
      return this;
    }

    /** Adds an actor; actors are numbered in the order added (the numbers replay strings use). */
    public Builder actor(String actorName, Consumer<World> body) {
      Objects.requireNonNull(actorName, "actor name");
      Objects.requireNonNull(body, "actor body");
      if (actorNames.contains(actorName)) {
        throw new IllegalArgumentException(
            "scenario '" + name + "' already has an actor named '" + actorName + "'");
      }
      if (actorNames.size() == MAX_ACTORS) {
        throw new IllegalArgumentException(
            "scenario '" + name + "' has more than " + MAX_ACTORS + " actors");
      }
      actorNames.add(actorName);
      actorBodies.add(body);
      return this;
    }

    /** A Java expression that rebuilds the scenario (for printed regression tests). */
    public Builder source(String expression) {
      this.source = Objects.requireNonNull(expression, "source");
      return this;
    }

    /** The titles of obligation ids for reports (the spec's names), e.g. H3 -> table lifetime. */
    public Builder titles(Map<String, String> titles) {
      this.titles = Map.copyOf(titles);
      return this;
    }

    /** The obligation an actor's uncaught exception breaks (default: {@code exception}). */
    public Builder uncaughtExceptionBreaks(String obligation) {
      this.uncaught = Objects.requireNonNull(obligation, "obligation");
      return this;
    }

    public Scenario build() {
      return new Scenario(this);
    }
  }
}
