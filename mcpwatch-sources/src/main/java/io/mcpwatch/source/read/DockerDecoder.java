package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.JsonScanner.ABSENT;
import static io.mcpwatch.source.read.JsonScanner.ESCAPED_STRING;
import static io.mcpwatch.source.read.JsonScanner.STRING;

import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;

/**
 * Docker's json-file driver: {@code {"log":"...\n","stream":"stdout","time":"<RFC 3339>"}}. The
 * message is {@code log} without its trailing newline (and {@code \r}); Docker splits lines over 16
 * KiB into records of which only the last ends with a newline, so records without one are buffered
 * per stream and joined, with the first record's time. An empty line is skipped.
 */
final class DockerDecoder extends BaseLineDecoder {
  private static final int LOG = 0;
  private static final int STREAM = 1;
  private static final int TIME = 2;
  private static final String[] KEYS = {"log", "stream", "time"};
  private static final byte[] STDERR = "stderr".getBytes(StandardCharsets.US_ASCII);

  private final JsonScanner scanner = new JsonScanner(KEYS);
  private final JacksonObject slow = new JacksonObject(KEYS);
  private final Pending[] pending = {new Pending(), new Pending()};
  private byte[] scratch = new byte[4096];

  DockerDecoder(ReadOptions options) {
    super(options, ReadOptions.ENVELOPE_SLACK_BYTES);
  }

  @Override
  public InputFormat format() {
    return InputFormat.DOCKER;
  }

  @Override
  public @Nullable LogEvent decode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    if (len > maxLineBytes()) {
      return none(Outcome.OVERSIZED);
    }
    if (scanner.scan(b, off, off + len)) {
      byte lk = scanner.kind[LOG];
      byte tk = scanner.kind[TIME];
      if ((lk == STRING || lk == ESCAPED_STRING) && (tk == STRING || tk == ABSENT)) {
        long time =
            tk == ABSENT
                ? fallbackTimeMillis
                : Timestamps.parseDateTime(b, scanner.start[TIME], scanner.end[TIME], true);
        if (tk == ABSENT && time == NO_FALLBACK) {
          return malformed("expected a \"time\" key (RFC 3339)");
        }
        int s = scanner.start[LOG];
        int e = scanner.end[LOG];
        int stream = isStderr(b) ? 1 : 0;
        if (time != Timestamps.NONE) {
          if (lk == STRING) {
            return record(stream, b, s, e, time, logGroup);
          }
          byte[] out = scratch(e - s);
          int n = JsonStrings.unescape(b, s, e, out);
          if (n >= 0) {
            return record(stream, out, 0, n, time, logGroup);
          }
        }
      }
    } else if (isBlank(b, off, len)) {
      return none(Outcome.SKIPPED);
    }
    return slowDecode(b, off, len, fallbackTimeMillis, logGroup);
  }

  private boolean isStderr(byte[] b) {
    int s = scanner.start[STREAM];
    return scanner.kind[STREAM] == STRING
        && Arrays.equals(b, s, scanner.end[STREAM], STDERR, 0, STDERR.length);
  }

  private @Nullable LogEvent slowDecode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    String problem = slow.read(new String(b, off, len, StandardCharsets.UTF_8));
    if (problem != null) {
      return malformed(problem);
    }
    String log = slow.values[LOG];
    if (slow.types[LOG] != JsonToken.VALUE_STRING || log == null) {
      return malformed("expected \"log\" to be a string");
    }
    long time;
    String t = slow.values[TIME];
    if (slow.types[TIME] == null) {
      if (fallbackTimeMillis == NO_FALLBACK) {
        return malformed("expected a \"time\" key (RFC 3339)");
      }
      time = fallbackTimeMillis;
    } else {
      time = JsonLinesDecoder.timestampOf(JsonToken.VALUE_STRING, t);
      if (slow.types[TIME] != JsonToken.VALUE_STRING || time == Timestamps.NONE) {
        return malformed(
            "expected \"time\" to be an RFC 3339 time, got " + JsonLinesDecoder.abbreviate(t));
      }
    }
    int stream = "stderr".equals(slow.values[STREAM]) ? 1 : 0;
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    return record(stream, bytes, 0, bytes.length, time, logGroup);
  }

  /** One record's log bytes {@code src[s..e)}: joins partial records, emits complete lines. */
  private @Nullable LogEvent record(
      int stream, byte[] src, int s, int e, long time, String logGroup) {
    boolean complete = e > s && src[e - 1] == '\n';
    int ce = complete ? e - 1 : e;
    if (complete && ce > s && src[ce - 1] == '\r') {
      ce--;
    }
    Pending p = pending[stream];
    if (!p.active && complete) {
      if (ce == s) {
        return none(Outcome.SKIPPED);
      }
      if (ce - s > maxEventBytes) {
        return none(Outcome.OVERSIZED);
      }
      return event(
          new LogEvent(logGroup, time, new String(src, s, ce - s, StandardCharsets.UTF_8)));
    }
    if (!p.active) {
      p.start(time, logGroup);
    }
    p.append(src, s, ce, maxEventBytes);
    if (!complete) {
      return none(Outcome.PENDING);
    }
    return emit(p);
  }

  private @Nullable LogEvent emit(Pending p) {
    boolean overflow = p.overflow;
    LogEvent e =
        overflow || p.length == 0
            ? null
            : new LogEvent(
                p.group, p.time, new String(p.bytes, 0, p.length, StandardCharsets.UTF_8));
    p.reset();
    return e != null ? event(e) : none(overflow ? Outcome.OVERSIZED : Outcome.SKIPPED);
  }

  /**
   * Emits a record that never got its final part; streams with nothing buffered are skipped. The
   * caller loops until the outcome is {@link Outcome#SKIPPED}.
   */
  @Override
  public @Nullable LogEvent finish() {
    Pending first = pending[0].active ? pending[0] : pending[1];
    if (pending[0].active && pending[1].active && pending[1].time < pending[0].time) {
      first = pending[1];
    }
    if (!first.active) {
      return none(Outcome.SKIPPED);
    }
    LogEvent e = emit(first);
    if (e == null && lastOutcome() == Outcome.SKIPPED) {
      return finish(); // an empty buffered record: try the other stream
    }
    return e;
  }

  @Override
  public boolean pending() {
    return pending[0].active || pending[1].active;
  }

  private byte[] scratch(int size) {
    if (scratch.length < size) {
      scratch = new byte[Math.max(size, scratch.length * 2)];
    }
    return scratch;
  }

  /** The parts of a split line seen so far on one stream. */
  private static final class Pending {
    boolean active;
    boolean overflow;
    long time;
    String group = "";
    byte[] bytes = new byte[0];
    int length;

    void start(long startTime, String logGroup) {
      active = true;
      overflow = false;
      time = startTime;
      group = logGroup;
      length = 0;
    }

    void append(byte[] src, int s, int e, long max) {
      int n = e - s;
      if (overflow || length + (long) n > max) {
        overflow = true;
        return;
      }
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(length + n, Math.min((int) max, bytes.length * 2)));
      }
      System.arraycopy(src, s, bytes, length, n);
      length += n;
    }

    void reset() {
      active = false;
      overflow = false;
      length = 0;
      if (bytes.length > 1 << 20) {
        bytes = new byte[0];
      }
    }
  }
}
