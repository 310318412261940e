package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.JacksonIOException;

/**
 * Streams what {@code aws logs filter-log-events} / {@code get-log-events} print: one or more
 * documents {@code {"events":[{"timestamp":..,"message":"..",...}], ...}} in a row, or a bare array
 * of event objects (what {@code --query events} prints). Other keys are skipped without being
 * built. A bad event object is counted and skipped; a JSON syntax error ends the input (there is no
 * safe place to resume), after recording where it was. Invalid UTF-8 becomes U+FFFD.
 */
final class CloudWatchJsonReader implements EventReader {
  private enum Where {
    TOP,
    ROOT_OBJECT,
    EVENTS_IN_OBJECT,
    EVENTS_AT_TOP,
    RESULTS_IN_OBJECT,
    DONE
  }

  private final String name;
  private final String defaultGroup;
  private final long maxEventBytes;
  private final StatsCounter stats;
  private final Reader reader;
  private final JsonParser parser;
  private Where where = Where.TOP;

  CloudWatchJsonReader(InputStream in, String name, ReadOptions options, StatsCounter stats) {
    this.name = name;
    this.defaultGroup = options.logGroupOrEmpty();
    this.maxEventBytes = options.maxEventBytes();
    this.stats = stats;
    this.reader = new InputStreamReader(in, StandardCharsets.UTF_8); // replaces bad bytes
    this.parser = JacksonObject.FACTORY.createParser(ObjectReadContext.empty(), reader);
  }

  @Override
  public @Nullable LogEvent next() throws IOException {
    try {
      while (true) {
        switch (where) {
          case DONE:
            return null;
          case TOP:
            JsonToken t = parser.nextToken();
            if (t == null) {
              where = Where.DONE;
            } else if (t == JsonToken.START_OBJECT) {
              where = Where.ROOT_OBJECT;
            } else if (t == JsonToken.START_ARRAY) {
              where = Where.EVENTS_AT_TOP;
            } else {
              stop("expected an object with \"events\" or \"results\", or an array of events");
            }
            break;
          case ROOT_OBJECT:
            if (parser.nextToken() != JsonToken.PROPERTY_NAME) {
              where = Where.TOP; // END_OBJECT
              break;
            }
            String key = parser.currentName();
            JsonToken v = parser.nextToken();
            if ("events".equals(key) && v == JsonToken.START_ARRAY) {
              where = Where.EVENTS_IN_OBJECT;
            } else if ("results".equals(key) && v == JsonToken.START_ARRAY) {
              where = Where.RESULTS_IN_OBJECT;
            } else {
              parser.skipChildren();
            }
            break;
          case RESULTS_IN_OBJECT:
            JsonToken row = parser.nextToken();
            if (row == JsonToken.END_ARRAY) {
              where = Where.ROOT_OBJECT;
            } else if (row == JsonToken.START_ARRAY) {
              LogEvent e = readResultRow();
              if (e != null) {
                stats.events++;
                return e;
              }
            } else {
              badEvent(
                  parser.currentTokenLocation().getLineNr(),
                  "expected a result row (an array of {\"field\", \"value\"} objects)");
              parser.skipChildren();
            }
            break;
          default: // in an events array
            JsonToken item = parser.nextToken();
            if (item == JsonToken.END_ARRAY) {
              where = where == Where.EVENTS_IN_OBJECT ? Where.ROOT_OBJECT : Where.TOP;
            } else if (item == JsonToken.START_OBJECT) {
              LogEvent e = readEvent();
              if (e != null) {
                stats.events++;
                return e;
              }
            } else {
              badEvent(parser.currentTokenLocation().getLineNr(), "expected an event object");
              parser.skipChildren();
            }
            break;
        }
      }
    } catch (JacksonIOException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      stats.malformed++;
      stats.error(name + ":" + line + ": " + JacksonObject.describe(e) + "; reading stopped");
      where = Where.DONE;
      return null;
    }
  }

