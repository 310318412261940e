package io.mcpwatch.server.ingest;

import io.mcpwatch.engine.LogEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that records what it takes, or answers busy while {@code busy} is set. */
final class RecordingSink implements EventSink {
  final List<LogEvent> events = new CopyOnWriteArrayList<>();
  volatile boolean busy;
  volatile int offers;

  @Override
  public Admission offer(List<LogEvent> batch) {
    offers++;
    if (busy) {
      return Admission.busy(Duration.ofMillis(1500));
    }
    events.addAll(batch);
    return Admission.accepted();
  }
}
