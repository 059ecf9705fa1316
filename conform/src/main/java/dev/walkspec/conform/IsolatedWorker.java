package dev.walkspec.conform;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A suite worker in this JVM, on a thread of its own: {@link SuiteWorker#serve} on copies of jqwik,
 * JUnit, the harness and conform loaded by a class loader of its own (jqwik keeps its engine's
 * state in static fields, so two engines must not share classes), while the runtime with its
 * explorer and the handlers ({@link #SHARED}) are this JVM's. The explorer's and the handlers'
 * code, where the matrix spends most of its time, is then loaded and compiled by the JIT once for
 * every worker, where the worker JVMs that came before compiled it again each, and no JVM is
 * started (issue 19 item 2).
 *
 * <p>Tasks go in and events come out as JSON lines through two queues, since only JDK types mean
 * the same on both sides.
 */
final class IsolatedWorker {
  /**
   * The packages every worker shares: the runtime (its explorer is {@code
   * dev.walkspec.runtime.explore}) and the bundled handlers. Nothing in them refers to jqwik, JUnit
   * or the harness, so no class of a worker's own copy is ever seen through them.
   */
  static final List<String> SHARED = List.of("dev.walkspec.runtime.", "dev.walkspec.arch.");

  // The end of either queue; compared by identity, so no JSON line can be taken for it.
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String END = new String("end");

  private final BlockingQueue<String> tasks = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final URLClassLoader loader;
  private final Thread thread;
  private volatile Throwable failure;

  private IsolatedWorker(Path classes, String name) {
    this.loader = new URLClassLoader(name, classPath(), new SharedOnly());
    this.thread = new Thread(() -> serve(classes), name);
    thread.setDaemon(true);
    thread.setContextClassLoader(loader);
  }

  /** Starts a worker running the suites compiled into {@code classes}. */
  static IsolatedWorker start(Path classes, String name) {
    IsolatedWorker worker = new IsolatedWorker(classes, name);
    worker.thread.start();
    return worker;
  }

  /** Hands the worker a task (a JSON line), or with null, tells it that none is left. */
  void send(String task) {
    tasks.add(task == null ? END : task);
  }

  /** The worker's next event (a JSON line), or null when it stopped. */
  String receive() throws InterruptedException {
    String event = events.take();
    return event == END ? null : event;
  }

  /** Why the worker stopped before its input ended, once {@link #receive} returned null. */
  Throwable failure() {
    return failure;
  }

  private void serve(Path classes) {
    try {
      Method serve =
          loader
              .loadClass(SuiteWorker.class.getName())
              .getMethod("serve", String.class, Callable.class, Consumer.class);
      Callable<String> next =
          () -> {
            String task = tasks.take();
            return task == END ? null : task;
          };
      Consumer<String> report = events::add;
      serve.invoke(null, classes.toAbsolutePath().toString(), next, report);
    } catch (InvocationTargetException e) {
      failure = e.getCause();
    } catch (ReflectiveOperationException | RuntimeException | Error e) {
      failure = e;
    } finally {
      try {
        loader.close();
      } catch (IOException e) {
        // the worker's classes are all loaded by now; an unclosed jar is only a file handle
      }
      events.add(END);
    }
  }

  /** The entries of this JVM's class path (a manifest-only jar's own entries come with it). */
  private static URL[] classPath() {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        try {
          urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalStateException("class path entry " + entry, e);
        }
      }
    }
    return urls.toArray(URL[]::new);
  }

  /**
   * The worker loader's parent: the JDK's classes, and this JVM's classes of the {@link #SHARED}
   * packages; nothing else, and no resources but the JDK's (else JUnit would find each test engine
   * twice, through the parent and through the worker's own copy).
   */
  private static final class SharedOnly extends ClassLoader {
    private final ClassLoader app = IsolatedWorker.class.getClassLoader();

    SharedOnly() {
      super("walkspec-shared", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      for (String prefix : SHARED) {
        if (name.startsWith(prefix)) {
          return app.loadClass(name);
        }
      }
      return super.loadClass(name, resolve);
    }
  }
}
