package dev.walkspec.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Scales the tries of the fuzz properties by {@code -Dwalkspec.fuzz.factor=N} (default 1), so the
 * long mode is the same properties run longer, not other tests.
 */
public final class FuzzTries implements AroundPropertyHook {
  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) throws Throwable {
    context
        .attributes()
        .tries()
        .ifPresent(t -> context.attributes().setTries(FuzzHarness.tries(t)));
    return property.execute();
  }
}
