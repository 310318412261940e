package io.mcpwatch.source.read;

import static io.mcpwatch.source.read.JsonScanner.ABSENT;
import static io.mcpwatch.source.read.JsonScanner.ESCAPED_STRING;
import static io.mcpwatch.source.read.JsonScanner.OTHER;
import static io.mcpwatch.source.read.JsonScanner.STRING;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.pattern.LiteralPrefilter;
import io.mcpwatch.pattern.Swar;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;

/**
 * JSON lines: {@code {"timestamp": <epoch ms>, "message": "...", "logGroup": "..."}}, keys in any
 * order, other keys ignored. The common case (integer timestamp, string message, valid escapes) is
 * decoded straight from the bytes; anything else goes through {@link JacksonObject}, which also
 * accepts a fractional or ISO-8601 string timestamp and a non-string message (kept as its JSON
 * text).
 *
 * <p>The fastest path is for lines written exactly as {@code {"timestamp":N,"message":"...",
 * "logGroup":"G"}} (no spaces; what CorpusGenerator and most exporters write) with a group seen
 * before, or as Python's {@code json.dumps} writes them ({@code {"timestamp": N, "message": "...",
 * "logGroup": "G"}}, one space after each {@code ,} and {@code :}), with or without the {@code
 * logGroup} key: it checks the fixed key bytes a word at a time and finds the group by its cached
 * name instead of scanning it. It accepts only what {@link JsonScanner} reads the same way;
 * anything else takes the general scan. The message of a group that is not wanted ({@link
 * ReadOptions#wantedLogGroups()}), or one its group's prefilter rejects ({@link
 * ReadOptions#prefilters()}, tested on the unescaped bytes), is checked (escapes, size) but not
 * decoded into a String: such events carry an empty message.
 */
final class JsonLinesDecoder extends BaseLineDecoder {
  private static final int TS = 0;
  private static final int MSG = 1;
  private static final int GROUP = 2;
  private static final int GROUP_NAME = 3;
  private static final String[] KEYS = {"timestamp", "message", "logGroup", "logGroupName"};

  /** {@code {"timestamp":} (13 bytes) as the words at offsets 0 and 5. */
  private static final long TS_KEY_0 = keyWord("{\"timestamp\":", 0);

  private static final long TS_KEY_5 = keyWord("{\"timestamp\":", 5);

  /** {@code ,"message":"} (12 bytes) as the words at offsets 0 and 4. */
  private static final long MSG_KEY_0 = keyWord(",\"message\":\"", 0);

  private static final long MSG_KEY_4 = keyWord(",\"message\":\"", 4);

  /** {@code ","logGroup":"} (14 bytes) as the words at offsets 0 and 6. */
  private static final long GROUP_KEY_0 = keyWord("\",\"logGroup\":\"", 0);

  private static final long GROUP_KEY_6 = keyWord("\",\"logGroup\":\"", 6);

  // the same keys as Python's json.dumps writes them: {"timestamp": (14 bytes, words at 0, 6),
  // , "message": " (14 bytes, words at 0, 6), ", "logGroup": " (16 bytes, words at 0, 8)
  private static final long TS_SPACED_6 = keyWord("{\"timestamp\": ", 6);
  private static final long MSG_SPACED_0 = keyWord(", \"message\": \"", 0);
  private static final long MSG_SPACED_6 = keyWord(", \"message\": \"", 6);
  private static final long GROUP_SPACED_0 = keyWord("\", \"logGroup\": \"", 0);
  private static final long GROUP_SPACED_8 = keyWord("\", \"logGroup\": \"", 8);

  private final JsonScanner scanner = new JsonScanner(KEYS);
  private final JacksonObject slow = new JacksonObject(KEYS);
  private final LogGroupCache groups;
  private byte[] scratch = new byte[4096];

  // The spans found by commonLayout or the general scan, for eventFromSpans.
  private long spanTime;
  private String spanGroup = "";
  private int msgStart;
  private int msgEnd;
  private boolean msgEscaped;
  private boolean msgSimple; // its escapes are all \" \\ \n \t \r \b \f (JsonStrings.closingQuote)

  JsonLinesDecoder(ReadOptions options) {
    super(options, ReadOptions.ENVELOPE_SLACK_BYTES);
    this.groups = new LogGroupCache(options::wants, options::prefilter);
  }

