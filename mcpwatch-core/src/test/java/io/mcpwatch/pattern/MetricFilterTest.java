package io.mcpwatch.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MetricFilterTest {

  static final String APACHE =
      "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534";

  private static MetricTransformation t(
      String value, @Nullable Double dflt, Map<String, String> dims) {
    return new MetricTransformation("Errors", "MCP/Security", value, dflt, dims, null);
  }

  private static MetricFilter compile(String pattern, MetricTransformation t) {
    return MetricFilter.compile(pattern, t, PatternOptions.defaults());
  }

  private static FilterPatternException error(String pattern, MetricTransformation t) {
    return catchThrowableOfType(FilterPatternException.class, () -> compile(pattern, t));
  }

  @Test
  void observe_constantValueWithoutDimensionsReturnsOneSharedInstance() {
    MetricFilter f = compile("ERROR", t("1", null, Map.of()));
    Observation a = f.observe("ERROR a");
    assertThat(a).isEqualTo(new Observation.Published(1.0, Map.of(), false));
    assertThat(f.observe("ERROR b")).isSameAs(a);
    assertThat(f.observe("INFO")).isSameAs(Observation.NoMatch.INSTANCE);
    assertThat(f.pattern().text()).isEqualTo("ERROR");
    assertThat(f.transformation().metricValue()).isEqualTo("1");
  }

  @Test
  void observe_defaultValueForNonMatchingEvents() {
    MetricFilter f = compile("ERROR", t("1", 0.0, Map.of()));
    Observation d = f.observe("INFO");
    assertThat(d).isEqualTo(new Observation.Published(0.0, Map.of(), true));
    assertThat(f.observe("DEBUG")).isSameAs(d);
  }

  @Test
  void observe_fieldValueFromDelimitedPattern() {
    MetricFilter f = compile("[..., status, size]", t("$size", null, Map.of()));
    assertThat(f.observe(APACHE)).isEqualTo(new Observation.Published(1534.0, Map.of(), false));
    assertThat(f.observe(APACHE.replace("1534", "-")))
        .isInstanceOfSatisfying(
            Observation.NotPublished.class,
            n -> assertThat(n.reason()).contains("$size").contains("'-' is not a number"));
    assertThat(f.observe("one")).isSameAs(Observation.NoMatch.INSTANCE);
  }

  @Test
  void observe_positionalFieldAndScientificNotation() {
    MetricFilter f = compile("[a, ...]", t("$3", null, Map.of()));
    assertThat(f.observe("x y 1.5e3")).isEqualTo(new Observation.Published(1500.0, Map.of(), false));
    assertThat(f.observe("x y"))
        .isInstanceOfSatisfying(
            Observation.NotPublished.class,
            n -> assertThat(n.reason()).contains("not present"));
  }

  @Test
  void observe_positionalReferenceToANamedFieldAsInExtractBytes() {
    MetricFilter f =
        compile("[ip, id, user, timestamp, request, status_code, size]", t("$7", 0.0, Map.of()));
    String line = "127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] \"GET /index.html HTTP/1.1\" 404 287";
    assertThat(f.observe(line)).isEqualTo(new Observation.Published(287.0, Map.of(), false));
    assertThat(error("[a, b]", t("$3", null, Map.of())).detail()).contains("$3");
  }

  @Test
  void observe_dimensionsFromFields() {
    MetricFilter f =
        compile("[server, ..., status=5*, size]", t("1", null, Map.of("Server", "$server")));
    assertThat(f.observe("Prod x 503 12"))
        .isEqualTo(new Observation.Published(1.0, Map.of("Server", "Prod"), false));
    assertThat(f.observe("\"\" x 503 12"))
        .isInstanceOfSatisfying(
            Observation.NotPublished.class, n -> assertThat(n.reason()).contains("Server"));
    assertThat(f.observe("Prod x 200 12")).isSameAs(Observation.NoMatch.INSTANCE);
  }

  @Test
  void observe_jsonValueAndDimension() {
    MetricFilter f =
        compile(
            "{ $.latency = * && $.eventType = \"*\" }",
            t("$.latency", null, Map.of("eventType", "$.eventType")));
    assertThat(f.observe("{\"latency\": 50, \"eventType\": \"UpdateTrail\"}"))
        .isEqualTo(new Observation.Published(50.0, Map.of("eventType", "UpdateTrail"), false));
  }

  @Test
  void compile_dimensionsNeedAStructuredPattern() {
    FilterPatternException e = error("?ERROR ?WARN", t("1", null, Map.of("Cluster", "$1")));
    assertThat(e.awsMessage()).isEqualTo("The specified filter pattern does not support dimensions");
    assertThat(e.column()).isZero();
    assertThat(e.detail()).contains("terms");
  }

  @Test
  void compile_dimensionsAndDefaultValueAreMutuallyExclusive() {
    FilterPatternException e = error("[a, b]", t("1", 0.0, Map.of("A", "$a")));
    assertThat(e.awsMessage())
        .isEqualTo(
            "Invalid metric transformation: dimensions and default value are mutually exclusive"
                + " properties");
  }

  @Test
  void compile_atMostThreeDimensions() {
    FilterPatternException e =
        error("[a, b, c, d]", t("1", null, Map.of("A", "$a", "B", "$b", "C", "$c", "D", "$d")));
    assertThat(e.awsMessage()).contains("Member must have length less than or equal to 3");
    assertThat(compile("[a, b, c]", t("1", null, Map.of("A", "$a", "B", "$b", "C", "$c"))))
        .isNotNull();
  }

  @Test
  void compile_dimensionValuesMustBeFieldsOfThePattern() {
    assertThat(error("[a, b]", t("1", null, Map.of("Env", "Prod"))).detail())
        .contains("must be a field reference");
    assertThat(error("[a, b]", t("1", null, Map.of("Type", "$eventtype"))).detail())
        .contains("$eventtype")
        .contains("never extracts");
  }

  @Test
  void compile_metricValueMustBeANumberOrAFieldReference() {
    FilterPatternException bare = error("[a, length]", t("length", null, Map.of()));
    assertThat(bare.awsMessage()).isEqualTo("Invalid metric transformation");
    assertThat(bare.hint()).contains("$length");
    assertThat(error("ERROR", t("$size", null, Map.of())).detail())
        .contains("extracts no fields");
    assertThat(error("[a, b]", t("$c", null, Map.of())).detail()).contains("never extracts");
    assertThat(error("ERROR", t("NaN", null, Map.of()))).isNotNull();
    assertThat(error("ERROR", t("1e999", null, Map.of())).detail()).contains("too large");
    for (String ok : new String[] {"0", "1", "-2.5", "+3", ".5", "1e3", "2E-2"}) {
      assertThat(compile("ERROR", t(ok, null, Map.of())).observe("ERROR"))
          .isEqualTo(new Observation.Published(Double.parseDouble(ok), Map.of(), false));
    }
  }

  @Test
  void compile_metricValueAtMost100Characters() {
    String value = "1" + "0".repeat(100);
    FilterPatternException e = error("ERROR", t(value, null, Map.of()));
    assertThat(e.awsMessage())
        .isEqualTo(
            "1 validation error detected: Value '"
                + value
                + "' at 'metricTransformations.1.member.metricValue' failed to satisfy"
                + " constraint: Member must have length less than or equal to 100");
  }

  @Test
  void compile_metricNameAndNamespaceRules() {
    MetricTransformation colon =
        new MetricTransformation("a:b", "NS", "1", null, Map.of(), null);
    assertThat(error("ERROR", colon).awsMessage())
        .isEqualTo(
            "1 validation error detected: Value 'a:b' at 'metricTransformations.1.member.metricName'"
                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " [^:*$]*");
    MetricTransformation longNs =
        new MetricTransformation("m", "n".repeat(256), "1", null, Map.of(), null);
    assertThat(error("ERROR", longNs).awsMessage())
        .contains("'metricTransformations.1.member.metricNamespace'")
        .contains("less than or equal to 255");
    MetricTransformation empty = new MetricTransformation("", "NS", "1", null, Map.of(), null);
    assertThat(error("ERROR", empty).awsMessage()).contains("greater than or equal to 1");
  }

  @Test
  void compile_unitFromTheStandardUnitEnum() {
    MetricTransformation ok =
        new MetricTransformation("m", "NS", "1", null, Map.of(), "Bytes/Second");
    assertThat(compile("ERROR", ok).transformation().unit()).isEqualTo("Bytes/Second");
    MetricTransformation bad = new MetricTransformation("m", "NS", "1", null, Map.of(), "bytes");
    assertThat(error("ERROR", bad).awsMessage()).contains("Member must satisfy enum value set");
  }

  @Test
  void compile_patternErrorsComeFirst() {
    assertThat(error("4??", t("1", null, Map.of())).awsMessage())
        .isEqualTo("Invalid character(s) in term");
  }

  @Test
  void forAnotherThread_patternWithoutRegexEngineOrFields_isSharedAsItIs() {
    for (String p :
        List.of("ERROR", "{ $.level = \"ERROR\" }", "%HTTP/1\\.1\\x22 4%", "%^ERROR|^CRITICAL%", "[...]")) {
      MetricFilter f = compile(p, t("1", null, Map.of()));
      assertThat(f.pattern().usesRegexEngine()).as(p).isFalse();
      assertThat(f.forAnotherThread(new ThreadCopies())).as(p).isSameAs(f);
    }
  }

  @Test
  void forAnotherThread_regexPattern_getsOneOwnCopyPerThreadSharedByItsFilters() {
    FilterPattern shared = FilterPattern.compile("%ERR[0-9]+%", PatternOptions.defaults());
    assertThat(shared.usesRegexEngine()).isTrue();
    assertOneCopyPerThread(shared, List.of("ERR42 x", "ERR7", "ERROR", "INFO 42"));
  }

  @Test
  void forAnotherThread_delimitedPattern_isConfinedToTheThread_sameObservations() {
    for (String p : List.of("[ip, user, ..., status=4*, size]", "[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]",
        "[level, client, dash, request=*HTTP*, status=4*, ...]", "[a, b=%x[0-9]%, c]")) {
      assertOneCopyPerThread(FilterPattern.compile(p, PatternOptions.defaults()), List.of(
          "INFO:     10.0.0.1:42106 - \"POST /mcp HTTP/1.1\" 404 Not Found",
          "INFO:     10.0.0.1:42106 - \"POST /mcp HTTP/1.1\" 200 OK", "ERROR: boom", "CRITICAL:x y",
          "1.2.3.4 bob x y 404 12", "1.2.3.4 bob 404 12", "a x7 c", "a b c d", ""));
    }
  }

  /**
   * Filters sharing {@code shared} get one copy of it per thread, shared by that thread's filters,
   * each observing every message as the shared filter does, also when two threads' copies match
   * the messages in turns.
   */
  private static void assertOneCopyPerThread(FilterPattern shared, List<String> messages) {
    MetricFilter a = MetricFilter.of(shared, t("1", null, Map.of()), PatternOptions.defaults());
    MetricFilter b = MetricFilter.of(shared, t("2", null, Map.of()), PatternOptions.defaults());
    ThreadCopies thread1 = new ThreadCopies();
    MetricFilter a1 = a.forAnotherThread(thread1);
    MetricFilter b1 = b.forAnotherThread(thread1);
    MetricFilter a2 = a.forAnotherThread(new ThreadCopies());
    assertThat(a1.pattern()).as(shared.text()).isNotSameAs(shared).isSameAs(b1.pattern());
    assertThat(a2.pattern()).isNotSameAs(a1.pattern());
    assertThat(a1.transformation()).isEqualTo(a.transformation());
    assertThat(b1.transformation()).isEqualTo(b.transformation());
    for (String m : messages) {
      for (String n : messages) { // the thread's fields hold m's when n is matched
        assertThat(a1.observe(m)).as(shared.text() + " on " + m).isEqualTo(a.observe(m));
        assertThat(b1.observe(n)).as(shared.text() + " on " + n).isEqualTo(b.observe(n));
        assertThat(a2.observe(n)).as(shared.text() + " on " + n).isEqualTo(a.observe(n));
      }
    }
  }

  @Test
  void usesRegexEngine_delimitedOrJsonWithAPercentSign_isAssumedToUseIt() {
    assertThat(FilterPattern.compile("[level=%ERR[0-9]%, ...]").usesRegexEngine()).isTrue();
    assertThat(FilterPattern.compile("{ $.level = %ERR[0-9]% }").usesRegexEngine()).isTrue();
  }
}
