package io.mcpwatch.live;

import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.notify.OutboxItem;

/**
 * What the live service reports as it runs, for a console view ({@code mcpwatch demo}) or a test.
 * Callbacks come from the service's threads (the engine thread, the dispatcher); they must return
 * quickly and not throw.
 */
public interface RunListener {
  /** Ignores everything. */
  RunListener NONE = new RunListener() {};

  /** An alarm changed state (engine thread, before the change is committed). */
  default void transition(AlarmTransition transition) {}

  /** A notification or confirmation request was delivered; {@code where} says where it went. */
  default void delivered(OutboxItem item, String where) {}

  /** A delivery attempt failed. */
  default void deliveryFailed(OutboxItem item, String error) {}

  /** A source reported something worth a log line (a file found, rotated, truncated). */
  default void sourceNotice(String source, String notice) {}

  /** The periodic summary (also logged). */
  default void stats(RunStats stats) {}
}
