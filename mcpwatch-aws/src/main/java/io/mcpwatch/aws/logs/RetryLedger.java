package io.mcpwatch.aws.logs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Recognises a PutLogEvents batch sent again after a lost or failed answer, so its events count
 * once. A batch is identified by a SHA-256 digest of its log group, log stream and every event's
 * timestamp and message, in order; a digest is remembered for {@link #window} after the batch was
 * taken (at most {@link #maxEntries}, the oldest forgotten first). A batch with the digest of one
 * taken within the window is answered as a success without being counted again; one whose twin is
 * still being taken (a retry racing its original) is answered {@code ThrottlingException}, which
 * every SDK and shipper retries.
 *
 * <p>The ledger is in memory; the live service commits each taken batch's digest with its events
 * and gives the recent ones back to a restarted service ({@link LogsService#rememberTaken}), so a
 * retry of a committed batch that arrives after a restart counts nothing again either. Two
 * identical batches sent on purpose within the window count once (CloudWatch's sequence tokens made
 * the same choice: {@code DataAlreadyAcceptedException}). Thread-safe.
 */
final class RetryLedger {
  enum Claim {
    /** New: the caller must {@link #taken} or {@link #release} it. */
    NEW,
    /** Taken within the window: answer success, count nothing. */
    DUPLICATE,
    /** Its twin is being taken right now. */
    IN_FLIGHT
  }

  private record Entry(String digest, long takenAtMillis) {}

  private final Duration window;
  private final int maxEntries;
  private final Map<String, Long> taken = new HashMap<>();
  private final ArrayDeque<Entry> order = new ArrayDeque<>();
  private final Map<String, Boolean> inFlight = new HashMap<>();

  RetryLedger(Duration window, int maxEntries) {
    this.window = Objects.requireNonNull(window, "window");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: expected >= 1; found " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  synchronized Claim claim(String digest, long nowMillis) {
    expire(nowMillis);
    if (taken.containsKey(digest)) {
      return Claim.DUPLICATE;
    }
    if (inFlight.putIfAbsent(digest, Boolean.TRUE) != null) {
      return Claim.IN_FLIGHT;
    }
    return Claim.NEW;
  }

  synchronized void taken(String digest, long nowMillis) {
    inFlight.remove(digest);
    if (taken.put(digest, nowMillis) == null) {
      order.addLast(new Entry(digest, nowMillis));
    }
    while (order.size() > maxEntries) {
      taken.remove(order.removeFirst().digest());
    }
  }

  synchronized void release(String digest) {
    inFlight.remove(digest);
  }

  synchronized int size() {
    return taken.size();
  }

  private void expire(long nowMillis) {
    long oldest = nowMillis - window.toMillis();
    while (!order.isEmpty() && order.peekFirst().takenAtMillis() < oldest) {
      Entry e = order.removeFirst();
      taken.remove(e.digest(), e.takenAtMillis());
    }
  }
}
