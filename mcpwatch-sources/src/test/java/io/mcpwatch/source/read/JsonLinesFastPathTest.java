package io.mcpwatch.source.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.LiteralPrefilter;
import io.mcpwatch.source.read.LineDecoder.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The JSON-lines fast path for {@code {"timestamp":N,"message":"...","logGroup":"G"}} lines of a
 * cached group reads every line exactly as the general scan does, and unwanted groups keep
 * everything but their message.
 */
class JsonLinesFastPathTest {
  private static final List<String> GROUPS =
      List.of(
          "/ecs/aiconnectors-prod-aiconnectors/sharepoint-main-svc/sharepoint",
          "/ecs/aiconnectors-prod-aiconnectors/outlook-main-svc/outlook",
          "/ecs/aiconnectors-prod-aiconnectors/databricks-main-svc/databricks",
          "/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams",
          "/ecs/aiconnectors-dev-aiconnectors/sharepoint-main-svc/sharepoint",
          "/ecs/aiconnectors-dev-aiconnectors/outlook-main-svc/outlook",
          "/ecs/aiconnectors-dev-aiconnectors/databricks-main-svc/databricks",
          "/ecs/aiconnectors-dev-aiconnectors/teams-main-svc/teams",
          "g");

  /** Message content as it appears between the quotes: raw text, escapes, broken escapes. */
  private static Gen<String> contents() {
    Gen<String> pieces =
        lists()
            .of(
                Generate.pick(
                    List.of(
                        "a", " ", "INFO:", "\\\"", "\\\\", "\\n", "\\u0041", "\\ud83d\\ude00",
                        "\\ud83d", "\\u12", "\\x", "\\", "\"", "é", "\t", "}", ",\"a\":1", "\\/")))
            .ofSizeBetween(0, 12)
            .map(l -> String.join("", l));
    return pieces.mix(strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 60), 30);
  }

  private static String line(String ts, String content, String group, String tail) {
    return "{\"timestamp\":" + ts + ",\"message\":\"" + content + "\",\"logGroup\":\"" + group
        + "\"}" + tail;
  }

  /**
   * The line in one of the layouts the fast path takes: {@code styled} is a style digit, a colon
   * and the group. 0 compact, 1 as Python's json.dumps writes it (a space after each , and :),
   * 2 and 3 the same without the logGroup key, 4 spaced keys mixed with compact ones.
   */
  private static String styledLine(String ts, String content, String styled, String tail) {
    int style = styled.charAt(0) - '0';
    String group = styled.substring(2);
    switch (style) {
      case 1:
        return "{\"timestamp\": " + ts + ", \"message\": \"" + content + "\", \"logGroup\": \""
            + group + "\"}" + tail;
      case 2:
        return "{\"timestamp\":" + ts + ",\"message\":\"" + content + "\"}" + tail;
      case 3:
        return "{\"timestamp\": " + ts + ", \"message\": \"" + content + "\"}" + tail;
      case 4:
        return "{\"timestamp\": " + ts + ",\"message\":\"" + content + "\", \"logGroup\": \""
            + group + "\"}" + tail;
      default:
        return line(ts, content, group, tail);
    }
  }

  private static final List<String> STYLED =
      GROUPS.stream()
          .flatMap(g -> java.util.stream.IntStream.range(0, 5).mapToObj(i -> i + ":" + g))
          .toList();

  /** Common-layout lines, and lines one byte or a truncation away from it. */
  private static Gen<String> lines() {
    Gen<String> ts =
        longs()
            .between(0, 999_999_999_999_999_999L)
            .map((Long v) -> String.valueOf(v))
            .mix(Generate.pick(List.of("", "-5", "1.5", "1e3", "1234567890123456789", "\"7")), 20);
    Gen<String> tail = Generate.pick(List.of("", "", " ", "\r", " \t ", "x", ",", "}"));
    Gen<String> valid =
        ts.zip(contents(), Generate.pick(STYLED), tail, JsonLinesFastPathTest::styledLine);
    Gen<String> mutated =
        valid.zip(
            integers().between(0, 400),
            Generate.pick(List.of("\"", "\\", " ", "}", ",", ":", "x", "0", "", "\n")),
            (l, at, c) -> {
              int i = Math.min(at, l.length());
              return l.substring(0, i) + c + l.substring(Math.min(l.length(), i + 1));
            });
    Gen<String> truncated =
        valid.zip(integers().between(0, 400), (l, at) -> l.substring(0, Math.min(at, l.length())));
    return valid.mix(mutated, 40).mix(truncated, 15);
  }

  private static LineDecoder warm(ReadOptions options) {
    LineDecoder d = LineDecoder.forFormat(InputFormat.JSON_LINES, options);
    for (String g : GROUPS) {
      DecoderHarness.decode(d, line("1", "m", g, ""));
    }
    return d;
  }

  private record Result(LogEvent event, Outcome outcome, String problem) {}

  private static Result decode(LineDecoder d, String line) {
    LogEvent e = DecoderHarness.decode(d, line);
    return new Result(e, d.lastOutcome(), Objects.toString(d.lastProblem()));
  }

  @Test
  void decode_cachedGroupsDecodeLikeTheGeneralScan() {
    ReadOptions options = ReadOptions.defaults().withMaxEventBytes(40);
    LineDecoder warm = warm(options);
    qt().withExamples(5000)
        .forAll(lines())
        .checkAssert(
            l -> {
              LineDecoder cold = LineDecoder.forFormat(InputFormat.JSON_LINES, options);
              assertThat(decode(warm, l)).as(l).isEqualTo(decode(cold, l));
            });
  }

  @Test
  void decode_unwantedGroupsKeepEverythingButTheMessage() {
    ReadOptions all = ReadOptions.defaults().withMaxEventBytes(40);
    Set<String> prod = Set.of(GROUPS.get(0), GROUPS.get(1));
    LineDecoder wantsAll = warm(all);
    LineDecoder wantsProd = warm(all.withWantedLogGroups(prod));
    LineDecoder coldProd =
        LineDecoder.forFormat(InputFormat.JSON_LINES, all.withWantedLogGroups(prod));
    qt().withExamples(5000)
        .forAll(lines())
        .checkAssert(
            l -> {
              Result full = decode(wantsAll, l);
              for (Result some : List.of(decode(wantsProd, l), decode(coldProd, l))) {
                assertThat(some.outcome()).as(l).isEqualTo(full.outcome());
                assertThat(some.problem()).as(l).isEqualTo(full.problem());
                if (full.event() != null) {
                  LogEvent e = some.event();
                  assertThat(e.logGroup()).isEqualTo(full.event().logGroup());
                  assertThat(e.timestampMillis()).isEqualTo(full.event().timestampMillis());
                  if (prod.contains(e.logGroup())) {
                    assertThat(e.message()).isEqualTo(full.event().message());
                  } else {
                    assertThat(e.message()).isIn("", full.event().message());
                  }
                }
              }
            });
  }

  @Test
  void decode_unwantedGroupOfACommonLineHasAnEmptyMessage() {
    LineDecoder d =
        LineDecoder.forFormat(
            InputFormat.JSON_LINES, ReadOptions.defaults().withWantedLogGroups(Set.of("/w")));
    String other = line("5", "INFO: \\\"GET / HTTP/1.1\\\" 200", "/other", "");
    assertThat(DecoderHarness.decode(d, other)).isEqualTo(new LogEvent("/other", 5, ""));
    assertThat(DecoderHarness.decode(d, other)).isEqualTo(new LogEvent("/other", 5, ""));
    assertThat(DecoderHarness.decode(d, line("6", "a\\tb", "/w", "")))
        .isEqualTo(new LogEvent("/w", 6, "a\tb"));
    String bad = line("7", "bad \\q", "/other", "");
    LineDecoder all = DecoderHarness.jsonLines();
    assertThat(decode(d, bad)).isEqualTo(decode(all, bad)); // the slow path words the problem
  }

  @Test
  void decode_prefilterNeverDropsAMessageThatHoldsOneOfItsLiterals() {
    ReadOptions all = ReadOptions.defaults().withMaxEventBytes(40);
    LiteralPrefilter prefilter = LiteralPrefilter.of(List.of(FilterPattern.compile("INFO"),
        FilterPattern.compile("?A ?\"\u00e9\" ?\"\ud83d\ude00\" ?\"a\\\"\""),
        FilterPattern.compile("%\\x2Fa\\x2C%")));
    assertThat(prefilter).isNotNull();
    Map<String, LiteralPrefilter> byGroup = new HashMap<>();
    for (int i = 0; i < GROUPS.size(); i += 2) {
      byGroup.put(GROUPS.get(i), prefilter);
    }
    byGroup.put(DecoderHarness.GROUP, prefilter);
    LineDecoder full = warm(all);
    LineDecoder warm = warm(all.withPrefilters(byGroup));
    LineDecoder cold = LineDecoder.forFormat(InputFormat.JSON_LINES, all.withPrefilters(byGroup));
    AtomicLong dropped = new AtomicLong();
    AtomicLong kept = new AtomicLong();
    qt().withExamples(8000)
        .forAll(lines())
        .checkAssert(l -> assertPrefiltered(l, full, List.of(warm, cold), byGroup, kept, dropped));
    assertThat(dropped.get()).as("messages left undecoded").isGreaterThan(300);
    assertThat(kept.get()).as("messages decoded").isGreaterThan(1000);
  }

  /**
   * Each of {@code filtered} reads {@code l} as {@code full} does, except that a message of a
   * group in {@code byGroup} whose prefilter rejects it may be left empty.
   */
  private static void assertPrefiltered(String l, LineDecoder full, List<LineDecoder> filtered,
      Map<String, LiteralPrefilter> byGroup, AtomicLong kept, AtomicLong dropped) {
    Result expected = decode(full, l);
    for (LineDecoder d : filtered) {
      Result r = decode(d, l);
      assertThat(r.outcome()).as(l).isEqualTo(expected.outcome());
      assertThat(r.problem()).as(l).isEqualTo(expected.problem());
      if (expected.event() == null) {
        continue;
      }
      LogEvent e = r.event();
      LogEvent x = expected.event();
      assertThat(e.logGroup()).as(l).isEqualTo(x.logGroup());
      assertThat(e.timestampMillis()).as(l).isEqualTo(x.timestampMillis());
      LiteralPrefilter prefilter = byGroup.get(x.logGroup());
      if (prefilter == null || prefilter.mayMatch(x.message())) {
        assertThat(e.message()).as(l).isEqualTo(x.message());
        kept.incrementAndGet();
      } else {
        assertThat(e.message()).as(l).isIn("", x.message());
        if (e.message().isEmpty() && !x.message().isEmpty()) {
          dropped.incrementAndGet();
        }
      }
    }
  }

  @Test
  void decode_prefilterOnTheWrittenForm_neverDropsAMessageItsPatternsMayMatch() {
    // literals with a quote and a tab (the 4xx pattern's " 4, \t4, "4, [4, ]4 after a field) and a
    // tab and a newline (4 written forms each); messages with simple escapes take the written-form
    // prefilter, others (\/, \\u, invalid) are unescaped first
    ReadOptions all = ReadOptions.defaults().withMaxEventBytes(60);
    LiteralPrefilter prefilter = LiteralPrefilter.of(List.of(
        FilterPattern.compile("[level, client, dash, request=*HTTP*, status=4*, ...]"),
        FilterPattern.compile("%a\\x09b\\x0Ac%")));
    assertThat(prefilter).isNotNull();
    assertThat(prefilter.inJsonStrings()).isNotNull();
    Map<String, LiteralPrefilter> byGroup = new HashMap<>();
    GROUPS.forEach(g -> byGroup.put(g, prefilter));
    byGroup.put(DecoderHarness.GROUP, prefilter);
    LineDecoder full = warm(all);
    LineDecoder filtered = warm(all.withPrefilters(byGroup));
    Gen<String> pieces = lists().of(Generate.pick(List.of(
            "INFO:", " ", "  ", "-", "x", "HTTP", "HTTP/1.1", "\\\"", "4", "404", "\\t", "\t", "\\n", "\\r",
            "\\\\", "a", "b", "c", "[", "]", "\\u0034", "\\/", "\\u0009", "\\x", "é")))
        .ofSizeBetween(0, 16)
        .map(l -> String.join("", l));
    AtomicLong dropped = new AtomicLong();
    AtomicLong kept = new AtomicLong();
    qt().withExamples(8000)
        .forAll(pieces, Generate.pick(STYLED))
        .checkAssert(
            (content, styled) -> assertPrefiltered(styledLine("1772409600021", content, styled, ""),
                full, List.of(filtered), byGroup, kept, dropped));
    assertThat(dropped.get()).as("messages left undecoded").isGreaterThan(1000);
    assertThat(kept.get()).as("messages decoded").isGreaterThan(300);
  }

  @Test
  void closingQuote_flagsEscapesAndThoseOtherThanTheSimpleOnes() {
    record Case(String content, boolean escaped, boolean simple) {}
    for (Case c : List.of(
        new Case("plain text", false, true),
        new Case("a \\\"q\\\" \\\\ \\n\\t\\r\\b\\f", true, true),
        new Case("a\\/b", true, false),
        new Case("\\u0041", true, false),
        new Case("ok \\n then \\x", true, false))) {
      byte[] b = ("\"" + c.content() + "\" tail").getBytes(StandardCharsets.UTF_8);
      long q = JsonStrings.closingQuote(b, 1, b.length);
      assertThat(q >> 2).as(c.content()).isEqualTo(c.content().length() + 1);
      assertThat((q & JsonStrings.ESCAPED) != 0).as(c.content()).isEqualTo(c.escaped());
      assertThat((q & JsonStrings.NOT_SIMPLE) == 0).as(c.content()).isEqualTo(c.simple());
    }
    byte[] open = "\"no end \\\"".getBytes(StandardCharsets.UTF_8);
    assertThat(JsonStrings.closingQuote(open, 1, open.length)).isEqualTo(-1);
  }

  @Test
  void decode_pythonWrittenLinesTakeTheFastPathWithAPrefilter() {
    LiteralPrefilter prefilter = LiteralPrefilter.of(List.of(FilterPattern.compile("HTTP")));
    LineDecoder d = LineDecoder.forFormat(InputFormat.JSON_LINES,
        ReadOptions.defaults().withPrefilters(Map.of("/g", prefilter, DecoderHarness.GROUP,
            prefilter)));
    // only the fast path applies the prefilter: an empty message shows that it was taken
    assertThat(DecoderHarness.decode(d,
        "{\"timestamp\": 5, \"message\": \"INFO: started\", \"logGroup\": \"/g\"}"))
        .isEqualTo(new LogEvent("/g", 5, ""));
    assertThat(DecoderHarness.decode(d,
        "{\"timestamp\": 5, \"message\": \"INFO: started\", \"logGroup\": \"/g\"}"))
        .isEqualTo(new LogEvent("/g", 5, ""));
    assertThat(DecoderHarness.decode(d, "{\"timestamp\": 6, \"message\": \"INFO: x\"} "))
        .isEqualTo(new LogEvent(DecoderHarness.GROUP, 6, ""));
    assertThat(DecoderHarness.decode(d,
        "{\"timestamp\": 7, \"message\": \"\\\"GET / \\u0048TTP/1.1\\\" 200\"}"))
        .isEqualTo(new LogEvent(DecoderHarness.GROUP, 7, "\"GET / HTTP/1.1\" 200"));
  }

  @Test
  void logGroupCache_keepsTheGroupsOfBothEnvironments() {
    LogGroupCache cache = new LogGroupCache(g -> g.contains("-prod-"), g -> null);
    for (String g : GROUPS) {
      byte[] b = g.getBytes(StandardCharsets.UTF_8);
      assertThat(cache.get(b, 0, b.length)).isEqualTo(g);
    }
    for (String g : GROUPS) {
      byte[] b = ("x" + g + "y").getBytes(StandardCharsets.UTF_8);
      String found = cache.find(b, 1, b.length - 1);
      assertThat(found).isEqualTo(g);
      assertThat(cache.wanted(found)).isEqualTo(g.contains("-prod-"));
    }
    byte[] quoted = "/a\"b".getBytes(StandardCharsets.UTF_8);
    assertThat(cache.get(quoted, 0, quoted.length)).isEqualTo("/a\"b");
    assertThat(cache.find(quoted, 0, quoted.length)).isNull();
  }

  @Test
  void validEscapes_agreesWithUnescape() {
    qt().withExamples(3000)
        .forAll(contents())
        .checkAssert(
            c -> {
              byte[] b = c.getBytes(StandardCharsets.UTF_8);
              boolean ok = JsonStrings.unescape(b, 0, b.length, new byte[b.length]) >= 0;
              assertThat(JsonStrings.validEscapes(b, 0, b.length)).as(c).isEqualTo(ok);
            });
  }
}
