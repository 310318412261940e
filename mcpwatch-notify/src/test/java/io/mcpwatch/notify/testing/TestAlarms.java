package io.mcpwatch.notify.testing;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.notify.AlarmNotice;
import io.mcpwatch.notify.TriggerLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** ADR-0003-style alarms and notices for transport tests. */
public final class TestAlarms {
  public static final Instant T0 = Instant.parse("2026-04-27T10:15:00.123Z");
  public static final String TOPIC = "aiconnectors-alarms-prod";

  private TestAlarms() {}

  public static AlarmSpec spec(String name) {
    return new AlarmSpec(name, "OBO token exchange failures", "MCP/Security", "AuthFailures",
        Map.of("MCP", "teams"), Statistic.Sum, 300, 1, null,
        ComparisonOperator.GreaterThanOrEqualToThreshold, 5.0, TreatMissingData.notBreaching, true,
        List.of(TOPIC), List.of(TOPIC), List.of(), null);
  }

  public static AlarmNotice notice(String name, Instant at, List<TriggerLine> lines) {
    return new AlarmNotice(spec(name), AlarmState.OK, AlarmState.ALARM,
        "Threshold Crossed: 1 datapoint [7.0 (27/04/26 10:10:00)] was greater than or equal to the"
            + " threshold (5.0).",
        at, T0.minusSeconds(3600), List.of(TOPIC), lines, lines.size(),
        "/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams", "\"OBO token exchange failed\"");
  }

  public static List<TriggerLine> lines() {
    return List.of(
        new TriggerLine(T0.minusSeconds(50), "ERROR auth: OBO token exchange failed: invalid_grant"),
        new TriggerLine(T0.minusSeconds(20), "ERROR auth: OBO token exchange failed: AADSTS50013"));
  }
}
