package io.mcpwatch.live;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.tail.StreamSource;
import io.mcpwatch.source.tail.TailLine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a pipe (stdin) on its own named daemon thread. A pipe cannot be read again, so it has no
 * checkpoints: lines read but not yet committed when the process dies are lost.
 */
final class StdinSource implements LogSource {
  private static final Logger log = LoggerFactory.getLogger(StdinSource.class);

  private final SourceSpec spec;
  private final StreamSource stream;
  private final BatchDecoder decoder;
  private final Inbox inbox;
  private final InstantSource clock;
  private final Thread thread;
  private volatile boolean open = true;

  StdinSource(SourceSpec spec, InputStream in, Inbox inbox, InstantSource clock) {
    this.spec = spec;
    this.decoder = new BatchDecoder(spec);
    this.stream = new StreamSource("stdin", in, decoder.maxLineBytes());
    this.inbox = inbox;
    this.clock = clock;
    this.thread = new Thread(this::loop, "mcpwatch-source-stdin");
    this.thread.setDaemon(true);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public void start() {
    thread.start();
  }

  private void loop() {
    try {
      inbox.put(
          new SourceBatch(spec, List.of(), null, InputCounts.ZERO,
              List.of("reading stdin as " + spec.label()), List.of()),
          () -> open);
      while (open) {
        List<TailLine> lines = stream.read();
        if (lines.isEmpty() && stream.ended()) {
          List<LogEvent> rest = new ArrayList<>();
          for (LogEvent e = decoder.finish(); e != null; e = decoder.finish()) {
            rest.add(e);
          }
          inbox.put(new SourceBatch(spec, rest, null, InputCounts.ZERO,
              List.of("stdin ended; the service keeps running (Ctrl-C stops it)"), List.of()),
              () -> open);
          return;
        }
        BatchDecoder.Decoded d = decoder.decode(lines, clock.millis());
        inbox.put(new SourceBatch(spec, d.events(), null, d.counts(), List.of(), d.problems()),
            () -> open);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.warn("stdin: cannot read: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    open = false; // a blocked read of a pipe cannot be interrupted; the thread is a daemon
  }

  @Override
  public void join(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
  }
}