  /** Reads the event object whose START_OBJECT is current; null if it is bad (counted). */
  private @Nullable LogEvent readEvent() {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken tsType = null;
    String tsText = null;
    JsonToken msgType = null;
    String message = null;
    String group = null;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      JsonToken v = parser.nextToken();
      if ("timestamp".equals(key) && v.isScalarValue()) {
        tsType = v;
        tsText = parser.getText();
      } else if ("message".equals(key)) {
        msgType = v;
        message = v == JsonToken.VALUE_STRING ? parser.getString() : null;
        parser.skipChildren();
      } else if (("logGroupName".equals(key) || "logGroup".equals(key))
          && v == JsonToken.VALUE_STRING) {
        group = parser.getString();
      } else {
        parser.skipChildren();
      }
    }
    long ts = tsType == null ? Timestamps.NONE : JsonLinesDecoder.timestampOf(tsType, tsText);
    if (ts == Timestamps.NONE) {
      return badEvent(line, "expected \"timestamp\" (epoch milliseconds) in the event");
    }
    if (message == null) {
      return badEvent(
          line,
          msgType == null
              ? "expected \"message\" in the event"
              : "expected \"message\" to be a string");
    }
    if (JsonLinesDecoder.utf8Length(message, maxEventBytes) > maxEventBytes) {
      stats.oversized++;
      stats.error(name + ":" + line + ": event longer than " + maxEventBytes + " bytes, skipped");
      return null;
    }
    return new LogEvent(group == null || group.isEmpty() ? defaultGroup : group, ts, message);
  }

  /**
   * Reads a {@code get-query-results} row whose START_ARRAY is current: {@code @timestamp} (UTC,
   * {@code 2024-01-01 00:01:00.500}), {@code @message} and maybe {@code @log} ({@code
   * account:group}); null if it is bad (counted).
   */
  private @Nullable LogEvent readResultRow() {
    int line = parser.currentTokenLocation().getLineNr();
    String time = null;
    String message = null;
    String log = null;
    JsonToken t;
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        parser.skipChildren();
        continue;
      }
      String field = null;
      String value = null;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String key = parser.currentName();
        JsonToken v = parser.nextToken();
        if ("field".equals(key) && v == JsonToken.VALUE_STRING) {
          field = parser.getString();
        } else if ("value".equals(key) && v == JsonToken.VALUE_STRING) {
          value = parser.getString();
        } else {
          parser.skipChildren();
        }
      }
      if ("@timestamp".equals(field)) {
        time = value;
      } else if ("@message".equals(field)) {
        message = value;
      } else if ("@log".equals(field)) {
        log = value;
      }
    }
    long ts = time == null ? Timestamps.NONE : InsightsCsvReader.parseTime(time);
    if (ts == Timestamps.NONE) {
      return badEvent(line, "expected a @timestamp field like 2026-03-02 10:05:00.000 in the row");
    }
    if (message == null) {
      return badEvent(line, "expected a @message field in the row");
    }
    if (JsonLinesDecoder.utf8Length(message, maxEventBytes) > maxEventBytes) {
      stats.oversized++;
      stats.error(name + ":" + line + ": event longer than " + maxEventBytes + " bytes, skipped");
      return null;
    }
    String group = InsightsCsvReader.groupOf(log);
    return new LogEvent(group == null ? defaultGroup : group, ts, message);
  }

  private @Nullable LogEvent badEvent(int line, String what) {
    stats.malformed++;
    stats.error(name + ":" + line + ": " + what);
    return null;
  }

  private void stop(String what) {
    stats.malformed++;
    stats.error(
        name + ":" + parser.currentTokenLocation().getLineNr() + ": " + what + "; reading stopped");
    where = Where.DONE;
  }

  @Override
  public ReaderStats stats() {
    return stats.snapshot();
  }

  @Override
  public void close() throws IOException {
    try {
      parser.close();
    } finally {
      reader.close();
    }
  }
}
