package io.mcpwatch.live;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Command-line choices and timing of the live service.
 *
 * @param app run only this app's alarms (and sources), or null for all
 * @param noEarly evaluate only at period boundaries, like CloudWatch
 * @param stdin {@code APP} or {@code ENV/APP}: read stdin as that app's logs (every environment
 *     the app is in, or just ENV), or null
 * @param httpPort overrides the configured HTTP port (0 = any free port), or null
 * @param pollInterval how often files are polled for new lines when idle
 * @param commitInterval the longest a batch of events waits for its commit (a transition commits at
 *     once)
 * @param statsInterval how often the one-line stats summary is logged
 * @param dispatchInterval how often the dispatcher looks for due notifications
 */
public record RunOptions(
    @Nullable String app,
    boolean noEarly,
    @Nullable String stdin,
    @Nullable Integer httpPort,
    Duration pollInterval,
    Duration commitInterval,
    Duration statsInterval,
    Duration dispatchInterval) {

  public RunOptions {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(statsInterval, "statsInterval");
    Objects.requireNonNull(dispatchInterval, "dispatchInterval");
  }

  /** All apps, early firing, no stdin, 20 ms polls, 250 ms commits, stats every minute. */
  public static RunOptions defaults() {
    return new RunOptions(
        null,
        false,
        null,
        null,
        Duration.ofMillis(20),
        Duration.ofMillis(250),
        Duration.ofMinutes(1),
        Duration.ofMillis(200));
  }

  public RunOptions withApp(@Nullable String newApp) {
    return new RunOptions(newApp, noEarly, stdin, httpPort, pollInterval, commitInterval,
        statsInterval, dispatchInterval);
  }

  public RunOptions withNoEarly(boolean newNoEarly) {
    return new RunOptions(app, newNoEarly, stdin, httpPort, pollInterval, commitInterval,
        statsInterval, dispatchInterval);
  }

  public RunOptions withStdin(@Nullable String newStdin) {
    return new RunOptions(app, noEarly, newStdin, httpPort, pollInterval, commitInterval,
        statsInterval, dispatchInterval);
  }

  public RunOptions withHttpPort(@Nullable Integer port) {
    return new RunOptions(app, noEarly, stdin, port, pollInterval, commitInterval,
        statsInterval, dispatchInterval);
  }

  public RunOptions withStatsInterval(Duration interval) {
    return new RunOptions(app, noEarly, stdin, httpPort, pollInterval, commitInterval,
        interval, dispatchInterval);
  }

  public RunOptions withCommitInterval(Duration interval) {
    return new RunOptions(app, noEarly, stdin, httpPort, pollInterval, interval,
        statsInterval, dispatchInterval);
  }
}
