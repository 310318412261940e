package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmEmailTextTest {
  private static final String UNSUB = "http://127.0.0.1:8787/sns/unsubscribe?SubscriptionArn=x";

  @Test
  void of_authAlarm_hasCloudWatchSectionsInOrderWithLogLinesFirst() {
    String body = AlarmEmailText.of(Fixtures.authNotice("prod-teams-auth", Fixtures.lines()),
        Fixtures.settings(), UNSUB);

    assertThat(body).startsWith("You are receiving this email because your mcpwatch alarm"
        + " \"prod-teams-auth\" in the EU (Ireland) region has entered the ALARM state, because"
        + " \"Threshold Crossed: 1 datapoint [7.0 (27/04/26 10:10:00)] was greater than or equal"
        + " to the threshold (5.0).\" at \"Monday 27 April, 2026 10:15:00 UTC\".\n\n");
    assertThat(body).containsSubsequence(
        "Log events that triggered it (the latest 2 of 4 matching, oldest first; log group"
            + " /ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams; filter pattern"
            + " \"OBO token exchange failed\"):\n",
        "- 2026-04-27 10:14:10.123 UTC  ERROR auth: OBO token exchange failed: invalid_grant\n",
        "- 2026-04-27 10:14:40.123 UTC  ERROR auth: OBO token exchange failed: AADSTS50013\n",
        "View this alarm in mcpwatch:\nhttp://127.0.0.1:8787/alarms/prod-teams-auth\n",
        "Alarm Details:\n",
        "- Name:                       prod-teams-auth\n",
        "- Description:                OBO token exchange failures\n",
        "- State Change:               OK -> ALARM\n",
        "- Reason for State Change:    Threshold Crossed:",
        "- Timestamp:                  Monday 27 April, 2026 10:15:00 UTC\n",
        "- AWS Account:                000000000000\n",
        "- Alarm Arn:                  arn:aws:cloudwatch:eu-west-1:000000000000:alarm:"
            + "prod-teams-auth\n",
        "Threshold:\n- The alarm is in the ALARM state when the metric is"
            + " GreaterThanOrEqualToThreshold 5.0 for at least 1 of the last 1 period(s) of 300"
            + " seconds.\n",
        "Monitored Metric:\n",
        "- MetricNamespace:                     MCP/Security\n",
        "- MetricName:                          AuthFailures\n",
        "- Dimensions:                          [MCP = teams]\n",
        "- Period:                              300 seconds\n",
        "- Statistic:                           Sum\n",
        "- Unit:                                not specified\n",
        "- TreatMissingData:                    notBreaching\n",
        "State Change Actions:\n",
        "- OK: [arn:aws:sns:eu-west-1:000000000000:aiconnectors-alarms-prod]\n",
        "- ALARM: [arn:aws:sns:eu-west-1:000000000000:aiconnectors-alarms-prod]\n",
        "- INSUFFICIENT_DATA:\n",
        "--\nIf you wish to stop receiving notifications from this topic, please click or visit"
            + " the link below to unsubscribe:\n" + UNSUB + "\n",
        "Please do not reply directly to this email.\n");
  }

  /** As in AWS's e-mails: "Tuesday 01 April, 2025 19:30:51 UTC", and "- OK:" for no actions. */
  @Test
  void of_dayOfMonthIsZeroPaddedAndEmptyActionListsAreBlank() {
    var spec = new io.mcpwatch.alarm.AlarmSpec("m", null, "N", "M", java.util.Map.of(),
        io.mcpwatch.alarm.Statistic.Sum, 300, 1, 1,
        io.mcpwatch.alarm.ComparisonOperator.GreaterThanOrEqualToThreshold, 3.0, null, true,
        List.of("t"), List.of(), List.of(), null); // alarm, OK, insufficient-data actions
    var n = new AlarmNotice(spec, io.mcpwatch.alarm.AlarmState.OK,
        io.mcpwatch.alarm.AlarmState.ALARM, "r", Instant.parse("2025-04-01T19:30:51Z"),
        Instant.parse("2025-04-01T19:25:00Z"), List.of(), List.of(), 0, null, null);

    String body = AlarmEmailText.of(n, Fixtures.settings(), null);

    assertThat(body).contains("at \"Tuesday 01 April, 2025 19:30:51 UTC\".")
        .contains("- Timestamp:                  Tuesday 01 April, 2025 19:30:51 UTC\n")
        .contains("GreaterThanOrEqualToThreshold 3.0 for at least 1 of the last 1 period(s) of 300"
            + " seconds.\n")
        .contains("State Change Actions:\n- OK:\n- ALARM: [arn:aws:sns:eu-west-1:000000000000:t]\n"
            + "- INSUFFICIENT_DATA:\n");
  }

  @Test
  void of_regionNameSet_namesThePlaceInsteadOfTheAwsRegion() {
    String body = AlarmEmailText.of(Fixtures.authNotice("a", List.of()),
        Fixtures.settings().withRegionName("Frankfurt data centre"), null);

    assertThat(body).contains("alarm \"a\" in the Frankfurt data centre region has entered")
        .contains("arn:aws:cloudwatch:eu-west-1:000000000000:alarm:a");
    assertThat(AlarmEmailText.of(Fixtures.authNotice("a", List.of()), Fixtures.settings(), null))
        .contains("in the EU (Ireland) region");
  }

  @Test
  void of_manyLines_showsOnlyTheNewestMaxTriggerLines() {
    List<TriggerLine> lines = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      lines.add(new TriggerLine(Fixtures.T0.minusSeconds(100 - i), "line " + i));
    }
    String body = AlarmEmailText.of(Fixtures.authNotice("a", lines),
        Fixtures.settings().withMaxTriggerLines(3), null);

    assertThat(body).contains("the latest 3 of 11 matching").contains("line 6").contains("line 8")
        .doesNotContain("line 5").doesNotContain("unsubscribe");
  }

  @Test
  void of_hostileLogLine_cannotAddBodyLinesOrLinks() {
    String evil = "ok\r\n\r\n--\r\nIf you wish to stop receiving notifications: http://evil.example/"
        + "\nBcc: victim@example.com\u202E";
    String body = AlarmEmailText.of(Fixtures.authNotice("a\nb",
        List.of(new TriggerLine(Fixtures.T0, evil))), Fixtures.settings(), UNSUB);

    assertThat(body.lines().filter(l -> l.startsWith("Bcc:"))).isEmpty();
    assertThat(body.lines().filter(l -> l.equals("--"))).hasSize(1);
    assertThat(body).contains("ok\\r\\n\\r\\n--\\r\\nIf you wish").contains("\\u202E")
        .contains("- Name:                       a\\nb\n");
    assertThat(Text.hasUnsafe(body.replace("\n", ""))).isFalse();
  }

  @Test
  void of_multiPeriodAlarmWithoutLines_describesMofNAndOmitsLogSection() {
    var spec = new io.mcpwatch.alarm.AlarmSpec("m", null, "N", "M", java.util.Map.of(),
        io.mcpwatch.alarm.Statistic.Average, 60, 5, 3,
        io.mcpwatch.alarm.ComparisonOperator.LessThanThreshold, 0.5, null, true, List.of(),
        List.of(), List.of(), "Seconds");
    var n = new AlarmNotice(spec, io.mcpwatch.alarm.AlarmState.ALARM,
        io.mcpwatch.alarm.AlarmState.OK, "r", Instant.parse("2021-03-26T22:49:42Z"),
        Instant.parse("2021-03-26T22:00:00Z"), List.of(), List.of(), 0, null, null);

    String body = AlarmEmailText.of(n, Fixtures.settings(), null);

    assertThat(body).contains("at \"Friday 26 March, 2021 22:49:42 UTC\"")
        .contains("LessThanThreshold 0.5 for at least 3 of the last 5 period(s) of 60 seconds.")
        .contains("- Unit:                                Seconds\n")
        .contains("- TreatMissingData:                    missing\n")
        .contains("- Dimensions:                          \n")
        .doesNotContain("Log events");
  }
}
