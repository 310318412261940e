package io.mcpwatch.aws.cloudwatch;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.aws.wire.Access;
import io.mcpwatch.aws.wire.AwsError;
import io.mcpwatch.aws.wire.Input;
import io.mcpwatch.aws.wire.Operation;
import io.mcpwatch.aws.wire.Paging;
import io.mcpwatch.aws.wire.Trees;
import io.mcpwatch.metrics.MinuteAggregate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudWatch, the read side, one method per operation (see {@link #operations()}), served from a
 * {@link CloudWatchReadModel}. mcpwatch keeps per-minute aggregates, so periods are multiples of
 * 60 seconds, and the statistics are the five an alarm can use (no percentiles, no metric math).
 * Thread-safe.
 */
public final class CloudWatchService {
  private static final long MAX_GET_METRIC_STATISTICS_POINTS = 1440;
  private static final int DEFAULT_MAX_DATAPOINTS = 100_800;

  private final CloudWatchReadModel model;
  private final String region;
  private final String accountId;
  private final InstantSource clock;

  public CloudWatchService(
      CloudWatchReadModel model, String region, String accountId, InstantSource clock) {
    this.model = Objects.requireNonNull(model, "model");
    this.region = Objects.requireNonNull(region, "region");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every operation this service answers. */
  public List<Operation> operations() {
    return List.of(
        new Operation("DescribeAlarms", Access.READ, this::describeAlarms),
        new Operation("DescribeAlarmsForMetric", Access.READ, this::describeAlarmsForMetric),
        new Operation("DescribeAlarmHistory", Access.READ, this::describeAlarmHistory),
        new Operation("ListMetrics", Access.READ, this::listMetrics),
        new Operation("GetMetricData", Access.READ, this::getMetricData),
        new Operation("GetMetricStatistics", Access.READ, this::getMetricStatistics),
        new Operation("SetAlarmState", Access.ADMIN, this::setAlarmState));
  }

  // ---- alarms -------------------------------------------------------------------------------

  ObjectNode describeAlarms(Input in) throws AwsError {
    List<String> names = in.strings("AlarmNames");
    String prefix = in.optString("AlarmNamePrefix", 1, 255);
    if (!names.isEmpty() && prefix != null) {
      throw AwsError.badRequest(
          "InvalidParameterCombination", "AlarmNames and AlarmNamePrefix are mutually exclusive.");
    }
    List<String> types = in.strings("AlarmTypes");
    String stateValue = in.optString("StateValue");
    AlarmState state = stateValue == null ? null : state(in, "StateValue", stateValue);
    String actionPrefix = in.optString("ActionPrefix", 1, 1024);
    int max = in.optInt("MaxRecords", 1, 100, 50);
    boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
    List<ObjectNode> rows = new ArrayList<>();
    if (metricAlarms) {
      for (AlarmView a : model.alarms()) {
        AlarmSpec s = a.spec();
        if (!names.isEmpty() && !names.contains(s.alarmName())) {
          continue;
        }
        if (prefix != null && !s.alarmName().startsWith(prefix)) {
          continue;
        }
        if (state != null && a.state() != state) {
          continue;
        }
        if (actionPrefix != null && !hasAction(s, actionPrefix)) {
          continue;
        }
        rows.add(alarm(a));
      }
    }
    Paging<ObjectNode> page = Paging.of(rows, in.optString("NextToken"), max, badToken());
    ObjectNode out = Trees.object();
    out.putArray("MetricAlarms").addAll(page.page());
    out.putArray("CompositeAlarms");
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private static boolean hasAction(AlarmSpec s, String prefix) {
    for (List<String> l : List.of(s.alarmActions(), s.okActions(), s.insufficientDataActions())) {
      for (String a : l) {
        if (a.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  private static AwsError badToken() {
    return AwsError.badRequest("InvalidNextToken", "The service couldn't process the NextToken.");
  }

  private static AlarmState state(Input in, String member, String value) throws AwsError {
    try {
      return AlarmState.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw in.invalid(member, "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]");
    }
  }

  ObjectNode describeAlarmsForMetric(Input in) throws AwsError {
    String name = in.string("MetricName");
    String namespace = in.string("Namespace");
    String stat = in.optString("Statistic");
    Map<String, String> dims = dimensions(in, "Dimensions");
    Long period = in.optLong("Period");
    String unit = in.optString("Unit");
    ObjectNode out = Trees.object();
    ArrayNode list = out.putArray("MetricAlarms");
    for (AlarmView a : model.alarms()) {
      AlarmSpec s = a.spec();
      if (!s.metricName().equals(name) || !s.namespace().equals(namespace)) {
        continue;
      }
      if (in.has("Dimensions") && !s.dimensions().equals(dims)) {
        continue;
      }
      if (stat != null && !s.statistic().name().equals(stat)) {
        continue;
      }
      if (period != null && s.periodSeconds() != period) {
        continue;
      }
      if (unit != null && !unit.equals(s.unit())) {
        continue;
      }
      list.add(alarm(a));
    }
    return out;
  }

  private ObjectNode alarm(AlarmView a) {
    AlarmSpec s = a.spec();
    ObjectNode o = Trees.object();
    o.put("AlarmName", s.alarmName());
    o.put("AlarmArn", "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + s.alarmName());
    if (s.description() != null) {
      o.put("AlarmDescription", s.description());
    }
    o.set("AlarmConfigurationUpdatedTimestamp", Trees.timestamp(a.configurationUpdated()));
    o.put("ActionsEnabled", s.actionsEnabled());
    strings(o.putArray("OKActions"), s.okActions());
    strings(o.putArray("AlarmActions"), s.alarmActions());
    strings(o.putArray("InsufficientDataActions"), s.insufficientDataActions());
    o.put("StateValue", a.state().name());
    o.put("StateReason", a.stateReason());
    if (a.stateReasonData() != null) {
      o.put("StateReasonData", a.stateReasonData());
    }
    o.set("StateUpdatedTimestamp", Trees.timestamp(a.stateUpdated()));
    o.put("MetricName", s.metricName());
    o.put("Namespace", s.namespace());
    o.put("Statistic", s.statistic().name());
    dimensionList(o.putArray("Dimensions"), s.dimensions());
    o.put("Period", s.periodSeconds());
    if (s.unit() != null) {
      o.put("Unit", s.unit());
    }
    o.put("EvaluationPeriods", s.evaluationPeriods());
    if (s.datapointsToAlarm() != null) {
      o.put("DatapointsToAlarm", s.datapointsToAlarm().intValue());
    }
    o.put("Threshold", s.threshold());
    o.put("ComparisonOperator", s.comparison().name());
    if (s.treatMissingData() != null) {
      o.put("TreatMissingData", s.treatMissingData().name());
    }
    o.set("StateTransitionedTimestamp", Trees.timestamp(a.stateTransitioned()));
    return o;
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static void dimensionList(ArrayNode a, Map<String, String> dims) {
    new TreeMap<>(dims)
        .forEach(
            (k, v) -> {
              ObjectNode d = a.addObject();
              d.put("Name", k);
              d.put("Value", v);
            });
  }

  ObjectNode describeAlarmHistory(Input in) throws AwsError {
    String name = in.optString("AlarmName", 1, 255);
    List<String> types = in.strings("AlarmTypes");
    String itemType = in.optString("HistoryItemType");
    if (itemType != null) {
      boolean known = false;
      for (HistoryItem.Type t : HistoryItem.Type.values()) {
        known |= t.name().equals(itemType);
      }
      if (!known && !itemType.equals("AlarmContributorStateUpdate")
          && !itemType.equals("AlarmContributorAction")) {
        throw in.invalid(
            "HistoryItemType",
            "Member must satisfy enum value set: [ConfigurationUpdate, StateUpdate, Action]");
      }
    }
    Instant start = in.optTimestamp("StartDate");
    Instant end = in.optTimestamp("EndDate");
    int max = in.optInt("MaxRecords", 1, 100, 100);
    boolean ascending = scanAscending(in);
    List<HistoryItem> items = new ArrayList<>();
    if (types.isEmpty() || types.contains("MetricAlarm")) {
      for (HistoryItem h : model.history(name)) {
        if (name != null && !h.alarmName().equals(name)) {
          continue;
        }
        if (itemType != null && !h.type().name().equals(itemType)) {
          continue;
        }
        if (start != null && h.timestamp().isBefore(start)) {
          continue;
        }
        if (end != null && h.timestamp().isAfter(end)) {
          continue;
        }
        items.add(h);
      }
    }
    Comparator<HistoryItem> order =
        Comparator.comparing(HistoryItem::timestamp).thenComparing(HistoryItem::alarmName);
    items.sort(ascending ? order : order.reversed());
    List<ObjectNode> rows = new ArrayList<>();
    for (HistoryItem h : items) {
      ObjectNode o = Trees.object();
      o.put("AlarmName", h.alarmName());
      o.put("AlarmType", h.alarmType());
      o.set("Timestamp", Trees.timestamp(h.timestamp()));
      o.put("HistoryItemType", h.type().name());
      o.put("HistorySummary", h.summary());
      o.put("HistoryData", h.data());
      rows.add(o);
    }
    Paging<ObjectNode> page = Paging.of(rows, in.optString("NextToken"), max, badToken());
    ObjectNode out = Trees.object();
    out.putArray("AlarmHistoryItems").addAll(page.page());
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private static boolean scanAscending(Input in) throws AwsError {
    String scanBy = in.optString("ScanBy");
    if (scanBy == null || scanBy.equals("TimestampDescending")) {
      return false;
    }
    if (scanBy.equals("TimestampAscending")) {
      return true;
    }
    throw in.invalid(
        "ScanBy", "Member must satisfy enum value set: [TimestampDescending, TimestampAscending]");
  }

  // ---- metrics ------------------------------------------------------------------------------

  ObjectNode listMetrics(Input in) throws AwsError {
    String namespace = in.optString("Namespace", 1, 255);
    String name = in.optString("MetricName", 1, 255);
    List<Input> filters = in.list("Dimensions");
    if (filters.size() > 30) {
      throw in.invalid("Dimensions", "Member must have length less than or equal to 30");
    }
    Map<String, @Nullable String> wanted = new LinkedHashMap<>();
    for (Input f : filters) {
      wanted.put(f.string("Name"), f.optString("Value"));
    }
    String recently = in.optString("RecentlyActive");
    if (recently != null && !recently.equals("PT3H")) {
      throw in.invalid("RecentlyActive", "Member must satisfy enum value set: [PT3H]");
    }
    Instant now = clock.instant();
    List<MetricId> all = new ArrayList<>(model.metrics());
    all.sort(
        Comparator.comparing(MetricId::namespace)
            .thenComparing(MetricId::metricName)
            .thenComparing(m -> m.dimensions().toString()));
    List<ObjectNode> rows = new ArrayList<>();
    for (MetricId m : all) {
      if (namespace != null && !m.namespace().equals(namespace)) {
        continue;
      }
      if (name != null && !m.metricName().equals(name)) {
        continue;
      }
      boolean ok = true;
      for (Map.Entry<String, @Nullable String> w : wanted.entrySet()) {
        String v = m.dimensions().get(w.getKey());
        ok &= v != null && (w.getValue() == null || w.getValue().equals(v));
      }
      if (!ok) {
        continue;
      }
      if (recently != null
          && model.minutes(m, now.minus(Duration.ofHours(3)), now.plusSeconds(60)).isEmpty()) {
        continue;
      }
      ObjectNode o = Trees.object();
      o.put("Namespace", m.namespace());
      o.put("MetricName", m.metricName());
      dimensionList(o.putArray("Dimensions"), m.dimensions());
      rows.add(o);
    }
    Paging<ObjectNode> page = Paging.of(rows, in.optString("NextToken"), 500, badToken());
    ObjectNode out = Trees.object();
    out.putArray("Metrics").addAll(page.page());
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }

  private static Map<String, String> dimensions(Input in, String member) throws AwsError {
    Map<String, String> dims = new TreeMap<>();
    List<Input> list = in.list(member);
    if (list.size() > 30) {
      throw in.invalid(member, "Member must have length less than or equal to 30");
    }
    for (Input d : list) {
      String n = d.string("Name");
      String v = d.string("Value");
      if (dims.put(n, v) != null) {
        throw AwsError.badRequest(
            "InvalidParameterValue", "The collection " + member + " must not have a duplicate dimension " + n + ".");
      }
    }
    return dims;
  }

  private static int period(Input in, String member, boolean required) throws AwsError {
    Long p = in.optLong(member);
    if (p == null) {
      if (required) {
        throw in.missing(member);
      }
      return 0;
    }
    if (p < 1) {
      throw in.invalid(member, "Member must have value greater than or equal to 1");
    }
    if (p % 60 != 0 || p > 86_400 * 455L) {
      throw AwsError.badRequest(
          "InvalidParameterValue",
          "The parameter " + member + " must be a multiple of 60: mcpwatch keeps per-minute"
              + " aggregates (high-resolution periods of 1-30 s are not served); found " + p);
    }
    return (int) (long) p;
  }

  private static Statistic statistic(Input in, String member, String value) throws AwsError {
    try {
      return Statistic.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw AwsError.badRequest(
          "InvalidParameterValue",
          "The parameter "
              + member
              + " must be one of SampleCount, Average, Sum, Minimum, Maximum (mcpwatch computes"
              + " no percentiles or other extended statistics); found "
              + io.mcpwatch.aws.wire.Text.excerpt(value, 40));
    }
  }

  /** One aggregated bucket of a period. */
  private record Bucket(Instant start, double sum, long count, double min, double max) {
    double value(Statistic s) {
      return s.compute(sum, count, min, max);
    }
  }

  /** Period buckets over [start, end), aligned to the period from the epoch; empty ones absent. */
  private List<Bucket> buckets(MetricId metric, Instant start, Instant end, int period) {
    long p = period * 1000L;
    long from = Math.floorDiv(start.toEpochMilli(), p) * p;
    List<Bucket> out = new ArrayList<>();
    Bucket cur = null;
    for (MinuteAggregate m : model.minutes(metric, Instant.ofEpochMilli(from), end)) {
      long b = Math.floorDiv(m.start().toEpochMilli(), p) * p;
      if (cur != null && cur.start().toEpochMilli() == b) {
        cur =
            new Bucket(
                cur.start(),
                cur.sum() + m.sum(),
                cur.count() + m.sampleCount(),
                Math.min(cur.min(), m.min()),
                Math.max(cur.max(), m.max()));
        out.set(out.size() - 1, cur);
      } else {
        cur = new Bucket(Instant.ofEpochMilli(b), m.sum(), m.sampleCount(), m.min(), m.max());
        out.add(cur);
      }
    }
    return out;
  }

  private static void checkTimes(Input in, Instant start, Instant end) throws AwsError {
    if (!end.isAfter(start)) {
      throw AwsError.badRequest(
          "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
    }
  }

  private record Series(String id, String label, List<Instant> times, List<Double> values) {}

  ObjectNode getMetricData(Input in) throws AwsError {
    List<Input> queries = in.list("MetricDataQueries");
    if (!in.has("MetricDataQueries")) {
      throw in.missing("MetricDataQueries");
    }
    if (queries.isEmpty() || queries.size() > 500) {
      throw in.invalid("MetricDataQueries", "Member must have length between 1 and 500");
    }
    Instant start = in.timestamp("StartTime");
    Instant end = in.timestamp("EndTime");
    checkTimes(in, start, end);
    boolean ascending = scanAscending(in);
    int maxPoints = in.optInt("MaxDatapoints", 1, Integer.MAX_VALUE, DEFAULT_MAX_DATAPOINTS);
    List<Series> series = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Input q : queries) {
      String id = q.string("Id");
      if (id.isEmpty() || !Character.isLowerCase(id.charAt(0))
          || !id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
        throw AwsError.badRequest(
            "ValidationError",
            "The value " + io.mcpwatch.aws.wire.Text.excerpt(id, 40)
                + " for parameter MetricDataQueries.member.Id is invalid: it must start with a"
                + " lowercase letter and hold only letters, digits and underscores.");
      }
      if (!ids.add(id)) {
        throw AwsError.badRequest(
            "ValidationError", "The values for parameter id in MetricDataQueries are not unique.");
      }
      if (q.has("Expression")) {
        throw AwsError.badRequest(
            "ValidationError",
            "MetricDataQueries " + id + ": Expression (metric math, Metrics Insights) is not"
                + " supported by mcpwatch; use MetricStat");
      }
      Input stat = q.optObject("MetricStat");
      if (stat == null) {
        throw AwsError.badRequest(
            "ValidationError", "MetricDataQueries " + id + ": expected MetricStat or Expression");
      }
      if (!q.optBoolean("ReturnData", true)) {
        continue;
      }
      Input metric = stat.object("Metric");
      MetricId m =
          new MetricId(
              metric.string("Namespace"), metric.string("MetricName"), dimensions(metric, "Dimensions"));
      int period = period(stat, "Period", true);
      Statistic s = statistic(stat, "Stat", stat.string("Stat"));
      String label = q.optString("Label");
      List<Bucket> buckets = buckets(m, start, end, period);
      List<Instant> times = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (Bucket b : buckets) {
        times.add(b.start());
        values.add(b.value(s));
      }
      if (!ascending) {
        java.util.Collections.reverse(times);
        java.util.Collections.reverse(values);
      }
      series.add(new Series(id, label == null ? m.metricName() : label, times, values));
    }
    // pagination: MaxDatapoints over all series, in query order
    long from = 0;
    String token = in.optString("NextToken");
    if (token != null) {
      from = decodeOffset(token);
    }
    long remaining = maxPoints;
    long offset = 0;
    long consumed = from;
    long total = 0;
    ObjectNode out = Trees.object();
    ArrayNode results = out.putArray("MetricDataResults");
    for (Series se : series) {
      ObjectNode r = results.addObject();
      r.put("Id", se.id());
      r.put("Label", se.label());
      ArrayNode ts = r.putArray("Timestamps");
      ArrayNode vs = r.putArray("Values");
      int n = se.times().size();
      total += n;
      boolean complete = true;
      for (int i = 0; i < n; i++, offset++) {
        if (offset < from) {
          continue;
        }
        if (remaining == 0) {
          complete = false;
          continue;
        }
        ts.add(Trees.timestamp(se.times().get(i)));
        vs.add(se.values().get(i));
        remaining--;
        consumed++;
      }
      r.put("StatusCode", complete ? "Complete" : "PartialData");
      r.putArray("Messages");
    }
    if (consumed < total) {
      out.put("NextToken", encodeOffset(consumed));
    }
    out.putArray("Messages");
    return out;
  }

  private static String encodeOffset(long offset) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("mcpwatch-gmd:" + offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static long decodeOffset(String token) throws AwsError {
    try {
      String t =
          new String(java.util.Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
      if (!t.startsWith("mcpwatch-gmd:")) {
        throw badToken();
      }
      long v = Long.parseLong(t.substring("mcpwatch-gmd:".length()));
      if (v < 0) {
        throw badToken();
      }
      return v;
    } catch (IllegalArgumentException e) {
      throw badToken();
    }
  }

  ObjectNode getMetricStatistics(Input in) throws AwsError {
    String namespace = in.string("Namespace");
    String name = in.string("MetricName");
    Map<String, String> dims = dimensions(in, "Dimensions");
    Instant start = in.timestamp("StartTime");
    Instant end = in.timestamp("EndTime");
    checkTimes(in, start, end);
    int period = period(in, "Period", true);
    List<String> stats = in.strings("Statistics");
    List<String> extended = in.strings("ExtendedStatistics");
    if (stats.isEmpty() && extended.isEmpty()) {
      throw AwsError.badRequest(
          "MissingParameter", "Either Statistics or ExtendedStatistics must be specified.");
    }
    if (!extended.isEmpty()) {
      throw AwsError.badRequest(
          "InvalidParameterValue",
          "ExtendedStatistics (percentiles) are not computed by mcpwatch; use Statistics");
    }
    List<Statistic> wanted = new ArrayList<>();
    for (String s : stats) {
      wanted.add(statistic(in, "Statistics", s));
    }
    long points = (end.getEpochSecond() - start.getEpochSecond() + period - 1) / period;
    if (points > MAX_GET_METRIC_STATISTICS_POINTS) {
      throw AwsError.badRequest(
          "InvalidParameterCombination",
          "You have requested up to "
              + points
              + " datapoints, which exceeds the limit of 1,440. You may reduce the datapoints"
              + " requested by increasing Period, or decreasing the time range.");
    }
    String unit = in.optString("Unit");
    MetricId m = new MetricId(namespace, name, dims);
    ObjectNode out = Trees.object();
    out.put("Label", name);
    ArrayNode dps = out.putArray("Datapoints");
    for (Bucket b : buckets(m, start, end, period)) {
      ObjectNode d = dps.addObject();
      d.set("Timestamp", Trees.timestamp(b.start()));
      for (Statistic s : wanted) {
        d.put(s.name(), b.value(s));
      }
      d.put("Unit", unit == null ? unitOf(m) : unit);
    }
    return out;
  }

  private String unitOf(MetricId m) {
    for (AlarmView a : model.alarms()) {
      if (a.metric().equals(m) && a.spec().unit() != null) {
        return a.spec().unit();
      }
    }
    return "None";
  }

  // ---- commands -----------------------------------------------------------------------------

  ObjectNode setAlarmState(Input in) throws AwsError {
    String name = in.optString("AlarmName", 1, 255);
    if (name == null) {
      throw in.missing("AlarmName");
    }
    AlarmState state = state(in, "StateValue", in.string("StateValue"));
    String reason = in.optString("StateReason", 0, 1023);
    if (reason == null) {
      throw in.missing("StateReason");
    }
    String data = in.optString("StateReasonData", 0, 4000);
    if (data != null) {
      try {
        JsonNode parsed = Trees.JSON.readTree(data);
        if (parsed == null || !parsed.isObject()) {
          throw new AwsError(400, "InvalidFormat", "StateReasonData must be a JSON object.");
        }
      } catch (JacksonException e) {
        throw new AwsError(400, "InvalidFormat", "StateReasonData is not valid JSON.");
      }
    }
    if (!model.setAlarmState(name, state, reason, data)) {
      throw new AwsError(404, "ResourceNotFound", "Alarm " + name + " does not exist.");
    }
    return Trees.object();
  }

  @Override
  public String toString() {
    return "CloudWatchService[" + region.toLowerCase(Locale.ROOT) + "]";
  }
}
