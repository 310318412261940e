package io.mcpwatch.source.read;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.mcpwatch.engine.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Logs Insights console's CSV download ({@link InputFormat#INSIGHTS_CSV}), parsed by FastCSV
 * (RFC 4180: quoted fields may hold commas, doubled quotes and newlines). The header names the
 * columns; {@code @timestamp} and {@code @message} are required, {@code @log} ({@code
 * account:group}) gives the log group. A bad row is counted and skipped; a CSV syntax error ends the
 * input after recording where it was.
 */
final class InsightsCsvReader implements EventReader {
  private final String name;
  private final String defaultGroup;
  private final long maxEventBytes;
  private final StatsCounter stats;
  private final Reader reader;
  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> rows;
  private int timeColumn = -1;
  private int messageColumn = -1;
  private int logColumn = -1;
  private boolean done;

  InsightsCsvReader(InputStream in, String name, ReadOptions options, StatsCounter stats) {
    this.name = name;
    this.defaultGroup = options.logGroupOrEmpty();
    this.maxEventBytes = options.maxEventBytes();
    this.stats = stats;
    this.reader = new InputStreamReader(in, StandardCharsets.UTF_8); // replaces bad bytes
    this.csv =
        CsvReader.builder()
            .skipEmptyLines(true)
            .allowMissingFields(true)
            .allowExtraFields(true)
            .maxBufferSize(
                (int)
                    Math.min(
                        Integer.MAX_VALUE - 16,
                        Math.max(
                            1 << 16, maxEventBytes * 2 + ReadOptions.ENVELOPE_SLACK_BYTES)))
            .ofCsvRecord(reader);
    this.rows = csv.iterator();
  }

  @Override
  public @Nullable LogEvent next() throws IOException {
    try {
      while (!done) {
        if (!rows.hasNext()) {
          done = true;
          break;
        }
        CsvRecord row = rows.next();
        if (timeColumn < 0) {
          header(row);
          continue;
        }
        LogEvent e = event(row);
        if (e != null) {
          stats.events++;
          return e;
        }
      }
      return null;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      stats.malformed++;
      stats.error(name + ": " + describe(e) + "; reading stopped");
      done = true;
      return null;
    }
  }

  private static String describe(CsvParseException e) {
    Throwable c = e.getCause();
    String m = c != null && c.getMessage() != null ? c.getMessage() : e.getMessage();
    return "not valid CSV (" + m + ")";
  }

  private void header(CsvRecord row) {
    List<String> cols = row.getFields();
    for (int i = 0; i < cols.size(); i++) {
      String c = cols.get(i).strip();
      if (i == 0 && c.startsWith("\uFEFF")) {
        c = c.substring(1);
      }
      if (c.equals("@timestamp")) {
        timeColumn = i;
      } else if (c.equals("@message")) {
        messageColumn = i;
      } else if (c.equals("@log")) {
        logColumn = i;
      }
    }
    if (timeColumn < 0 || messageColumn < 0) {
      stats.malformed++;
      String got = String.join(",", cols);
      stats.error(
          name
              + ":"
              + row.getStartingLineNumber()
              + ": expected a header with @timestamp and @message (a Logs Insights CSV export),"
              + " got: "
              + (got.length() > 200 ? got.substring(0, 200) + "..." : got)
              + "; reading stopped");
      done = true;
      timeColumn = Integer.MAX_VALUE;
    }
  }

  private @Nullable LogEvent event(CsvRecord row) {
    long line = row.getStartingLineNumber();
    int n = row.getFieldCount();
    if (n == 1 && row.getField(0).isEmpty()) {
      stats.skipped++;
      return null;
    }
    long ts = timeColumn < n ? parseTime(row.getField(timeColumn)) : Timestamps.NONE;
    if (ts == Timestamps.NONE) {
      return bad(line, "expected a time like 2026-03-02 10:05:00.000 in @timestamp");
    }
    if (messageColumn >= n) {
      return bad(line, "expected a @message column (column " + (messageColumn + 1) + ")");
    }
    String message = row.getField(messageColumn);
    if (JsonLinesDecoder.utf8Length(message, maxEventBytes) > maxEventBytes) {
      stats.oversized++;
      stats.error(name + ":" + line + ": event longer than " + maxEventBytes + " bytes, skipped");
      return null;
    }
    String group = logColumn >= 0 && logColumn < n ? groupOf(row.getField(logColumn)) : null;
    return new LogEvent(group == null ? defaultGroup : group, ts, message);
  }

  private @Nullable LogEvent bad(long line, String what) {
    stats.malformed++;
    stats.error(name + ":" + line + ": " + what);
    return null;
  }

  /**
   * A Logs Insights time: {@code 2024-01-01 00:01:00.500} (UTC) or ISO-8601; {@link
   * Timestamps#NONE} if it is neither.
   */
  static long parseTime(String text) {
    byte[] b = text.strip().getBytes(StandardCharsets.UTF_8);
    return b.length > 64 ? Timestamps.NONE : Timestamps.parseDateTime(b, 0, b.length, true);
  }

  /** The log group of an {@code @log} value ({@code 123456789012:/group}); null if empty. */
  static @Nullable String groupOf(@Nullable String log) {
    if (log == null || log.isBlank()) {
      return null;
    }
    int colon = log.indexOf(':');
    boolean account = colon > 0;
    for (int i = 0; i < colon && account; i++) {
      account = Character.isDigit(log.charAt(i));
    }
    String g = account ? log.substring(colon + 1) : log;
    return g.isEmpty() ? null : g;
  }

  @Override
  public ReaderStats stats() {
    return stats.snapshot();
  }

  @Override
  public void close() throws IOException {
    try {
      csv.close();
    } finally {
      reader.close();
    }
  }
}
