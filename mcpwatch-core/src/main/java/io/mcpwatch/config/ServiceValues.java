package io.mcpwatch.config;

import io.mcpwatch.notify.Protocol;
import java.text.ParsePosition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Conversions for the live-service sections: one of a few words, durations, e-mail addresses, host
 * names and ports. Like {@link Values}, each reports a mistake at the node and returns null.
 */
final class ServiceValues {
  private ServiceValues() {}

  static final List<String> TIMESTAMP_NAMES =
      List.of("none", "iso", "python", "epoch-ms", "epoch-s");

  /** One of {@code options}, exactly (lower-case words); a near miss gets a did-you-mean. */
  static @Nullable Located<String> choice(
      ConfigNode node, String path, BindContext ctx, List<String> options) {
    Located<String> s = Values.string(node, path, ctx);
    if (s == null) {
      return null;
    }
    if (options.contains(s.value())) {
      return s;
    }
    ctx.error(
        path,
        node,
        "expected one of "
            + String.join(", ", options)
            + "; found "
            + node.describe()
            + Suggest.didYouMean(s.value(), options));
    return null;
  }

  /**
   * A positive duration of at least {@code min}: {@code 90s}, {@code 30m}, {@code 48h}, {@code
   * 14d}, or ISO-8601 ({@code PT48H}, {@code P14D}).
   */
  static @Nullable Located<Duration> duration(
      ConfigNode node, String path, BindContext ctx, Duration min) {
    Located<String> s = Values.string(node, path, ctx);
    if (s == null) {
      return null;
    }
    Duration d = parseDuration(s.value());
    if (d == null) {
      ctx.error(
          path,
          node,
          "expected a duration such as 90s, 30m, 48h, 14d or PT48H; found " + node.describe());
      return null;
    }
    if (d.compareTo(min) < 0) {
      ctx.error(path, node, "must be at least " + format(min) + ", found " + node.describe());
      return null;
    }
    return s.with(d);
  }

  /** {@code 90s}, {@code 30m}, {@code 48h}, {@code 14d} or ISO-8601; null when unreadable. */
  static @Nullable Duration parseDuration(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    char first = Character.toUpperCase(t.charAt(0));
    if (first == 'P' || ((t.charAt(0) == '-' || t.charAt(0) == '+') && t.length() > 1)) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    char unit = t.charAt(t.length() - 1);
    String digits = t.substring(0, t.length() - 1);
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long n = Long.parseLong(digits);
    switch (unit) {
      case 's':
        return Duration.ofSeconds(n);
      case 'm':
        return Duration.ofMinutes(n);
      case 'h':
        return Duration.ofHours(n);
      case 'd':
        return Duration.ofDays(n);
      default:
        return null;
    }
  }

  /** {@code 14d}, {@code 48h}, {@code 30m} or {@code 90s}, whichever is exact. */
  static String format(Duration d) {
    long s = d.getSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /**
   * An e-mail address as the notify module accepts it (plain ASCII {@code local@domain}); the
   * message is the notify module's own.
   */
  static @Nullable Located<String> email(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = Values.nonEmpty(node, path, ctx);
    if (s == null) {
      return null;
    }
    String problem = Endpoints.check(Protocol.EMAIL, s.value());
    if (problem != null) {
      ctx.error(path, node, problem);
      return null;
    }
    return s.with(s.value().strip());
  }

  /** A host name or IP address: no spaces, slashes or control characters. */
  static @Nullable Located<String> host(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = Values.nonEmpty(node, path, ctx);
    if (s == null) {
      return null;
    }
    if (!isHost(s.value())) {
      ctx.error(
          path,
          node,
          "expected a host name or IP address such as 127.0.0.1 or smtp.example.com; found "
              + node.describe());
      return null;
    }
    return s;
  }

  static boolean isHost(String h) {
    if (h.isEmpty() || h.length() > 253) {
      return false;
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_'
              || c == ':'
              || c == '%';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code host} only accepts connections from this machine: {@code localhost}, an IPv4
   * address in 127.0.0.0/8, or {@code ::1}.
   */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    if (!h.startsWith("127.")) {
      return false;
    }
    int dots = 0;
    int digits = 0;
    int octet = 0;
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c == '.') {
        if (digits == 0) {
          return false;
        }
        dots++;
        digits = 0;
        octet = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        digits++;
        octet = octet * 10 + (c - '0');
        if (octet > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return dots == 3 && digits > 0;
  }

  /**
   * A name ({@code none}, {@code iso}, {@code python}, {@code epoch-ms}, {@code epoch-s}; any case)
   * or a DateTimeFormatter pattern that gives a date with the year and a time of day.
   */
  static @Nullable Located<String> timestampFormat(ConfigNode node, String path, BindContext ctx) {
    Located<String> s = Values.nonEmpty(node, path, ctx);
    if (s == null) {
      return null;
    }
    String name = s.value().trim().toLowerCase(Locale.ROOT);
    if (TIMESTAMP_NAMES.contains(name)) {
      return s.with(name);
    }
    String problem = patternProblem(s.value());
    if (problem != null) {
      ctx.add(s.error(problem + Suggest.didYouMean(name, TIMESTAMP_NAMES)));
      return null;
    }
    return s;
  }

  /** What is wrong with a timestamp pattern (the readers' rules and messages), or null. */
  static @Nullable String patternProblem(String pattern) {
    DateTimeFormatter f;
    try {
      f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      return "expected iso, python, epoch-ms, epoch-s, none or a java.time DateTimeFormatter"
          + " pattern ("
          + e.getMessage()
          + ")";
    } catch (RuntimeException e) { // JDK 17-25 throw ClassCastException for some pad patterns
      return "expected iso, python, epoch-ms, epoch-s, none or a java.time DateTimeFormatter"
          + " pattern (the pattern cannot be read)";
    }
    try {
      String sample = f.format(ZonedDateTime.of(2026, 3, 2, 10, 5, 6, 123_000_000, ZoneOffset.UTC));
      ParsePosition pos = new ParsePosition(0);
      if (f.parseUnresolved(sample, pos) != null && pos.getErrorIndex() < 0) {
        TemporalAccessor parsed = f.parse(sample.subSequence(0, pos.getIndex()));
        Instant.from(parsed);
        return null;
      }
    } catch (RuntimeException e) {
      // DateTimeException, ArithmeticException or a JDK parser bug (the localized offset 'O'
      // followed by '+' throws StringIndexOutOfBoundsException): the pattern cannot give an instant
    }
    return "the pattern must give a date (with the year) and a time of day, e.g. yyyy-MM-dd"
        + " HH:mm:ss,SSS";
  }
}
