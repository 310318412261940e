package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init} never suggests a {@code timestampFormat} next to patterns that cannot match lines
 * that start with such a time: every format the generated file names as a value is tried with
 * every generated pattern on the line that pattern is written for, prefixed with that time.
 */
class InitTimestampTest {
  /** The line each generated alarm is written for (the template's own examples). */
  private static final Map<String, String> LINES = new LinkedHashMap<>();

  static {
    LINES.put("auth-failures", "ERROR:teams_mcp.auth:OBO token exchange failed: AADSTS50013");
    LINES.put("errors", "ERROR:    Exception in ASGI application");
    LINES.put("http-4xx",
        "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity");
    LINES.put("http-5xx",
        "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 500 Internal Server Error");
  }

  /** How each timestamp format writes 2026-03-02T10:05:00.123Z at the start of a line. */
  private static final Map<String, String> PREFIX =
      Map.of(
          "iso", "2026-03-02T10:05:00.123Z ",
          "python", "2026-03-02 10:05:00,123 ",
          "epoch-ms", "1772445900123 ",
          "epoch-s", "1772445900 ");

  @TempDir Path dir;

  @Test
  void init_suggestsNoTimestampFormatItsPatternsCannotMatch() throws IOException {
    Path file = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", file.toString()).exit()).isZero();
    String text = Files.readString(file, StandardCharsets.UTF_8);

    Map<String, String> patterns = new LinkedHashMap<>();
    Matcher alarm = Pattern.compile("(?m)^  ([a-z0-9-]+):\\n(?:    .*\\n)*?    pattern: '(.*)'$")
        .matcher(text);
    while (alarm.find()) {
      patterns.put(alarm.group(1), alarm.group(2).replace("''", "'"));
    }
    assertThat(patterns).containsOnlyKeys(LINES.keySet());
    Set<String> suggested = new LinkedHashSet<>();
    Matcher ts = Pattern.compile("timestampFormat:\\s*([a-z][a-z-]*)").matcher(text);
    while (ts.find()) {
      suggested.add(ts.group(1));
    }
    assertThat(suggested).as("a format this test cannot write").isSubsetOf(PREFIX.keySet());

    for (Map.Entry<String, String> p : patterns.entrySet()) {
      String line = LINES.get(p.getKey());
      assertThat(matches(p.getValue(), line)).as(p.getKey() + " on " + line).isTrue();
      for (String format : suggested) {
        assertThat(matches(p.getValue(), PREFIX.get(format) + line))
            .as("init suggests timestampFormat: " + format + ", but " + p.getKey()
                + "'s pattern " + p.getValue() + " does not match such a line")
            .isTrue();
      }
    }
  }

  private boolean matches(String pattern, String line) throws IOException {
    Path events = Files.createTempFile(dir, "line", ".log");
    Files.writeString(events, line + "\n", StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("test-pattern", pattern, events.toString());
    assertThat(r.exit()).as(r.err()).isIn(0, 1);
    return r.out().contains("1 of 1 events matched");
  }
}
