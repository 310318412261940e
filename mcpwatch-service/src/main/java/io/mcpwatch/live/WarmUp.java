package io.mcpwatch.live;

import io.mcpwatch.server.HttpServer;
import io.mcpwatch.storage.Database;
import java.util.concurrent.CountDownLatch;
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
 *   ServicePlan plan = ServicePlan.of(ConfigFiles.load(file), options);
 *   w.awaitLogging();
 *   service = LiveService.start(plan, ...);
 * }
 * }</pre>
 */
public final class WarmUp implements AutoCloseable {
  /** The thread's name. */
  public static final String THREAD = "mcpwatch-warm-up";

  private final Thread thread;
  private final CountDownLatch logging = new CountDownLatch(1);

  private WarmUp() {
    this.thread = new Thread(this::run, THREAD);
    this.thread.setDaemon(true);
  }

  /** Starts the warm-up thread. */
  public static WarmUp begin() {
    WarmUp w = new WarmUp();
    w.thread.start();
    return w;
  }

  private void run() {
    try {
      LoggerFactory.getILoggerFactory(); // logging's configuration (logback)
    } catch (RuntimeException | LinkageError e) {
      // the service's first log line configures it, and reports a problem
    } finally {
      logging.countDown();
    }
    Database.warmUp();
    HttpServer.warmUp();
  }

  /**
   * Waits until logging is configured (the warm-up's first step), so that no other thread logs
   * while it is being configured (SLF4J would queue those lines and replay them with a warning).
   * Call it before the service's first log line.
   */
  public void awaitLogging() {
    Uninterruptibly.await(logging::await);
  }

  /** Waits for the thread to finish (an interrupt is kept for the caller, after the wait). */
  @Override
  public void close() {
    Uninterruptibly.await(thread::join);
  }
}
