package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A CloudWatch Logs export to S3: each event is written as its timestamp (ISO-8601 UTC with
 * milliseconds), one space and the message: {@code 2024-01-01T00:01:00.500Z message}. The prefix
 * is the event's time and is not part of the message, as the metric filter saw it. A line without
 * the prefix is a continuation of a multi-line message (the export writes newlines as they are):
 * it becomes an event of its own with the previous line's time, as text lines do. The objects are
 * not sorted by time; the caller orders them.
 */
final class S3ExportDecoder extends BaseLineDecoder {
  /** {@code 2024-01-01T00:01:00Z} is the shortest prefix; the longest has nanoseconds. */
  private static final int MIN_PREFIX = 20;

  private static final int MAX_PREFIX = 40;

  private long previous = Timestamps.NONE;
  private boolean assumed;

  S3ExportDecoder(ReadOptions options) {
    super(options, MAX_PREFIX + 1);
  }

  @Override
  public InputFormat format() {
    return InputFormat.CLOUDWATCH_S3;
  }

  /**
   * The length of the time prefix and its space at {@code b[off..end)}, or -1 if the line does not
   * start with one.
   */
  static int prefixLength(byte[] b, int off, int end) {
    int limit = Math.min(end, off + MAX_PREFIX + 1);
    for (int i = off + MIN_PREFIX; i < limit; i++) {
      if (b[i] == ' ') {
        byte last = b[i - 1];
        return (last == 'Z' || last == 'z') && Timestamps.parseDateTime(b, off, i, true)
                != Timestamps.NONE
            ? i + 1 - off
            : -1;
      }
    }
    return -1;
  }

  @Override
  public @Nullable LogEvent decode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    assumed = false;
    if (len > maxLineBytes()) {
      return none(Outcome.OVERSIZED);
    }
    len = stripCr(b, off, len);
    if (isBlank(b, off, len)) {
      return none(Outcome.SKIPPED);
    }
    int prefix = prefixLength(b, off, off + len);
    long ts;
    if (prefix > 0) {
      ts = Timestamps.parseDateTime(b, off, off + prefix - 1, true);
      previous = ts;
    } else if (previous != Timestamps.NONE) {
      ts = previous;
      prefix = 0;
    } else if (fallbackTimeMillis != NO_FALLBACK) {
      ts = fallbackTimeMillis;
      assumed = true;
      prefix = 0;
    } else {
      return none(Outcome.SKIPPED);
    }
    if (len - prefix > maxEventBytes) {
      return none(Outcome.OVERSIZED);
    }
    String message = new String(b, off + prefix, len - prefix, StandardCharsets.UTF_8);
    return event(new LogEvent(logGroup, ts, message));
  }

  @Override
  public boolean lastTimeAssumed() {
    return assumed;
  }
}
