package io.mcpwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmHistoryItem;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.InvalidFormatException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The CloudWatch read side through the AWS SDK for Java 2.x (Smithy RPC v2 CBOR, SigV4). */
class CloudWatchApiTest {
  static TestServer server;
  static CloudWatchClient cw;

  @BeforeAll
  static void start() {
    server = new TestServer();
    cw = server.cloudWatchClient();
  }

  @AfterAll
  static void stop() {
    cw.close();
    server.close();
  }

  static Metric denied() {
    return Metric.builder()
        .namespace("MCP/Security")
        .metricName("Denied")
        .dimensions(Dimension.builder().name("MCP").value("github").build())
        .build();
  }

  @Test
  void describeAlarms_allFieldsAndFilters() {
    DescribeAlarmsResponse all = cw.describeAlarms();
    assertThat(all.metricAlarms())
        .extracting(MetricAlarm::alarmName)
        .containsExactly("files-errors", "github-denied");
    MetricAlarm a = all.metricAlarms().get(1);
    assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(a.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:github-denied");
    assertThat(a.comparisonOperator()).isEqualTo(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
    assertThat(a.statistic()).isEqualTo(Statistic.SUM);
    assertThat(a.period()).isEqualTo(60);
    assertThat(a.threshold()).isEqualTo(1.0);
    assertThat(a.dimensions()).containsExactly(Dimension.builder().name("MCP").value("github").build());
    assertThat(a.stateUpdatedTimestamp()).isEqualTo(server.model.base.plusSeconds(600));
    assertThat(a.alarmActions()).containsExactly("arn:aws:sns:us-east-1:000000000000:security");
    assertThat(cw.describeAlarms(b -> b.stateValue(StateValue.OK)).metricAlarms())
        .extracting(MetricAlarm::alarmName)
        .containsExactly("files-errors");
    assertThat(cw.describeAlarms(b -> b.alarmNamePrefix("git")).metricAlarms()).hasSize(1);
    DescribeAlarmsResponse page = cw.describeAlarms(b -> b.maxRecords(1));
    assertThat(page.metricAlarms()).hasSize(1);
    assertThat(page.nextToken()).isNotNull();
    assertThat(cw.describeAlarms(b -> b.maxRecords(1).nextToken(page.nextToken())).metricAlarms())
        .extracting(MetricAlarm::alarmName)
        .containsExactly("github-denied");
  }

  @Test
  void describeAlarmsForMetric_matchesNamespaceNameAndDimensions() {
    assertThat(
            cw.describeAlarmsForMetric(
                    b ->
                        b.namespace("MCP/Security")
                            .metricName("Denied")
                            .dimensions(Dimension.builder().name("MCP").value("github").build()))
                .metricAlarms())
        .extracting(MetricAlarm::alarmName)
        .containsExactly("github-denied");
    assertThat(
            cw.describeAlarmsForMetric(b -> b.namespace("MCP/Security").metricName("Nothing"))
                .metricAlarms())
        .isEmpty();
  }

  @Test
  void describeAlarmHistory_newestFirstByDefault_ascendingOnRequest() {
    List<AlarmHistoryItem> h = cw.describeAlarmHistory(b -> b.alarmName("github-denied")).alarmHistoryItems();
    assertThat(h).extracting(AlarmHistoryItem::historyItemType)
        .containsExactly(HistoryItemType.STATE_UPDATE, HistoryItemType.CONFIGURATION_UPDATE);
    assertThat(h.get(0).timestamp()).isEqualTo(server.model.base.plusSeconds(600));
    assertThat(
            cw.describeAlarmHistory(b -> b.scanBy(ScanBy.TIMESTAMP_ASCENDING)).alarmHistoryItems())
        .extracting(AlarmHistoryItem::alarmName)
        .containsExactly("github-denied", "files-errors", "github-denied");
    assertThat(
            cw.describeAlarmHistory(b -> b.historyItemType(HistoryItemType.STATE_UPDATE))
                .alarmHistoryItems())
        .hasSize(1);
  }

  @Test
  void listMetrics_filtersByDimension() {
    assertThat(cw.listMetrics().metrics()).hasSize(2);
    assertThat(
            cw.listMetrics(
                    b ->
                        b.dimensions(
                            software.amazon.awssdk.services.cloudwatch.model.DimensionFilter.builder()
                                .name("MCP")
                                .value("github")
                                .build()))
                .metrics())
        .singleElement()
        .satisfies(m -> assertThat(m.metricName()).isEqualTo("Denied"));
  }

  @Test
  void getMetricData_periodsStatisticsLabelScanByAndPages() {
    Instant base = server.model.base;
    MetricDataQuery sum5 =
        MetricDataQuery.builder()
            .id("sum5")
            .label("denied per 5 min")
            .metricStat(s -> s.metric(denied()).period(300).stat("Sum"))
            .build();
    MetricDataQuery max1 =
        MetricDataQuery.builder()
            .id("max1")
            .metricStat(s -> s.metric(denied()).period(60).stat("SampleCount"))
            .build();
    GetMetricDataResponse r =
        cw.getMetricData(
            b ->
                b.startTime(base)
                    .endTime(base.plusSeconds(3600))
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .metricDataQueries(sum5, max1));
    MetricDataResult s5 = r.metricDataResults().get(0);
    assertThat(s5.label()).isEqualTo("denied per 5 min");
    assertThat(s5.timestamps()).containsExactly(base, base.plusSeconds(300));
    assertThat(s5.values()).containsExactly(15.0, 40.0); // 1..5 and 6..10
    assertThat(s5.statusCode()).isEqualTo(StatusCode.COMPLETE);
    MetricDataResult m1 = r.metricDataResults().get(1);
    assertThat(m1.label()).isEqualTo("Denied");
    assertThat(m1.values()).hasSize(10).startsWith(1.0, 2.0);
    // descending by default
    GetMetricDataResponse desc =
        cw.getMetricData(b -> b.startTime(base).endTime(base.plusSeconds(3600)).metricDataQueries(sum5));
    assertThat(desc.metricDataResults().get(0).timestamps()).containsExactly(base.plusSeconds(300), base);
    // MaxDatapoints pages, in query order, with NextToken
    List<Double> all = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      GetMetricDataResponse p =
          cw.getMetricData(
              b ->
                  b.startTime(base)
                      .endTime(base.plusSeconds(3600))
                      .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                      .maxDatapoints(4)
                      .nextToken(t)
                      .metricDataQueries(max1));
      all.addAll(p.metricDataResults().get(0).values());
      token = p.nextToken();
      pages++;
    } while (token != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(all).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
  }

  @Test
  void getMetricData_badQueries_areValidationErrors() {
    Instant base = server.model.base;
    assertThatThrownBy(
            () ->
                cw.getMetricData(
                    b ->
                        b.startTime(base)
                            .endTime(base.plusSeconds(60))
                            .metricDataQueries(
                                MetricDataQuery.builder().id("e1").expression("SUM(METRICS())").build())))
        .isInstanceOf(CloudWatchException.class)
        .hasMessageContaining("not supported");
    assertThatThrownBy(
            () ->
                cw.getMetricData(
                    b ->
                        b.startTime(base)
                            .endTime(base.plusSeconds(60))
                            .metricDataQueries(
                                MetricDataQuery.builder()
                                    .id("p")
                                    .metricStat(s -> s.metric(denied()).period(60).stat("p99"))
                                    .build())))
        .isInstanceOf(InvalidParameterValueException.class)
        .satisfies(e -> assertThat(((CloudWatchException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
  }

  @Test
  void getMetricStatistics_periodBucketsWithStatistics() {
    Instant base = server.model.base;
    List<Datapoint> d =
        cw.getMetricStatistics(
                b ->
                    b.namespace("MCP/Security")
                        .metricName("Denied")
                        .dimensions(Dimension.builder().name("MCP").value("github").build())
                        .startTime(base)
                        .endTime(base.plusSeconds(600))
                        .period(300)
                        .statistics(Statistic.SUM, Statistic.AVERAGE, Statistic.SAMPLE_COUNT))
            .datapoints();
    assertThat(d).hasSize(2);
    assertThat(d.get(0).timestamp()).isEqualTo(base);
    assertThat(d.get(0).sum()).isEqualTo(15.0);
    assertThat(d.get(0).sampleCount()).isEqualTo(15.0);
    assertThat(d.get(0).average()).isEqualTo(1.0);
    assertThat(d.get(0).unitAsString()).isEqualTo("Count");
    assertThatThrownBy(
            () ->
                cw.getMetricStatistics(
                    b ->
                        b.namespace("MCP/Security")
                            .metricName("Denied")
                            .startTime(base)
                            .endTime(base.plusSeconds(86_400 * 2))
                            .period(60)
                            .statistics(Statistic.SUM)))
        .isInstanceOf(CloudWatchException.class)
        .hasMessageContaining("exceeds the limit of 1,440");
  }

  @Test
  void setAlarmState_goesToTheModel_unknownAlarmIsResourceNotFound() {
    try {
      setAlarmStateChecks();
    } finally {
      cw.setAlarmState(b -> b.alarmName("files-errors").stateValue(StateValue.OK).stateReason("back"));
    }
  }

  private static void setAlarmStateChecks() {
    cw.setAlarmState(
        b -> b.alarmName("files-errors").stateValue(StateValue.ALARM).stateReason("testing actions"));
    assertThat(server.model.commands).contains("files-errors ALARM testing actions");
    assertThat(cw.describeAlarms(b -> b.alarmNames("files-errors")).metricAlarms().get(0).stateValue())
        .isEqualTo(StateValue.ALARM);
    assertThatThrownBy(
            () -> cw.setAlarmState(b -> b.alarmName("nope").stateValue(StateValue.OK).stateReason("x")))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              // AWS's SetAlarmState error is ResourceNotFound (404), which the SDK has no class for
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
              assertThat(e.statusCode()).isEqualTo(404);
            });
    assertThatThrownBy(
            () ->
                cw.setAlarmState(
                    b ->
                        b.alarmName("files-errors")
                            .stateValue(StateValue.OK)
                            .stateReason("x")
                            .stateReasonData("not json")))
        .isInstanceOf(InvalidFormatException.class)
        .satisfies(e -> assertThat(((CloudWatchException) e).awsErrorDetails().errorCode()).isEqualTo("InvalidFormat"));
  }
}
