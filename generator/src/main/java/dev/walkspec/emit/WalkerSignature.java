package dev.walkspec.emit;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * How the generated suites construct and call one generated walker: its class and the Java
 * expressions they pass to its constructor and to {@code walk} (over a {@code WalkerContext
 * context} and a {@code Scenario scenario}). For code that runs generated walkers without their
 * generated suites, as spec mutation does.
 *
 * @param className the walker's binary class name
 * @param constructorArguments the constructor's argument expressions, in order
 * @param walkArguments the walk method's argument expressions, in order
 */
@API(status = INTERNAL)
public record WalkerSignature(
    String className, List<String> constructorArguments, List<String> walkArguments) {
  public WalkerSignature {
    constructorArguments = List.copyOf(constructorArguments);
    walkArguments = List.copyOf(walkArguments);
  }
}
