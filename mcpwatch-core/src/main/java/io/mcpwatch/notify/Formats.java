package io.mcpwatch.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Timestamp spellings and the shared JSON mapper. */
final class Formats {
  /** CloudWatch: {@code 2022-09-25T18:50:37.811+0000}. */
  private static final DateTimeFormatter CLOUDWATCH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** SNS envelope: {@code 2012-05-02T00:54:06.655Z}. */
  private static final DateTimeFormatter SNS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** CloudWatch e-mail: {@code Tuesday 01 April, 2025 19:30:51 UTC} (the day zero-padded). */
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("EEEE dd MMMM, yyyy HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** Log lines in e-mails: {@code 2026-04-27 10:14:58.120 UTC}. */
  private static final DateTimeFormatter LOG =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private Formats() {}

  static String cloudWatch(Instant t) {
    return CLOUDWATCH.format(t);
  }

  static String sns(Instant t) {
    return SNS.format(t);
  }

  static String human(Instant t) {
    return HUMAN.format(t);
  }

  static String log(Instant t) {
    return LOG.format(t);
  }

  /** A JSON string literal, quotes included. */
  static String quote(String s) {
    return JSON.writeValueAsString(s);
  }
}
