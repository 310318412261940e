package io.mcpwatch.notify;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Shared test data: the spec 4.3 example alarm, an ADR-style alarm and a test signer. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-04-27T10:15:00.123Z");
  private static final KeyPair KEYS = newKeyPair();

  private Fixtures() {}

  /** The spec 4.3 example: "Test alarm" in ca-central-1, account 017790921725. */
  static NotifySettings specSettings() {
    return NotifySettings.of("ca-central-1", "http://127.0.0.1:8787").withAccountId("017790921725");
  }

  static AlarmSpec specAlarm() {
    return new AlarmSpec("Test alarm", null, "AWS/Lambda", "ConcurrentExecutions", Map.of(),
        Statistic.Sum, 60, 1, 1, ComparisonOperator.GreaterThanThreshold, 5.0,
        TreatMissingData.missing, true, List.of("test-sre-bot"), List.of(), List.of(), null);
  }

  static AlarmNotice specNotice() {
    return new AlarmNotice(specAlarm(), AlarmState.INSUFFICIENT_DATA, AlarmState.ALARM,
        "Threshold Crossed: 1 out of the last 1 datapoints [6.0 (25/09/22 18:49:00)] was greater"
            + " than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).",
        Instant.parse("2022-09-25T18:50:37.811Z"), Instant.parse("2022-09-25T18:48:56.505Z"),
        List.of("test-sre-bot"), List.of(), 0, null, null);
  }

  static NotifySettings settings() {
    return NotifySettings.of("eu-west-1", "http://127.0.0.1:8787");
  }

  /** ADR-0003's auth-failure alarm for app teams in prod. */
  static AlarmSpec authAlarm(String name) {
    return new AlarmSpec(name, "OBO token exchange failures", "MCP/Security", "AuthFailures",
        Map.of("MCP", "teams"), Statistic.Sum, 300, 1, null,
        ComparisonOperator.GreaterThanOrEqualToThreshold, 5.0, TreatMissingData.notBreaching, true,
        List.of("aiconnectors-alarms-prod"), List.of("aiconnectors-alarms-prod"), List.of(), null);
  }

  static AlarmNotice authNotice(String name, List<TriggerLine> lines) {
    return new AlarmNotice(authAlarm(name), AlarmState.OK, AlarmState.ALARM,
        "Threshold Crossed: 1 datapoint [7.0 (27/04/26 10:10:00)] was greater than or equal to the"
            + " threshold (5.0).",
        T0, T0.minusSeconds(3600), List.of("aiconnectors-alarms-prod"), lines, lines.size() + 2L,
        "/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams", "\"OBO token exchange failed\"");
  }

  static List<TriggerLine> lines() {
    return List.of(
        new TriggerLine(T0.minusSeconds(50), "ERROR auth: OBO token exchange failed: invalid_grant"),
        new TriggerLine(T0.minusSeconds(20), "ERROR auth: OBO token exchange failed: AADSTS50013"));
  }

  static MessageSigner signer() {
    return data -> {
      try {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(KEYS.getPrivate());
        s.update(data);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  static PublicKey publicKey() {
    return KEYS.getPublic();
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
