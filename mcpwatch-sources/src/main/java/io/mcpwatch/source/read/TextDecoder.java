package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Plain text: each non-blank line is one event whose message is the whole line (as the awslogs
 * driver ships it) and whose time is found in the line by a {@link TimestampExtractor}. A line
 * without one (a traceback line, a uvicorn access line) takes the previous line's time, else the
 * caller's fallback time, else it is skipped.
 */
final class TextDecoder extends BaseLineDecoder {
  private final TimestampExtractor extractor;
  private long previous = Timestamps.NONE;
  private boolean assumed;

  TextDecoder(ReadOptions options) {
    super(options, 0);
    this.extractor = TimestampExtractor.compile(options.timestampFormat());
  }

  @Override
  public InputFormat format() {
    return InputFormat.TEXT;
  }

  @Override
  public @Nullable LogEvent decode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    if (len > maxLineBytes()) {
      return none(Outcome.OVERSIZED);
    }
    len = stripCr(b, off, len);
    if (isBlank(b, off, len)) {
      return none(Outcome.SKIPPED);
    }
    String line = new String(b, off, len, StandardCharsets.UTF_8);
    long ts = extractor.extract(b, off, len, line);
    ts = timeOf(ts, fallbackTimeMillis);
    return ts == Timestamps.NONE ? none(Outcome.SKIPPED) : event(new LogEvent(logGroup, ts, line));
  }

  /** The line's own time, else the previous line's, else the fallback; NONE if none applies. */
  long timeOf(long own, long fallbackTimeMillis) {
    assumed = false;
    if (own != Timestamps.NONE) {
      previous = own;
      return own;
    }
    if (previous != Timestamps.NONE) {
      return previous;
    }
    if (fallbackTimeMillis != NO_FALLBACK) {
      assumed = true;
      return fallbackTimeMillis;
    }
    return Timestamps.NONE;
  }

  @Override
  public boolean lastTimeAssumed() {
    return assumed;
  }
}
