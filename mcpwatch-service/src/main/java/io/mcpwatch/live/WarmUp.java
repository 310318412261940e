package io.mcpwatch.live;

import io.mcpwatch.server.HttpServer;
import io.mcpwatch.storage.Database;
import org.slf4j.LoggerFactory;

/**
 * A head start for {@link LiveService#start} on a second thread while the starting thread reads and
 * lints the configuration (issue 14: a 2-core machine, ~1 s of configuration with 10,000 alarms):
 * configures logging and loads and initializes the classes that opening the database (the SQLite
 * driver, Flyway) and starting the HTTP server (Javalin, Jetty) need first. It touches no file,
 * socket or database, and a failure in it is ignored (the real start reports whatever is wrong).
 * {@link #close} waits for it, so nothing of it is left running, whether the start goes on or not.
 *
 * <pre>{@code
 * try (WarmUp w = WarmUp.begin()) {
 *   plan = ServicePlan.of(ConfigFiles.load(file), options);
 * }
 * LiveService.start(plan, ...);
 * }</pre>
 */
public final class WarmUp implements AutoCloseable {
  /** The thread's name. */
  public static final String THREAD = "mcpwatch-warm-up";

  private final Thread thread;

  private WarmUp(Thread thread) {
    this.thread = thread;
  }

  /** Starts the warm-up thread. */
  public static WarmUp begin() {
    Thread t = new Thread(WarmUp::run, THREAD);
    t.setDaemon(true);
    t.start();
    return new WarmUp(t);
  }

  private static void run() {
    try {
      LoggerFactory.getILoggerFactory(); // logging's configuration (logback)
    } catch (RuntimeException | LinkageError e) {
      // the service's first log line configures it, and reports a problem
    }
    Database.warmUp();
    HttpServer.warmUp();
  }

  /** Waits for the thread to finish (an interrupt is kept for the caller, after the wait). */
  @Override
  public void close() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
