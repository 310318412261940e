package io.mcpwatch.pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the conformance tables under {@code src/test/resources/conformance} (format: the README
 * there). Rows are tab-separated: pattern, log_event, expected, extracted, source.
 */
final class ConformanceTable {
  private ConformanceTable() {}

  /** One row; {@code line} is the 1-based line in the file, for the test name. */
  record Row(
      String file,
      int line,
      String pattern,
      String event,
      Expected expected,
      @Nullable String awsMessage,
      PatternOptions options,
      boolean completeExtraction,
      Map<String, String> extracted,
      String source) {

    String name() {
      return file + ":" + line + " " + pattern + " | " + event + " -> " + expected;
    }
  }

  enum Expected {
    MATCH,
    NOMATCH,
    INVALID
  }

  /** The rows of a table on the test class path, or none when the file does not exist. */
  static List<Row> read(String resource) {
    InputStream in = ConformanceTable.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      return List.of();
    }
    List<Row> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8))) {
      String header = reader.readLine();
      if (header == null || !header.startsWith("pattern\tlog_event\texpected")) {
        throw new IllegalStateException(resource + ": missing header row");
      }
      int lineNo = 1;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        rows.add(parse(resource, lineNo, line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Row parse(String file, int lineNo, String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 5) {
      throw new IllegalStateException(
          file + ":" + lineNo + ": expected 5 tab-separated columns, found " + f.length);
    }
    String expectedText = f[2];
    PatternOptions options = PatternOptions.defaults();
    int at = expectedText.indexOf('@');
    if (at >= 0) {
      for (String option : expectedText.substring(at + 1).split(",")) {
        options =
            new PatternOptions(PatternOptions.DelimitedFieldCount.valueOf(option.trim()));
      }
      expectedText = expectedText.substring(0, at);
    }
    String awsMessage = null;
    Expected expected;
    if (expectedText.startsWith("invalid")) {
      expected = Expected.INVALID;
      if (expectedText.startsWith("invalid:")) {
        awsMessage = expectedText.substring("invalid:".length());
      }
    } else {
      expected = Expected.valueOf(expectedText.toUpperCase(java.util.Locale.ROOT));
    }
    String extractedText = unescape(f[3]);
    boolean complete = extractedText.startsWith("=");
    if (complete) {
      extractedText = extractedText.substring(1);
    }
    Map<String, String> extracted = new LinkedHashMap<>();
    if (!extractedText.equals("-")) {
      for (String pair : extractedText.split("; ", -1)) {
        int eq = pair.indexOf('=');
        if (!pair.startsWith("$") || eq < 0) {
          throw new IllegalStateException(file + ":" + lineNo + ": bad extracted pair " + pair);
        }
        extracted.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new Row(
        file,
        lineNo,
        unescape(f[0]),
        unescape(f[1]),
        expected,
        awsMessage,
        options,
        complete,
        extracted,
        f[4]);
  }

  /** {@code \t \n \r} are control characters, {@code \\} one backslash; other '\' are literal. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(i + 1);
        String r = d == 't' ? "\t" : d == 'n' ? "\n" : d == 'r' ? "\r" : d == '\\' ? "\\" : null;
        if (r != null) {
          sb.append(r);
          i++;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
