package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class AlarmJsonTest {

  @Test
  void of_specExample_matchesCloudWatchTextExactly() throws IOException {
    String expected;
    try (InputStream in = getClass().getResourceAsStream("spec-4.3-alarm-message.json")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // The spec shows the message one key per line; CloudWatch sends it compact.
    String compact = Formats.JSON.writeValueAsString(Formats.JSON.readTree(expected));

    String json = AlarmJson.of(Fixtures.specNotice(), Fixtures.specSettings());

    assertThat(json).isEqualTo(compact);
    assertThat(json).startsWith("{\"AlarmName\":\"Test alarm\",\"AlarmDescription\":null,")
        .contains("\"Threshold\":5.0,").contains("\"Statistic\":\"SUM\",\"Unit\":null,");
  }

  @Test
  void of_specExample_keysInCloudWatchOrder() {
    JsonNode n = Formats.JSON.readTree(AlarmJson.of(Fixtures.specNotice(), Fixtures.specSettings()));

    assertThat(n.propertyNames()).containsExactly("AlarmName", "AlarmDescription", "AWSAccountId",
        "AlarmConfigurationUpdatedTimestamp", "NewStateValue", "NewStateReason", "StateChangeTime",
        "Region", "AlarmArn", "OldStateValue", "OKActions", "AlarmActions",
        "InsufficientDataActions", "Trigger");
    assertThat(n.get("Trigger").propertyNames()).containsExactly("MetricName", "Namespace",
        "StatisticType", "Statistic", "Unit", "Dimensions", "Period", "EvaluationPeriods",
        "DatapointsToAlarm", "ComparisonOperator", "Threshold", "TreatMissingData",
        "EvaluateLowSampleCountPercentile");
  }

  @Test
  void of_unsetDatapointsAndTreatment_omitsDatapointsToAlarmAndWritesEmptyTreatment() {
    AlarmSpec spec = new AlarmSpec("a", "desc", "MCP/Security", "Errors",
        Map.of("MCP", "teams", "Env", "prod"), Statistic.SampleCount, 300, 3, null,
        ComparisonOperator.LessThanThreshold, 1.5, null, true, List.of(), List.of("ok-topic"),
        List.of("arn:aws:sns:us-east-1:123456789012:other"), "Count");
    AlarmNotice notice = new AlarmNotice(spec, AlarmState.ALARM, AlarmState.OK, "r",
        Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-01T00:00:00.5Z"),
        List.of("ok-topic"), List.of(), 0, null, null);

    JsonNode n = Formats.JSON.readTree(AlarmJson.of(notice, Fixtures.settings()));
    JsonNode t = n.get("Trigger");

    assertThat(t.has("DatapointsToAlarm")).isFalse();
    assertThat(t.get("TreatMissingData").asString()).isEmpty();
    assertThat(t.get("Statistic").asString()).isEqualTo("SAMPLE_COUNT");
    assertThat(t.get("Unit").asString()).isEqualTo("Count");
    assertThat(t.get("Dimensions").toString())
        .isEqualTo("[{\"name\":\"Env\",\"value\":\"prod\"},{\"name\":\"MCP\",\"value\":\"teams\"}]");
    assertThat(n.get("AlarmDescription").asString()).isEqualTo("desc");
    assertThat(n.get("StateChangeTime").asString()).isEqualTo("2026-01-02T03:04:05.000+0000");
    assertThat(n.get("AlarmConfigurationUpdatedTimestamp").asString())
        .isEqualTo("2026-01-01T00:00:00.500+0000");
    assertThat(n.get("AWSAccountId").asString()).isEqualTo("000000000000");
    assertThat(n.get("Region").asString()).isEqualTo("EU (Ireland)");
    assertThat(texts(n.get("OKActions")))
        .containsExactly("arn:aws:sns:eu-west-1:000000000000:ok-topic");
    assertThat(texts(n.get("InsufficientDataActions")))
        .containsExactly("arn:aws:sns:us-east-1:123456789012:other");
  }

  @ParameterizedTest
  @CsvSource({"Sum,SUM", "Average,AVERAGE", "Maximum,MAXIMUM", "Minimum,MINIMUM",
      "SampleCount,SAMPLE_COUNT"})
  void upperStatistic_mapsEveryStatistic(Statistic s, String expected) {
    assertThat(AlarmJson.upperStatistic(s)).isEqualTo(expected);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asString()));
    return out;
  }
}
