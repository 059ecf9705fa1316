package dev.walkspec.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walkspec.runtime.sched.Actor;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Handler calls share threads (BoundedCall reuses them) but nothing a call leaves in its thread
 * reaches the next call: each runs as a fresh actor (locks it still holds, H2, stay with the old
 * one), with the caller's context class loader and no interrupt left over.
 */
class BoundedCallTest {
  @Test
  void each_call_starts_clean_whatever_the_call_before_left_in_its_thread() throws Exception {
    ClassLoader caller = Thread.currentThread().getContextClassLoader();
    ClassLoader[] callers = new ClassLoader[3];
    Actor[] actors = new Actor[3];
    boolean[] interrupted = new boolean[3];
    ClassLoader[] loaders = new ClassLoader[3];
    try {
      for (int i = 0; i < 3; i++) {
        int call = i;
        callers[i] = new URLClassLoader(new URL[0], caller);
        Thread.currentThread().setContextClassLoader(callers[i]);
        Throwable thrown =
            BoundedCall.run(
                () -> {
                  actors[call] = Actor.current();
                  interrupted[call] = Thread.currentThread().isInterrupted();
                  loaders[call] = Thread.currentThread().getContextClassLoader();
                  Thread.currentThread().interrupt();
                });
        assertThat(thrown).isNull();
      }
    } finally {
      Thread.currentThread().setContextClassLoader(caller);
    }
    assertThat(actors).doesNotHaveDuplicates().allMatch(a -> a.name().equals("handler"));
    assertThat(interrupted).containsExactly(false, false, false);
    assertThat(loaders).containsExactly(callers);
  }

  @Test
  void what_the_handler_threw_is_returned() throws Exception {
    IllegalStateException bug = new IllegalStateException("bug");
    assertThat(
            BoundedCall.run(
                () -> {
                  throw bug;
                }))
        .isSameAs(bug);
  }
}
