package dev.walkspec.suite;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Property;

/**
 * The failures of one handler suite's one-call properties: each names the obligation found broken
 * (a value, {@link ConformanceFailure#rule()}), the handler, the state, what went wrong and the
 * command that runs the property again. A bug shows once: the other properties that run into the
 * same broken obligation point to the one that reported it.
 */
final class FailureReports {
  /** For each obligation found broken, the property that reported its counterexample in full. */
  private final Map<String, String> reportedBy = new ConcurrentHashMap<>();

  private final Supplier<String> subject;
  private final Function<String, String> titles;

  /**
   * @param subject "age handler ... in clear_young[x86]"
   * @param titles an obligation id's title from the spec ("H9 coverage")
   */
  FailureReports(Supplier<String> subject, Function<String, String> titles) {
    this.subject = subject;
    this.titles = titles;
  }

  /**
   * The failure of the property checking {@code checking} that found {@code broken} broken: the
   * whole counterexample, unless another property of this handler has reported {@code broken}
   * already, which it then points to ("see H4 above").
   */
  AssertionError failure(String broken, String checking, HandlerState state, String details) {
    Optional<Method> property = property();
    String here = property.map(FailureReports::testName).orElse("");
    String first = reportedBy.putIfAbsent(broken, here);
    if (!broken.equals(checking) && first != null && !first.equals(here)) {
      return ConformanceFailure.seeAbove(
          broken,
          "walkspec: "
              + titles.apply(broken)
              + " broken by "
              + subject.get()
              + ConformanceFailure.FOUND_AGAIN
              + checking
              + "): see "
              + broken
              + " above, where "
              + first
              + " reports the counterexample");
    }
    return new ConformanceFailure(
        broken,
        titles.apply(broken),
        subject.get(),
        state.toString(),
        details,
        reproduce(property));
  }

  private static boolean isCheck(StackWalker.StackFrame frame) {
    return frame.getDeclaringClass() == HandlerSuite.class && frame.getMethodName().equals("check");
  }

  /** The generated property that called {@link HandlerSuite#check}, found on the stack. */
  static Optional<Method> property() {
    Optional<StackWalker.StackFrame> frame =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.dropWhile(f -> !isCheck(f)).skip(1).findFirst());
    return frame.flatMap(
        f ->
            Arrays.stream(f.getDeclaringClass().getDeclaredMethods())
                .filter(m -> m.getName().equals(f.getMethodName()))
                .filter(m -> m.isAnnotationPresent(Property.class))
                .findFirst());
  }

  /** "ClearYoungX86X86AgeHandlerTest#h4AtomicUpdates". */
  private static String testName(Method property) {
    return property.getDeclaringClass().getSimpleName() + "#" + property.getName();
  }

  /**
   * The command that runs the failing property again and draws the failing state: the property runs
   * with its fixed seed if the suite was generated with one; otherwise jqwik tries the sample that
   * failed first, from its database (.jqwik-database).
   */
  static String reproduce(Optional<Method> property) {
    if (property.isEmpty()) {
      return "rerun the property; jqwik tries the failing sample first";
    }
    String seed = property.get().getAnnotation(Property.class).seed();
    String command = "mvn test -Dtest='" + testName(property.get()) + "'";
    return seed.isEmpty()
        ? command + " (jqwik tries the failing sample first, from .jqwik-database)"
        : command + " (the property runs with the fixed seed " + seed + ": the same states)";
  }
}
