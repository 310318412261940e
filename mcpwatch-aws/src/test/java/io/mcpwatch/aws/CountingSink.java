package io.mcpwatch.aws;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.ingest.Admission;
import io.mcpwatch.server.ingest.EventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records every event offered; can be told to answer busy for the next offers. */
final class CountingSink implements EventSink {
  private final List<LogEvent> events = new ArrayList<>();
  private int busyOffers;
  private int uncommittedOffers;

  @Override
  public synchronized Admission offer(List<LogEvent> batch) {
    if (busyOffers > 0) {
      busyOffers--;
      return Admission.busy(Duration.ofSeconds(1));
    }
    events.addAll(batch);
    if (uncommittedOffers > 0) {
      uncommittedOffers--;
      return Admission.notCommitted(Duration.ofSeconds(1), "the commit failed");
    }
    return Admission.accepted();
  }

  /** The next offers take the events but answer that their commit failed (as a disk error does). */
  synchronized void uncommittedFor(int offers) {
    uncommittedOffers = offers;
  }

  synchronized void busyFor(int offers) {
    busyOffers = offers;
  }

  synchronized List<LogEvent> events() {
    return List.copyOf(events);
  }

  /** How often each message was counted. */
  synchronized Map<String, Integer> counts() {
    Map<String, Integer> m = new TreeMap<>();
    for (LogEvent e : events) {
      m.merge(e.message(), 1, Integer::sum);
    }
    return m;
  }
}
