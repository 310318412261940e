package io.mcpwatch.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reload on SIGHUP, through {@code sun.misc.Signal} (module jdk.unsupported, present in every
 * OpenJDK build). Where it is missing or the signal is reserved (Windows has no SIGHUP), the
 * configuration is applied on the next restart only.
 */
public final class Hangup {
  private static final Logger log = LoggerFactory.getLogger(Hangup.class);

  private Hangup() {}

  /**
   * Calls {@code action} on a new thread for each SIGHUP.
   *
   * @return whether the handler is installed
   */
  public static boolean onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
        Thread t = new Thread(action, "mcpwatch-reload");
        t.setDaemon(true);
        t.start();
      });
      return true;
    } catch (IllegalArgumentException | LinkageError | SecurityException e) {
      log.info("SIGHUP is not available here ({}); restart to apply configuration changes",
          e.toString());
      return false;
    }
  }
}
