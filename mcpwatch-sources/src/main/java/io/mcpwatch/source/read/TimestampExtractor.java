package io.mcpwatch.source.read;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Finds the timestamp of a plain-text line ({@link ReadOptions#timestampFormat()}). */
abstract class TimestampExtractor {
  /** How far into a line a {@code [} opening the timestamp is looked for (patterns only). */
  private static final int BRACKET_SEARCH_CHARS = 256;

  /**
   * The epoch milliseconds of the line's timestamp, or {@link Timestamps#NONE}.
   *
   * @param line the same line decoded (only pattern extractors read it)
   */
  abstract long extract(byte[] b, int off, int len, String line);

  /** Whether lines may carry a timestamp at all ({@code false} for {@code none}). */
  boolean looksForTimestamps() {
    return true;
  }

  /**
   * @throws IllegalArgumentException if the name is unknown and not a usable pattern
   */
  static TimestampExtractor compile(@Nullable String format) {
    if (format == null) {
      return new Iso();
    }
    switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "iso":
      case "python":
        return new Iso();
      case "epoch-ms":
        return new Epoch(1);
      case "epoch-s":
        return new Epoch(1000);
      case "none":
        return new None();
      default:
        return Formatted.compile(format);
    }
  }

  /** ISO-8601 / RFC 3339 / Python asctime at line start or after a leading {@code [}. */
  private static final class Iso extends TimestampExtractor {
    @Override
    long extract(byte[] b, int off, int len, String line) {
      int end = off + len;
      long t = Timestamps.parseDateTime(b, off, end, false);
      if (t == Timestamps.NONE && len > 0 && b[off] == '[') {
        t = Timestamps.parseDateTime(b, off + 1, end, false);
      }
      return t;
    }
  }

  /** A leading epoch number, in milliseconds or (possibly fractional) seconds. */
  private static final class Epoch extends TimestampExtractor {
    private final long unitMillis;

    Epoch(long unitMillis) {
      this.unitMillis = unitMillis;
    }

    @Override
    long extract(byte[] b, int off, int len, String line) {
      int end = off + len;
      long t = Timestamps.parseEpoch(b, off, end, unitMillis);
      if (t == Timestamps.NONE && len > 0 && b[off] == '[') {
        t = Timestamps.parseEpoch(b, off + 1, end, unitMillis);
      }
      return t;
    }
  }

  /** Lines never carry a timestamp. */
  private static final class None extends TimestampExtractor {
    @Override
    long extract(byte[] b, int off, int len, String line) {
      return Timestamps.NONE;
    }

    @Override
    boolean looksForTimestamps() {
      return false;
    }
  }

  /** A {@link DateTimeFormatter} pattern, UTC unless it parses an offset or zone. */
  private static final class Formatted extends TimestampExtractor {
    private final DateTimeFormatter formatter;

    private Formatted(DateTimeFormatter formatter) {
      this.formatter = formatter;
    }

    static Formatted compile(String pattern) {
      DateTimeFormatter f;
      try {
        f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "timestampFormat '"
                + pattern
                + "': expected iso, python, epoch-ms, epoch-s, none or a java.time"
                + " DateTimeFormatter pattern ("
                + e.getMessage()
                + ")",
            e);
      }
      Formatted p = new Formatted(f);
      String sample;
      try {
        sample = f.format(ZonedDateTime.of(2026, 3, 2, 10, 5, 6, 123_000_000, ZoneOffset.UTC));
      } catch (DateTimeException e) {
        sample = "";
      }
      if (p.extract(new byte[0], 0, 0, sample) == Timestamps.NONE) {
        throw new IllegalArgumentException(
            "timestampFormat '"
                + pattern
                + "': the pattern must give a date (with the year) and a time of day,"
                + " e.g. yyyy-MM-dd HH:mm:ss,SSS");
      }
      return p;
    }

    @Override
    long extract(byte[] b, int off, int len, String line) {
      long t = parseAt(line, 0);
      if (t == Timestamps.NONE) {
        int bracket = line.indexOf('[');
        if (bracket >= 0 && bracket < BRACKET_SEARCH_CHARS) {
          t = parseAt(line, bracket + 1);
        }
      }
      return t;
    }

    private long parseAt(String line, int start) {
      ParsePosition pos = new ParsePosition(start);
      try {
        if (formatter.parseUnresolved(line, pos) == null || pos.getErrorIndex() >= 0) {
          return Timestamps.NONE;
        }
        TemporalAccessor parsed = formatter.parse(line.subSequence(start, pos.getIndex()));
        return Instant.from(parsed).toEpochMilli();
      } catch (RuntimeException e) {
        // DateTimeException, ArithmeticException, and the JDK's own parser bugs: the localized
        // offset parser ('O') throws StringIndexOutOfBoundsException on a line ending in "GMT+"
        return Timestamps.NONE;
      }
    }
  }
}