  @Override
  public InputFormat format() {
    return InputFormat.JSON_LINES;
  }

  @Override
  public @Nullable LogEvent decode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    if (len > maxLineBytes()) {
      return none(Outcome.OVERSIZED);
    }
    if (commonLayout(b, off, off + len, logGroup)) {
      return eventFromSpans(b, off, len, fallbackTimeMillis, logGroup);
    }
    if (scanner.scan(b, off, off + len)) {
      byte mk = scanner.kind[MSG];
      byte tk = scanner.kind[TS];
      if ((mk == STRING || mk == ESCAPED_STRING) && tk != ESCAPED_STRING && tk != OTHER) {
        long ts;
        if (tk == ABSENT) {
          if (fallbackTimeMillis == NO_FALLBACK) {
            return malformed(MISSING_TIMESTAMP);
          }
          ts = fallbackTimeMillis;
        } else {
          ts = fastTimestamp(b, scanner.start[TS], scanner.end[TS], tk == STRING);
        }
        String group = fastGroup(b, logGroup);
        if (ts != Timestamps.NONE && group != null) {
          spanTime = ts;
          spanGroup = group;
          msgStart = scanner.start[MSG];
          msgEnd = scanner.end[MSG];
          msgEscaped = mk == ESCAPED_STRING;
          msgSimple = false; // not known: the unescaping path
          return eventFromSpans(b, off, len, fallbackTimeMillis, logGroup);
        }
      }
    } else if (isBlank(b, off, len)) {
      return none(Outcome.SKIPPED);
    }
    return slowDecode(b, off, len, fallbackTimeMillis, logGroup);
  }

  /**
   * Whether {@code b[from..to)} is {@code {"timestamp":DIGITS,"message":"...","logGroup":"G"}}
   * plus trailing whitespace, with G a cached group name, or the same without the {@code logGroup}
   * key (then the group is {@code logGroup}), each key written compactly or with one space after
   * its {@code ,} and {@code :}; if so, sets the spans. The general scan reads such a line the same
   * way: the cached names hold no quote or backslash, so G's closing quote is the one before the
   * final brace.
   */
  private boolean commonLayout(byte[] b, int from, int to, String logGroup) {
    if (to - from < 13 + 1 + 12 + 2 || Swar.word(b, from) != TS_KEY_0) {
      return false;
    }
    int ds;
    if (Swar.word(b, from + 5) == TS_KEY_5) {
      ds = from + 13;
    } else if (Swar.word(b, from + 6) == TS_SPACED_6) {
      ds = from + 14;
    } else {
      return false;
    }
    int de = ds;
    while (de < to && Timestamps.isDigit(b[de])) {
      de++;
    }
    int ms;
    if (de + 12 <= to && Swar.word(b, de) == MSG_KEY_0 && Swar.word(b, de + 4) == MSG_KEY_4) {
      ms = de + 12;
    } else if (de + 14 <= to && Swar.word(b, de) == MSG_SPACED_0
        && Swar.word(b, de + 6) == MSG_SPACED_6) {
      ms = de + 14;
    } else {
      return false;
    }
    long ts = parseLong(b, ds, de);
    if (ts == Timestamps.NONE) {
      return false;
    }
    long q = JsonStrings.closingQuote(b, ms, to);
    if (q < 0) {
      return false;
    }
    int me = (int) (q >> 2);
    boolean escaped = (q & JsonStrings.ESCAPED) != 0;
    int e = to;
    while (e > me && JsonScanner.isWs(b[e - 1])) {
      e--;
    }
    String group;
    if (e - me == 2 && b[me + 1] == '}') { // b[me] is the closing quote: no logGroup key
      group = logGroup;
    } else {
      int gs;
      if (me + 14 <= to && Swar.word(b, me) == GROUP_KEY_0 && Swar.word(b, me + 6) == GROUP_KEY_6) {
        gs = me + 14;
      } else if (me + 16 <= to && Swar.word(b, me) == GROUP_SPACED_0
          && Swar.word(b, me + 8) == GROUP_SPACED_8) {
        gs = me + 16;
      } else {
        return false;
      }
      if (e - gs < 3 || b[e - 1] != '}' || b[e - 2] != '"') {
        return false;
      }
      group = groups.find(b, gs, e - 2);
      if (group == null) {
        return false;
      }
    }
    spanTime = ts;
    spanGroup = group;
    msgStart = ms;
    msgEnd = me;
    msgEscaped = escaped;
    msgSimple = (q & JsonStrings.NOT_SIMPLE) == 0;
    return true;
  }

  /** The event of the spans set by {@link #commonLayout} or the general scan. */
  private @Nullable LogEvent eventFromSpans(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    int ms = msgStart;
    int me = msgEnd;
    boolean wanted = groups.wanted(spanGroup);
    LiteralPrefilter prefilter = wanted ? groups.prefilter(spanGroup) : null;
    if (!msgEscaped) {
      if (me - ms > maxEventBytes) {
        return none(Outcome.OVERSIZED);
      }
      boolean decode = wanted && (prefilter == null || prefilter.mayMatch(b, ms, me));
      String message = decode ? new String(b, ms, me - ms, StandardCharsets.UTF_8) : "";
      return event(new LogEvent(spanGroup, spanTime, message));
    }
    if (!wanted && me - ms <= maxEventBytes) { // unescaping never grows: it fits
      if (JsonStrings.validEscapes(b, ms, me)) {
        return event(new LogEvent(spanGroup, spanTime, ""));
      }
      return slowDecode(b, off, len, fallbackTimeMillis, logGroup);
    }
    if (msgSimple && prefilter != null && me - ms <= maxEventBytes) {
      // valid escapes, and the message fits; no pattern can match what its escaped form rejects
      LiteralPrefilter inJson = prefilter.inJsonStrings();
      if (inJson != null && !inJson.mayMatch(b, ms, me)) {
        return event(new LogEvent(spanGroup, spanTime, ""));
      }
    }
    byte[] out = scratch(me - ms);
    int n = JsonStrings.unescape(b, ms, me, out);
    if (n < 0) {
      return slowDecode(b, off, len, fallbackTimeMillis, logGroup);
    }
    if (n > maxEventBytes) {
      return none(Outcome.OVERSIZED);
    }
    boolean decode = wanted && (prefilter == null || prefilter.mayMatch(out, 0, n));
    String message = decode ? new String(out, 0, n, StandardCharsets.UTF_8) : "";
    return event(new LogEvent(spanGroup, spanTime, message));
  }

  private static long keyWord(String key, int at) {
    return Swar.word(key.getBytes(StandardCharsets.US_ASCII), at);
  }

  private static final String MISSING_TIMESTAMP =
      "expected a \"timestamp\" key (epoch milliseconds)";

  /** The group named by the line, the caller's, or null when the fast path cannot tell. */
  private @Nullable String fastGroup(byte[] b, String logGroup) {
    int slot = scanner.kind[GROUP] != ABSENT ? GROUP : GROUP_NAME;
    byte k = scanner.kind[slot];
    int s = scanner.start[slot];
    int e = scanner.end[slot];
    if (k == STRING) {
      return s == e ? logGroup : groups.get(b, s, e);
    }
    if (k == ESCAPED_STRING) {
      return null;
    }
    return logGroup; // absent, or not a string: ignored
  }

  private @Nullable LogEvent slowDecode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    String problem = slow.read(new String(b, off, len, StandardCharsets.UTF_8));
    if (problem != null) {
      return malformed(problem);
    }
    long ts;
    JsonToken tt = slow.types[TS];
    if (tt == null) {
      if (fallbackTimeMillis == NO_FALLBACK) {
        return malformed(MISSING_TIMESTAMP);
      }
      ts = fallbackTimeMillis;
    } else {
      ts = timestampOf(tt, slow.values[TS]);
      if (ts == Timestamps.NONE) {
        return malformed(
            "expected \"timestamp\" to be epoch milliseconds or an ISO-8601 time, got "
                + abbreviate(slow.values[TS]));
      }
    }
    JsonToken mt = slow.types[MSG];
    String msg = slow.values[MSG];
    if (mt == null || msg == null) {
      return malformed("expected a \"message\" key");
    }
    if (mt == JsonToken.VALUE_NULL) {
      return malformed("expected \"message\" to be a string, got null");
    }
    if (utf8Length(msg, maxEventBytes) > maxEventBytes) {
      return none(Outcome.OVERSIZED);
    }
    String group = stringValue(GROUP);
    if (group == null) {
      group = stringValue(GROUP_NAME);
    }
    return event(new LogEvent(group == null ? logGroup : group, ts, msg));
  }

  private @Nullable String stringValue(int slot) {
    String v = slow.values[slot];
    return slow.types[slot] == JsonToken.VALUE_STRING && v != null && !v.isEmpty() ? v : null;
  }

  /** Epoch ms from a number or string token; NONE if it is not a usable time. */
  static long timestampOf(JsonToken type, @Nullable String text) {
    if (text == null) {
      return Timestamps.NONE;
    }
    if (type == JsonToken.VALUE_NUMBER_INT || type == JsonToken.VALUE_NUMBER_FLOAT) {
      try {
        double d = Double.parseDouble(text);
        if (type == JsonToken.VALUE_NUMBER_INT && text.length() <= 18) {
          return Long.parseLong(text);
        }
        return Double.isFinite(d) && Math.abs(d) < 1e17 ? (long) Math.floor(d) : Timestamps.NONE;
      } catch (NumberFormatException e) {
        return Timestamps.NONE;
      }
    }
    if (type == JsonToken.VALUE_STRING) {
      byte[] t = text.trim().getBytes(StandardCharsets.UTF_8);
      long v = parseLong(t, 0, t.length);
      return v != Timestamps.NONE ? v : Timestamps.parseDateTime(t, 0, t.length, true);
    }
    return Timestamps.NONE;
  }

  /**
   * The common timestamp spellings without Jackson: an integer, a decimal ({@code
   * 1772445900123.456}, floored) or, inside a string, an integer or an ISO-8601 time. NONE for
   * anything else (exponents, ...), which the slow path then handles.
   */
  static long fastTimestamp(byte[] b, int from, int to, boolean quoted) {
    long v = parseLong(b, from, to);
    if (v != Timestamps.NONE) {
      return v;
    }
    if (quoted) {
      return Timestamps.parseDateTime(b, from, to, true);
    }
    int dot = from;
    while (dot < to && b[dot] != '.') {
      dot++;
    }
    if (dot == to || dot + 1 == to) {
      return Timestamps.NONE;
    }
    for (int i = dot + 1; i < to; i++) {
      if (!Timestamps.isDigit(b[i])) {
        return Timestamps.NONE;
      }
    }
    v = parseLong(b, from, dot);
    boolean fraction = false;
    for (int i = dot + 1; i < to; i++) {
      fraction |= b[i] != '0';
    }
    boolean negative = b[from] == '-';
    return v != Timestamps.NONE && negative && fraction ? v - 1 : v; // floor: -1.5 ms is -2 ms
  }

  /** An integer of 1..18 digits with an optional minus spanning exactly [from, to), or NONE. */
  static long parseLong(byte[] b, int from, int to) {
    int i = from;
    boolean negative = i < to && b[i] == '-';
    if (negative) {
      i++;
    }
    int n = to - i;
    if (n < 1 || n > 18) {
      return Timestamps.NONE;
    }
    int scalarEnd = n >= 8 ? to - 8 : to;
    long v = 0;
    for (; i < scalarEnd; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Timestamps.NONE;
      }
      v = v * 10 + d;
    }
    if (n >= 8) {
      long last8 = Swar.parseEightDigits(b, scalarEnd);
      if (last8 < 0) {
        return Timestamps.NONE;
      }
      v = v * 100_000_000L + last8;
    }
    return negative ? -v : v;
  }

  /** The UTF-8 length of s, computed only as far as needed to tell whether it exceeds limit. */
  static long utf8Length(String s, long limit) {
    if ((long) s.length() * 3 <= limit) {
      return s.length(); // cannot exceed the limit
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static String abbreviate(@Nullable String s) {
    if (s == null) {
      return "nothing";
    }
    String one = JacksonObject.oneLine(s);
    return one.length() > 40 ? one.substring(0, 40) + "..." : one;
  }

  private byte[] scratch(int size) {
    if (scratch.length < size) {
      scratch = new byte[Math.max(size, scratch.length * 2)];
    }
    return scratch;
  }
}
