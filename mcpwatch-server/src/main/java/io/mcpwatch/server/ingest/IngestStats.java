package io.mcpwatch.server.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Ingest counters since start; thread-safe. */
public final class IngestStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder requestsRefused = new LongAdder();
  private final LongAdder requestsThrottled = new LongAdder();
  private final LongAdder requestsUnauthorized = new LongAdder();
  private final LongAdder eventsAccepted = new LongAdder();
  private final LongAdder eventsRejected = new LongAdder();

  void request() {
    requests.increment();
  }

  void refused() {
    requestsRefused.increment();
  }

  void throttled() {
    requestsThrottled.increment();
  }

  /** Counts a request answered 401. */
  public void unauthorized() {
    requests.increment();
    requestsUnauthorized.increment();
  }

  void events(int accepted, int rejected) {
    eventsAccepted.add(accepted);
    eventsRejected.add(rejected);
  }

  /**
   * The counters by name: {@code ingestRequests}, {@code ingestRequestsRefused} (4xx other than
   * 401), {@code ingestRequestsThrottled} (503), {@code ingestRequestsUnauthorized}, {@code
   * ingestEventsAccepted}, {@code ingestEventsRejected}.
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("ingestRequests", requests.sum());
    m.put("ingestRequestsRefused", requestsRefused.sum());
    m.put("ingestRequestsThrottled", requestsThrottled.sum());
    m.put("ingestRequestsUnauthorized", requestsUnauthorized.sum());
    m.put("ingestEventsAccepted", eventsAccepted.sum());
    m.put("ingestEventsRejected", eventsRejected.sum());
    return m;
  }
}
