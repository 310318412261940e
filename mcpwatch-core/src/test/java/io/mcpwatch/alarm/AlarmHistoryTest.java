package io.mcpwatch.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class AlarmHistoryTest {

  @Test
  void created_matchesCapturedConfigurationUpdateWithoutArn() {
    AlarmSpec spec = Specs.spec().name("API_My_IoT_Thing_History_A_WriteThrottleEvents")
        .description("API Alarm cretion Test").metric("AWS/DynamoDB", "WriteThrottleEvents")
        .dimension("TableName", "IoT_Thing_History_A").dimension("Operation", "PutItem")
        .threshold(1.0).alarmActions(
            "arn:aws:sns:us-east-1:851171679665:My_IoT_Thing_History_A_WriteThrottleEvents")
        .build();
    Instant t = Instant.parse("2022-11-02T15:55:30.959Z");
    HistoryItem item = AlarmHistory.created(spec, t);
    assertThat(item.type()).isEqualTo(HistoryItem.Type.ConfigurationUpdate);
    assertThat(item.alarmType()).isEqualTo("MetricAlarm");
    assertThat(item.timestamp()).isEqualTo(t);
    assertThat(item.summary())
        .isEqualTo("Alarm \"API_My_IoT_Thing_History_A_WriteThrottleEvents\" created");
    assertThat(item.data()).isEqualTo("{\"version\":\"1.0\",\"type\":\"Create\",\"createdAlarm\":"
        + "{\"alarmName\":\"API_My_IoT_Thing_History_A_WriteThrottleEvents\","
        + "\"alarmDescription\":\"API Alarm cretion Test\","
        + "\"alarmConfigurationUpdatedTimestamp\":\"2022-11-02T15:55:30.959+0000\","
        + "\"namespace\":\"AWS/DynamoDB\",\"metricName\":\"WriteThrottleEvents\","
        + "\"statistic\":\"Sum\",\"period\":60,\"dimensions\":[{\"value\":\"PutItem\","
        + "\"name\":\"Operation\"},{\"value\":\"IoT_Thing_History_A\",\"name\":\"TableName\"}],"
        + "\"threshold\":1.0,\"comparisonOperator\":\"GreaterThanOrEqualToThreshold\","
        + "\"evaluationPeriods\":1,\"stateValue\":\"INSUFFICIENT_DATA\","
        + "\"stateUpdatedTimestamp\":\"2022-11-02T15:55:30.959+0000\",\"actionsEnabled\":true,"
        + "\"alarmActions\":[\"arn:aws:sns:us-east-1:851171679665:"
        + "My_IoT_Thing_History_A_WriteThrottleEvents\"],\"insufficientDataActions\":[],"
        + "\"okactions\":[]}}");
  }

  @Test
  void stateUpdate_matchesCapturedHistoryData() {
    String reasonData = "{\"version\":\"1.0\",\"queryDate\":\"2014-04-09T18:59:06.419+0000\","
        + "\"startDate\":\"2014-04-09T18:44:00.000+0000\",\"statistic\":\"Average\","
        + "\"period\":300,\"recentDatapoints\":[38.958,40.292],\"threshold\":70.0}";
    String reason = "Threshold Crossed: 2 datapoints were not greater than the threshold (70.0)."
        + " The most recent datapoints: [38.958, 40.292].";
    HistoryItem item = AlarmHistory.stateUpdate("myalarm",
        Instant.parse("2014-04-09T18:59:06.442Z"), AlarmState.ALARM, "testing purposes", null,
        AlarmState.OK, reason, reasonData);
    assertThat(item.summary()).isEqualTo("Alarm updated from ALARM to OK");
    assertThat(item.type()).isEqualTo(HistoryItem.Type.StateUpdate);
    assertThat(item.data()).isEqualTo("{\"version\":\"1.0\",\"oldState\":{\"stateValue\":"
        + "\"ALARM\",\"stateReason\":\"testing purposes\"},\"newState\":{\"stateValue\":\"OK\","
        + "\"stateReason\":\"" + reason + "\",\"stateReasonData\":" + reasonData + "}}");
  }

  @Test
  void stateUpdate_itemsOfOneTransitionShareOneSummaryInstance() {
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    HistoryItem a = AlarmHistory.stateUpdate("a", t, AlarmState.OK, "r", null,
        AlarmState.ALARM, "r2", null);
    HistoryItem b = AlarmHistory.stateUpdate("b", t.plusSeconds(60), AlarmState.OK, "x", null,
        AlarmState.ALARM, "y", null);
    HistoryItem c = AlarmHistory.stateUpdate("c", t, AlarmState.INSUFFICIENT_DATA, "r", null,
        AlarmState.OK, "r2", null);
    assertThat(a.summary()).isEqualTo("Alarm updated from OK to ALARM").isSameAs(b.summary());
    assertThat(c.summary()).isEqualTo("Alarm updated from INSUFFICIENT_DATA to OK");
  }

  @Test
  void action_successAndFailure() {
    Instant t = Instant.parse("2026-09-18T10:15:07.123Z");
    HistoryItem ok = AlarmHistory.action("acme-api-5xx", t,
        "arn:aws:sns:us-east-1:123456789012:acme-oncall", null);
    assertThat(ok.type()).isEqualTo(HistoryItem.Type.Action);
    assertThat(ok.summary())
        .isEqualTo("Successfully executed action arn:aws:sns:us-east-1:123456789012:acme-oncall");
    assertThat(ok.data()).isEqualTo("{\"actionState\":\"Succeeded\",\"notificationResource\":"
        + "\"arn:aws:sns:us-east-1:123456789012:acme-oncall\"}");
    HistoryItem failed = AlarmHistory.action("acme-api-5xx", t, "oncall", "SMTP 550");
    assertThat(failed.summary()).isEqualTo("Failed to execute action oncall. Reason: SMTP 550");
    assertThat(failed.data()).contains("\"actionState\":\"Failed\"");
  }

  @Test
  void updated_keepsCurrentStateInBothConfigurations() {
    AlarmSpec before = Specs.spec().threshold(1.0).build();
    AlarmSpec after = Specs.spec().threshold(2.0).build();
    HistoryItem item = AlarmHistory.updated(before, after, Instant.EPOCH, AlarmState.ALARM);
    assertThat(item.summary()).isEqualTo("Alarm \"test-alarm\" updated");
    assertThat(item.data()).contains("\"type\":\"Update\"").contains("\"threshold\":2.0")
        .contains("\"stateValue\":\"ALARM\"");
  }

  @Test
  void stateUpdate_anyReasonDataJson_isWrittenAsTheTreeWritesIt() {
    // SetAlarmState's StateReasonData is the caller's JSON: spaces, escapes, number forms, nesting
    // and repeated keys (the tree keeps the last value, at the first one's place)
    String[] values = {"1", "-0", "0.5", "1e3", "-2.5E-3", "12345678901", "123456789012345678901234",
        "1.0000000000000002", "\"a\"", "\"\\u00e9\\n\\\"q\\\"\"", "\"\u00e9t\u00e9\"",
        "true", "null", "[]", "[1, 2.0, \"x\"]", "{}", "{\"k\" : [ {\"z\": 1} ]}"};
    String[] keys = {"a", "b", "version", "queryDate", "\\u0041"};
    Random r = new Random(14);
    for (int n = 0; n < 3000; n++) {
      StringBuilder json = new StringBuilder(r.nextBoolean() ? "{" : " {\n  ");
      int fields = r.nextInt(5);
      for (int i = 0; i < fields; i++) {
        json.append(i == 0 ? "" : r.nextBoolean() ? "," : " , ")
            .append('"').append(keys[r.nextInt(keys.length)]).append('"')
            .append(r.nextBoolean() ? ":" : " : ")
            .append(values[r.nextInt(values.length)]);
      }
      json.append(r.nextBoolean() ? "}" : " }\n");
      String text = json.toString();
      Instant t = Instant.parse("2024-05-01T10:00:00Z");
      String expected = AwsFormats.write(tree(text));
      assertThat(AlarmHistory.stateUpdate("a", t, AlarmState.OK, "by hand", text,
          AlarmState.ALARM, "r", "{\"version\":\"1.0\"}").data())
          .as(text).isEqualTo(expected);
    }
  }

  /** What stateUpdate wrote before: the reason data read into a tree and written back. */
  private static ObjectNode tree(String oldReasonData) {
    ObjectNode o = AwsFormats.object();
    o.put("version", "1.0");
    ObjectNode old = o.putObject("oldState");
    old.put("stateValue", "OK");
    old.put("stateReason", "by hand");
    old.set("stateReasonData", AwsFormats.read(oldReasonData));
    ObjectNode now = o.putObject("newState");
    now.put("stateValue", "ALARM");
    now.put("stateReason", "r");
    now.set("stateReasonData", AwsFormats.read("{\"version\":\"1.0\"}"));
    return o;
  }

  @Test
  void createdAndUpdated_writeWhatTheJsonTreeWrote() {
    String[] texts = {"a", "API Alarm \"quoted\" \\ back", "tab\there", "ünïcödé ✓", "</script>",
        "x".repeat(300), "ctl\u0001\u001f"};
    qt().withExamples(400).forAll(integers().between(0, Integer.MAX_VALUE),
        longs().between(-62_000_000_000_000L, 260_000_000_000_000L)).checkAssert((seed, millis) -> {
          java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
          AlarmSpec before = randomSpec(r, texts);
          AlarmSpec after = randomSpec(r, texts);
          Instant t = Instant.ofEpochMilli(millis);
          AlarmState state = AlarmState.values()[r.nextInt(AlarmState.values().length)];
          assertThat(AlarmHistory.created(before, t).data())
              .isEqualTo(treeCreated(before, t));
          assertThat(AlarmHistory.updated(before, after, t, state).data())
              .isEqualTo(treeUpdated(before, after, t, state));
          assertThat(AlarmHistory.created(java.util.List.of(before, after, before), t))
              .extracting(HistoryItem::data)
              .containsExactly(treeCreated(before, t), treeCreated(after, t), treeCreated(before, t));
        });
  }

  private static AlarmSpec randomSpec(java.util.SplittableRandom r, String[] texts) {
    Specs s = Specs.spec().name("alarm-" + texts[r.nextInt(texts.length)].substring(0, 1)
        + r.nextInt(1000));
    if (r.nextBoolean()) {
      s.description(texts[r.nextInt(texts.length)]);
    }
    s.metric(texts[r.nextInt(texts.length)], texts[r.nextInt(texts.length)]);
    int dims = r.nextInt(4);
    for (int i = 0; i < dims; i++) {
      s.dimension(texts[r.nextInt(texts.length)] + i, texts[r.nextInt(texts.length)]);
    }
    s.statistic(Statistic.values()[r.nextInt(Statistic.values().length)]);
    s.period(new int[] {10, 60, 300, 86_400}[r.nextInt(4)]);
    s.evaluationPeriods(1 + r.nextInt(5));
    s.datapointsToAlarm(r.nextBoolean() ? null : 1);
    s.op(ComparisonOperator.values()[r.nextInt(ComparisonOperator.values().length)]);
    s.threshold(new double[] {0, 1, -2.5, 1e-9, 1e21, 123456.789, Double.MAX_VALUE}[r.nextInt(7)]);
    s.treat(r.nextBoolean() ? null
        : TreatMissingData.values()[r.nextInt(TreatMissingData.values().length)]);
    s.actionsEnabled(r.nextBoolean());
    s.alarmActions(r.nextBoolean() ? new String[0] : new String[] {"arn:a", texts[0]});
    s.okActions(r.nextBoolean() ? new String[0] : new String[] {texts[r.nextInt(texts.length)]});
    s.insufficientDataActions(r.nextBoolean() ? new String[0] : new String[] {"i"});
    s.unit(r.nextBoolean() ? null : "Count");
    return s.build();
  }

  // the tree-built JSON that AlarmHistory wrote before it wrote straight to text (the reference)

  private static String treeCreated(AlarmSpec spec, Instant time) {
    ObjectNode data = AwsFormats.object();
    data.put("version", "1.0");
    data.put("type", "Create");
    data.set("createdAlarm", treeAlarm(spec, time, AlarmState.INSUFFICIENT_DATA));
    return AwsFormats.write(data);
  }

  private static String treeUpdated(AlarmSpec before, AlarmSpec after, Instant time,
      AlarmState current) {
    ObjectNode data = AwsFormats.object();
    data.put("version", "1.0");
    data.put("type", "Update");
    data.set("originalAlarm", treeAlarm(before, time, current));
    data.set("updatedAlarm", treeAlarm(after, time, current));
    return AwsFormats.write(data);
  }

  private static ObjectNode treeAlarm(AlarmSpec spec, Instant time, AlarmState state) {
    String at = java.time.format.DateTimeFormatter
        .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'+0000'", java.util.Locale.ROOT)
        .withZone(java.time.ZoneOffset.UTC).format(time);
    ObjectNode a = AwsFormats.object();
    a.put("alarmName", spec.alarmName());
    if (spec.description() != null) {
      a.put("alarmDescription", spec.description());
    }
    a.put("alarmConfigurationUpdatedTimestamp", at);
    a.put("namespace", spec.namespace());
    a.put("metricName", spec.metricName());
    a.put("statistic", spec.statistic().name());
    a.put("period", spec.periodSeconds());
    ArrayNode dims = a.putArray("dimensions");
    for (Map.Entry<String, String> d : new TreeMap<>(spec.dimensions()).entrySet()) {
      dims.addObject().put("value", d.getValue()).put("name", d.getKey());
    }
    if (spec.unit() != null) {
      a.put("unit", spec.unit());
    }
    a.put("threshold", spec.threshold());
    a.put("comparisonOperator", spec.comparison().name());
    a.put("evaluationPeriods", spec.evaluationPeriods());
    if (spec.datapointsToAlarm() != null) {
      a.put("datapointsToAlarm", spec.datapointsToAlarm());
    }
    if (spec.treatMissingData() != null) {
      a.put("treatMissingData", spec.treatMissingData().name());
    }
    a.put("stateValue", state.name());
    a.put("stateUpdatedTimestamp", at);
    a.put("actionsEnabled", spec.actionsEnabled());
    spec.alarmActions().forEach(a.putArray("alarmActions")::add);
    spec.insufficientDataActions().forEach(a.putArray("insufficientDataActions")::add);
    spec.okActions().forEach(a.putArray("okactions")::add);
    return a;
  }
}
