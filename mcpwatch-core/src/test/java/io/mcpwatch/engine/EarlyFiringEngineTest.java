package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EarlyFiringEngineTest {

  /**
   * ADR scenario: 5 OBO failures within 5 minutes, Sum >= 5 over 300 s, notBreaching: ALARM at
   * the 5th event, in the same second, not at the next minute boundary.
   */
  @Test
  void ingest_fifthOboFailureFiresAlarmInTheSameSecond() {
    Fixture f = new Fixture("2024-05-01T09:58:00Z");
    f.alarm("/mcp/teams", "OBO_FAILURE", spec().name("obo-failures").dimension("MCP", "teams")
        .period(300).threshold(5).treat(TreatMissingData.notBreaching)
        .alarmActions("security-oncall").build());
    f.start(EngineOptions.defaults());
    f.event("/mcp/teams", "2024-05-01T10:00:05Z", "OBO_FAILURE user=a");
    f.event("/mcp/teams", "2024-05-01T10:01:10Z", "OBO_FAILURE user=a");
    f.event("/mcp/teams", "2024-05-01T10:02:20Z", "OBO_FAILURE user=b");
    f.event("/mcp/teams", "2024-05-01T10:03:30Z", "OBO_FAILURE user=a");
    assertThat(f.transitions).extracting(AlarmTransition::newState)
        .containsExactly(AlarmState.OK); // 09:59 INSUFFICIENT_DATA -> OK (notBreaching)
    f.event("/mcp/teams", "2024-05-01T10:04:40.250Z", "OBO_FAILURE user=c");
    assertThat(f.transitions).hasSize(2);
    AlarmTransition t = f.transitions.get(1);
    assertThat(t.early()).isTrue();
    assertThat(t.time()).isEqualTo(Instant.parse("2024-05-01T10:04:40.250Z"));
    assertThat(t.oldState()).isEqualTo(AlarmState.OK);
    assertThat(t.newState()).isEqualTo(AlarmState.ALARM);
    assertThat(t.actions()).containsExactly("security-oncall");
    // the evaluation the early firing anticipates: boundary 10:05, window [10:00, 10:05)
    assertThat(t.reason()).isEqualTo("Threshold Crossed: 1 datapoint [5.0 (01/05/24 10:00:00)]"
        + " was greater than or equal to the threshold (5.0).");
    assertThat(t.reasonDataJson()).startsWith("{\"version\":\"1.0\",\"queryDate\":"
        + "\"2024-05-01T10:04:40.250+0000\",\"startDate\":\"2024-05-01T10:00:00.000+0000\"");
    f.tickAt("2024-05-01T10:05:00Z");
    assertThat(f.transitions).hasSize(2); // the boundary confirms ALARM without a new transition
    assertThat(f.engine().statuses().get(0).lastTransition()).isEqualTo(t.time());
  }

  @Test
  void ingest_withoutEarlyFiringTheSameAlarmWaitsForTheBoundary() {
    Fixture f = new Fixture("2024-05-01T09:58:00Z");
    f.alarm("/g", "X", spec().period(300).threshold(5).treat(TreatMissingData.notBreaching)
        .build());
    f.start(EngineOptions.defaults().withEarlyFiring(false));
    for (int i = 0; i < 5; i++) {
      f.event("/g", "2024-05-01T10:0" + i + ":30Z", "X");
    }
    assertThat(f.summary()).containsExactly("09:59:00 INSUFFICIENT_DATA->OK");
    f.tickAt("2024-05-01T10:05:00Z");
    assertThat(f.summary()).containsExactly("09:59:00 INSUFFICIENT_DATA->OK",
        "10:05:00 OK->ALARM");
  }

  @Test
  void ingest_averageNeverFiresEarly() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("prod", "/g", "[kind=LAT, ms]", spec().statistic(Statistic.Average)
        .threshold(100).build(), "$ms", null, Map.of());
    f.start(EngineOptions.defaults());
    f.event("/g", "2024-05-01T10:00:10Z", "LAT 500");
    assertThat(f.transitions).isEmpty();
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->ALARM");
  }

  @Test
  void ingest_sumWithExtractedValuesIsNotEligibleButMaximumIs() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("prod", "/g", "[kind=LAT, ms]", spec().name("sum").threshold(100).build(), "$ms",
        null, Map.of());
    f.alarm("prod", "/g", "[kind=LAT, ms]", spec().name("max").statistic(Statistic.Maximum)
        .threshold(100).build(), "$ms", null, Map.of());
    f.start(EngineOptions.defaults());
    f.event("/g", "2024-05-01T10:00:10Z", "LAT 500");
    assertThat(f.transitions).extracting(t -> t.alarm().alarm(), AlarmTransition::early)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("max", true));
  }

  @Test
  void ingest_mOfNFiresEarlyOnlyOnceMWindowsOfTheNextBoundaryBreach() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "X", spec().evaluationPeriods(3).datapointsToAlarm(2).threshold(2).build());
    f.start(EngineOptions.defaults());
    f.event("/g", "2024-05-01T10:00:10Z", "X");
    f.event("/g", "2024-05-01T10:00:20Z", "X"); // window [10:00,10:01) breaches: 1 of 2
    assertThat(f.transitions).isEmpty();
    f.event("/g", "2024-05-01T10:01:10Z", "X");
    assertThat(f.transitions).isEmpty();
    f.event("/g", "2024-05-01T10:01:20Z", "X"); // [10:01,10:02) breaches too: 2 of 2
    assertThat(f.summary()).containsExactly("10:01:20 INSUFFICIENT_DATA->ALARM*");
    assertThat(f.transitions.get(0).reason()).isEqualTo("Threshold Crossed: 2 out of the last 3"
        + " datapoints [2.0 (01/05/24 10:01:00), 2.0 (01/05/24 10:00:00)] were greater than or"
        + " equal to the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).");
  }

  @Test
  void ingest_minimumBelowThresholdFiresEarly() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("prod", "/g", "[kind=TEMP, c]", spec().statistic(Statistic.Minimum)
        .op(ComparisonOperator.LessThanThreshold).threshold(0).build(), "$c", null, Map.of());
    f.start(EngineOptions.defaults());
    f.event("/g", "2024-05-01T10:00:10Z", "TEMP 3");
    assertThat(f.transitions).isEmpty();
    f.event("/g", "2024-05-01T10:00:11Z", "TEMP -1");
    assertThat(f.summary()).containsExactly("10:00:11 INSUFFICIENT_DATA->ALARM*");
  }
}
