package io.mcpwatch.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import io.mcpwatch.config.ConfigFixtures;
import io.mcpwatch.config.ConfigResolver;
import io.mcpwatch.config.Resolution;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LinterTest {
  private static final String ADR = ConfigFixtures.adr();

  static List<Finding> lint(String text) {
    BindResult b = ConfigBinder.bind(ConfigFixtures.parse(text));
    Resolution r = ConfigResolver.resolve(b.config());
    return Linter.lint(b.config(), r);
  }

  static List<Finding> rule(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).collect(Collectors.toList());
  }

  static String withAlarm(String fields) {
    return ADR.replace("overrides: [", "overrides: [ { alarm: 'errors', " + fields + " },");
  }

  static String withErrorsPattern(String pattern) {
    return ADR.replace("'[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]'", pattern);
  }

  @Test
  void lint_adrWithWorkingPatterns_hasOnlyTheLiveServiceInfos() {
    assertThat(lint(ADR))
        .extracting(f -> f.severity() + " " + f.rule())
        .containsExactly("INFO mail-to-mailbox", "INFO no-sources", "INFO sparse-data-refires");
  }

  @Test
  void lint_settingsOfSomeAppsOnly_areCheckedForEachAppThatHasThem() {
    // the apps without an override share one settings object, checked once; each override's
    // apps get their own, checked too
    String text = ADR.replace("overrides: [", "overrides: ["
        + " { app: 'teams', alarm: 'errors', comparison: 'LessThanThreshold', threshold: 0 },"
        + " { env: 'dev', app: 'outlook', alarm: 'errors', comparison: 'LessThanThreshold',"
        + " threshold: -5 },");
    assertThat(rule(lint(text), StatisticRules.UNREACHABLE))
        .extracting(Finding::path)
        .containsExactly("overrides[0].threshold", "overrides[1].threshold");
  }

  @Test
  void lint_sparseDataWithTheEvaluationRange_saysABurstCanRefireAndWhatAvoidsIt() {
    assertThat(rule(lint(ADR), SparseDataRules.REFIRE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("defaults.treatMissingData");
              assertThat(f.message())
                  .contains("one burst can send several ALARM notifications")
                  .contains("last 3 periods of 300 s")
                  .contains("back to ALARM on a quiet period")
                  .contains("treatMissingData: notBreaching applies only when none is left")
                  .contains("for up to 15 minutes");
              assertThat(f.suggestion())
                  .startsWith("engine.evaluationRangeExtra: 0")
                  .contains("defaultValue: 0");
            });
  }

  @Test
  void lint_sparseData_notWhereItCannotHappen() {
    String noExtra = ADR.replace("  overrides: [", "  engine: { evaluationRangeExtra: 0 },\n  overrides: [");
    assertThat(rule(lint(noExtra), SparseDataRules.REFIRE)).isEmpty();
    assertThat(rule(lint(ADR.replace("period: 300", "period: 60")), SparseDataRules.REFIRE))
        .isEmpty();
    String withDefault = ADR.replace("metricValue: '1' }", "metricValue: '1', defaultValue: 0 }");
    assertThat(rule(lint(withDefault), SparseDataRules.REFIRE)).isEmpty();
  }

  @Test
  void lint_questionMarks_unquotedIsAnErrorWithTheDelimitedSuggestion() {
    List<Finding> f = rule(lint(withErrorsPattern("'4??'")), PatternRules.QUESTION_MARK);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.ERROR);
              assertThat(x.path()).isEqualTo("alarms.errors.pattern");
              assertThat(x.line()).isEqualTo(14);
              assertThat(x.column())
                  .isEqualTo(ADR.split("\n")[13].indexOf("pattern: '") + "pattern: '".length() + 1);
              assertThat(x.message()).startsWith("4?? is not a wildcard");
              assertThat(x.suggestion())
                  .startsWith("[level, client, dash, request=*HTTP*, status=4*, ...]");
            });
  }

  @Test
  void lint_questionMarks_quotedIsALiteralWarning() {
    List<Finding> f = rule(lint(withErrorsPattern("'\"5??\"'")), PatternRules.QUESTION_MARK);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.message()).startsWith("\"5??\" searches for the literal text 5??");
              assertThat(x.suggestion()).contains("status=5*");
            });
  }

  @Test
  void lint_questionMarks_inDelimitedCondition() {
    List<Finding> f =
        rule(lint(withErrorsPattern("'[ip, dash, status=5??, ...]'")), PatternRules.QUESTION_MARK);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.message()).startsWith("status=5?? compares with the literal text 5??");
              assertThat(x.suggestion()).isEqualTo("write status=5* (a value beginning with 5)");
            });
  }

  @Test
  void lint_questionMarks_optionalPrefixIsFine() {
    assertThat(rule(lint(withErrorsPattern("'?Timeout ?Refused'")), PatternRules.QUESTION_MARK))
        .isEmpty();
  }

  @Test
  void lint_bareError_isAWarningWithAnAnchoredSuggestion() {
    List<Finding> f = rule(lint(withErrorsPattern("'ERROR'")), PatternRules.BARE_LEVEL);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.message()).contains("ERROR_RATE_LIMIT").contains("ERRORCODE");
              assertThat(x.suggestion())
                  .startsWith("[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]");
            });
    assertThat(rule(lint(withErrorsPattern("'\"ERROR\"'")), PatternRules.BARE_LEVEL)).hasSize(1);
    assertThat(rule(lint(withErrorsPattern("'?ERROR ?CRITICAL'")), PatternRules.BARE_LEVEL))
        .hasSize(2);
  }

  @Test
  void lint_anchoredOrSpecificTerms_areNotBareLevels() {
    assertThat(rule(lint(withErrorsPattern("'\"ERROR:\"'")), PatternRules.BARE_LEVEL)).isEmpty();
    assertThat(rule(lint(withErrorsPattern("'Traceback'")), PatternRules.BARE_LEVEL)).isEmpty();
    assertThat(rule(lint(ADR), PatternRules.BARE_LEVEL)).isEmpty();
  }

  @Test
  void lint_optionalTermsMixedWithPlain_areReportedAsIgnored() {
    List<Finding> f =
        rule(lint(withErrorsPattern("'?ERROR ?WARN REQUEST'")), PatternRules.MIXED_OPTIONAL);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.message()).endsWith("this pattern behaves like REQUEST");
            });
    assertThat(rule(lint(withErrorsPattern("'?ERROR ?WARN'")), PatternRules.MIXED_OPTIONAL))
        .isEmpty();
  }

  @Test
  void lint_staticDimensionWritten_isReportedOnceQuotingAwsWithoutDropAdvice() {
    String text =
        ADR.replace("metricValue: '1' }", "metricValue: '1', dimensions: { MCP: '{app}' } }");
    List<Finding> f = rule(lint(text), DimensionRules.STATIC);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.INFO);
              assertThat(x.path()).isEqualTo("defaults.dimensions.MCP");
              assertThat(x.message())
                  .contains("\"The specified filter pattern does not support dimensions\"")
                  .contains("mcpwatch adds MCP = {app}");
              assertThat(x.suggestion())
                  .contains("metric: \"{app}-Errors\"")
                  .contains("namespace")
                  .doesNotContainIgnoringCase("drop")
                  .doesNotContainIgnoringCase("remove");
            });
    // the built-in default is not written in the file: nothing to point at
    assertThat(rule(lint(ADR), DimensionRules.STATIC)).isEmpty();
  }

  @Test
  void lint_fieldDimension_isUnwatchedByTheAlarm() {
    String text =
        ADR.replace(
            "status=5*, ...]', threshold: 10 }",
            "status=5*, ...]', threshold: 10, dimensions: { Status: '$status' } }");
    List<Finding> f = rule(lint(text), DimensionRules.FIELD);

    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.path()).isEqualTo("alarms.http-5xx.dimensions.Status");
              assertThat(x.message())
                  .contains("one metric per value of $status (Status = <value>)")
                  .contains("the alarm names no value for Status")
                  .contains("watches the metric with only {MCP = {app}}")
                  .contains("stays INSUFFICIENT_DATA");
              assertThat(x.suggestion()).contains("alarmDimensions: { Status: \"<value>\" }");
            });
  }

  @Test
  void lint_fieldDimensionWithAlarmDimensionsValue_isWatched() {
    String text =
        ADR.replace(
            "status=5*, ...]', threshold: 10 }",
            "status=5*, ...]', threshold: 10, dimensions: { Status: '$status' },"
                + " alarmDimensions: { Status: '503' } }");

    assertThat(rule(lint(text), DimensionRules.FIELD)).isEmpty();
  }

  /** The ADR with http-5xx split by $status and watching {@code Status: value} (written as is). */
  private static String watchingStatus(String value) {
    return ADR.replace(
        "status=5*, ...]', threshold: 10 }",
        "status=5*, ...]', threshold: 10, dimensions: { Status: '$status' },"
            + " alarmDimensions: { Status: " + value + " } }");
  }

  /** 503.0 (a YAML float) or 0503: dimension values are text; a log's 503 never equals them. */
  @Test
  void lint_alarmDimensionsNumberInAnotherForm_isReportedWithTheLogsForm() {
    for (String written : List.of("503.0", "'0503'", "'+503'", "503.00")) {
      assertThat(rule(lint(watchingStatus(written)), DimensionRules.NUMBER_TEXT))
          .as(written)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.path()).isEqualTo("alarms.http-5xx.alarmDimensions.Status");
                assertThat(x.message()).contains("an event with 503 publishes Status = 503, never");
                assertThat(x.suggestion()).isEqualTo("write the value as the logs write it:"
                    + " alarmDimensions: { Status: \"503\" }");
              });
    }
    // as a log writes it, or a decimal that is not an integer: nothing to say
    for (String fine : List.of("503", "'503'", "5.5", "'0'")) {
      assertThat(rule(lint(watchingStatus(fine)), DimensionRules.NUMBER_TEXT)).as(fine).isEmpty();
    }
  }

  @Test
  void lint_secondFieldDimensionWithoutValue_isReportedAlone() {
    String text =
        ADR.replace(
            "status=5*, ...]', threshold: 10 }",
            "status=5*, ...]', threshold: 10, dimensions: { Status: '$status', Client: '$client' },"
                + " alarmDimensions: { Status: '503' } }");

    assertThat(rule(lint(text), DimensionRules.FIELD))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.path()).isEqualTo("alarms.http-5xx.dimensions.Client");
              assertThat(x.message())
                  .contains("the alarm names no value for Client")
                  .contains("{MCP = {app}, Status = 503}");
            });
  }

  @Test
  void lint_unreachableThresholds_areWarnings() {
    assertThat(
            rule(lint(withAlarm("statistic: 'Maximum', threshold: 5")), StatisticRules.UNREACHABLE))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.path()).isEqualTo("overrides[0].threshold");
              assertThat(x.message())
                  .isEqualTo(
                      "the Maximum of a constant metricValue 1 is always 1 in a 300 s period, so"
                          + " \"greater than or equal to 5\" is never true and the alarm never"
                          + " fires");
            });
    assertThat(
            rule(
                lint(withAlarm("comparison: 'LessThanThreshold', threshold: 0")),
                StatisticRules.UNREACHABLE))
        .singleElement()
        .satisfies(
            x -> assertThat(x.message()).startsWith("the Sum of metricValue 1 is at least 1"));
    assertThat(
            rule(
                lint(
                    withAlarm(
                        "statistic: 'SampleCount', comparison: 'LessThanThreshold', threshold: 1")),
                StatisticRules.UNREACHABLE))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).startsWith("SampleCount is at least 1"));
    assertThat(rule(lint(withAlarm("metricValue: '0', threshold: 5")), StatisticRules.UNREACHABLE))
        .singleElement()
        .satisfies(x -> assertThat(x.message()).startsWith("the Sum of metricValue 0 is always 0"));
  }

  @Test
  void lint_reachableThresholds_areSilent() {
    assertThat(
            rule(lint(withAlarm("statistic: 'Maximum', threshold: 1")), StatisticRules.UNREACHABLE))
        .isEmpty();
    assertThat(
            rule(
                lint(withAlarm("comparison: 'LessThanThreshold', threshold: 3")),
                StatisticRules.UNREACHABLE))
        .isEmpty();
    assertThat(
            rule(
                lint(withAlarm("statistic: 'SampleCount', threshold: 1000")),
                StatisticRules.UNREACHABLE))
        .isEmpty();
    assertThat(
            rule(
                lint(withAlarm("statistic: 'Average', threshold: 0.5, defaultValue: 0")),
                StatisticRules.UNREACHABLE))
        .isEmpty();
    assertThat(rule(lint(ADR), StatisticRules.UNREACHABLE)).isEmpty();
  }

  @Test
  void lint_defaultValueMisuse_isAWarning() {
    assertThat(
            rule(
                lint(withAlarm("statistic: 'SampleCount', defaultValue: 0")),
                StatisticRules.DEFAULT_VALUE))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.path()).isEqualTo("overrides[0].defaultValue");
              assertThat(x.message()).contains("SampleCount counts all events");
            });
    assertThat(rule(lint(withAlarm("defaultValue: 1")), StatisticRules.DEFAULT_VALUE)).hasSize(1);
    assertThat(rule(lint(withAlarm("defaultValue: 0")), StatisticRules.DEFAULT_VALUE)).isEmpty();
  }

  @Test
  void lint_highResolutionPeriod_isAWarning() {
    assertThat(rule(lint(withAlarm("period: 10")), StatisticRules.HIGH_RESOLUTION))
        .singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("overrides[0].period"));
    assertThat(rule(lint(withAlarm("period: 60")), StatisticRules.HIGH_RESOLUTION)).isEmpty();
  }

  @Test
  void lint_missingData_rules() {
    List<Finding> unset =
        rule(lint(ADR.replace("treatMissingData: 'notBreaching', ", "")), MissingDataRules.UNSET);
    assertThat(unset).hasSize(4).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
    assertThat(unset)
        .extracting(Finding::path)
        .containsExactly(
            "alarms.auth-failures", "alarms.errors", "alarms.http-4xx", "alarms.http-5xx");

    assertThat(rule(lint(withAlarm("treatMissingData: 'breaching'")), MissingDataRules.BREACHING))
        .singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.WARNING));
    assertThat(
            rule(
                lint(withAlarm("comparison: 'LessThanThreshold', threshold: 3")),
                MissingDataRules.LESS_THAN))
        .hasSize(1);
    assertThat(
            rule(
                lint(
                    withAlarm(
                        "comparison: 'LessThanThreshold', threshold: 3, treatMissingData:"
                            + " 'breaching'")),
                MissingDataRules.LESS_THAN))
        .isEmpty();
    assertThat(rule(lint(ADR), MissingDataRules.UNSET)).isEmpty();
  }

  @Test
  void lint_topics_withoutSubscribersOrUnused() {
    String text =
        ADR.replace(
                "prod: { topic: 'aiconnectors-alarms-prod', subscribers: [ { email:"
                    + " 'owners@example.com' } ] }",
                "prod: { topic: 'aiconnectors-alarms-prod' }")
            .replace(
                "apps:",
                "topics: { oncall: { subscribers: [ { email: 'p@example.com' } ] } }, apps:");
    List<Finding> f = lint(text);

    assertThat(rule(f, TopicRules.NO_SUBSCRIBERS))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.WARNING);
              assertThat(x.path()).isEqualTo("environments.prod.topic");
              assertThat(x.message())
                  .isEqualTo(
                      "topic aiconnectors-alarms-prod has no subscribers: alarms routed to it"
                          + " notify nobody");
            });
    assertThat(rule(f, TopicRules.UNUSED))
        .singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("topics.oncall"));
  }

  @Test
  void lint_alarmsThatNotifyNobody_areInfos() {
    assertThat(rule(lint(withAlarm("actionsEnabled: false")), TopicRules.NO_ACTIONS))
        .singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("overrides[0].actionsEnabled"));
    assertThat(rule(lint(withAlarm("alarmActions: [], okActions: []")), TopicRules.NO_ACTIONS))
        .singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("overrides[0].alarmActions"));
  }

  @Test
  void lint_regexQuota_perLogGroup() {
    StringBuilder alarms = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      alarms
          .append("r")
          .append(i)
          .append(": { metric: 'R")
          .append(i)
          .append("', pattern: '%boom")
          .append(i)
          .append("%', threshold: 1 },");
    }
    String text = ADR.replace("alarms: {", "alarms: {" + alarms);
    assertThat(rule(lint(text), QuotaRules.REGEXES))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.severity()).isEqualTo(Severity.ERROR);
              assertThat(x.message())
                  .endsWith(
                      "gets 6 metric filters with a %regex% (and 7 more log groups); CloudWatch"
                          + " Logs allows 5 per log group");
            });
    String five =
        ADR.replace("alarms: {", "alarms: {" + alarms.substring(0, alarms.lastIndexOf("r5:")));
    assertThat(rule(lint(five), QuotaRules.REGEXES)).isEmpty();
  }

  @Test
  void lint_sharedMetric_isAWarning() {
    String text = ADR.replace("metric: 'HTTP4xx'", "metric: 'HTTP5xx'");
    assertThat(rule(lint(text), MetricRules.SHARED))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.path()).isEqualTo("alarms.http-5xx.metric");
              assertThat(x.message())
                  .startsWith(
                      "alarms http-4xx and http-5xx publish different filters into the same metric"
                          + " HTTP5xx");
            });
  }

  @Test
  void lint_findingsAreSortedAndUnique() {
    List<Finding> f =
        lint(withErrorsPattern("'ERROR 4??'").replace("treatMissingData: 'notBreaching', ", ""));

    assertThat(f).isSorted().doesNotHaveDuplicates();
  }
}
