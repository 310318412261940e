package io.mcpwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilterMatchRecord;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Every CloudWatch Logs call, through the AWS SDK for Java 2.x with SigV4 signing. */
class LogsApiTest {
  static TestServer server;
  static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    server = new TestServer();
    logs = server.logsClient();
  }

  @AfterAll
  static void stop() {
    logs.close();
    server.close();
  }

  static InputLogEvent event(long ts, String message) {
    return InputLogEvent.builder().timestamp(ts).message(message).build();
  }

  @Test
  void putLogEvents_configuredGroup_countsEveryEventOnce() {
    long now = System.currentTimeMillis();
    logs.createLogStream(b -> b.logGroupName("/mcp/files").logStreamName("put-once"));
    PutLogEventsResponse r =
        logs.putLogEvents(
            b ->
                b.logGroupName("/mcp/files")
                    .logStreamName("put-once")
                    .logEvents(event(now - 1000, "put-once a"), event(now, "put-once b")));
    assertThat(r.nextSequenceToken()).isNotBlank();
    assertThat(r.rejectedLogEventsInfo()).isNull();
    assertThat(r.responseMetadata().requestId()).isNotEqualTo("UNKNOWN");
    assertThat(server.sink.counts()).containsEntry("put-once a", 1).containsEntry("put-once b", 1);
    assertThat(server.sink.events())
        .filteredOn(e -> e.message().startsWith("put-once"))
        .allSatisfy(e -> assertThat(e.logGroup()).isEqualTo("/mcp/files"));
  }

  @Test
  void putLogEvents_commitFailed_isA503NotA200_andTheRetryCountsOnce() {
    long now = System.currentTimeMillis();
    logs.createLogStream(b -> b.logGroupName("/mcp/files").logStreamName("uncommitted"));
    server.sink.uncommittedFor(1);
    try (CloudWatchLogsClient once =
        server.logsClient(TestServer.KEY_ID, TestServer.SECRET, false)) {
      assertThatThrownBy(
              () ->
                  once.putLogEvents(
                      b ->
                          b.logGroupName("/mcp/files")
                              .logStreamName("uncommitted")
                              .logEvents(event(now, "uncommitted a"))))
          .isInstanceOfSatisfying(
              software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException.class,
              e -> assertThat(e.statusCode()).isEqualTo(503));
    }
    // the shipper retries: the events are held by the engine already, so the retry counts nothing
    logs.putLogEvents(
        b ->
            b.logGroupName("/mcp/files")
                .logStreamName("uncommitted")
                .logEvents(event(now, "uncommitted a")));
    assertThat(server.sink.counts()).containsEntry("uncommitted a", 1);
  }

  @Test
  void putLogEvents_unconfiguredGroup_isResourceNotFound() {
    assertThatThrownBy(
            () ->
                logs.putLogEvents(
                    b ->
                        b.logGroupName("/other/app")
                            .logStreamName("s")
                            .logEvents(event(System.currentTimeMillis(), "lost?"))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("The specified log group does not exist.");
    assertThat(server.sink.counts()).doesNotContainKey("lost?");
  }

  @Test
  void createLogStream_unconfiguredGroup_isResourceNotFound() {
    assertThatThrownBy(
            () -> logs.createLogStream(b -> b.logGroupName("/other/app").logStreamName("s")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void createLogStream_twice_isResourceAlreadyExists() {
    logs.createLogStream(b -> b.logGroupName("/mcp/github").logStreamName("twice"));
    assertThatThrownBy(
            () -> logs.createLogStream(b -> b.logGroupName("/mcp/github").logStreamName("twice")))
        .isInstanceOf(ResourceAlreadyExistsException.class)
        .hasMessageContaining("The specified log stream already exists");
  }

  @Test
  void createLogGroup_configuredOrCreatableOrForeign() {
    assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("/mcp/github")))
        .isInstanceOf(ResourceAlreadyExistsException.class);
    logs.createLogGroup(b -> b.logGroupName("/mcp/created-by-api"));
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/mcp/created")).logGroups())
        .extracting(LogGroup::logGroupName)
        .containsExactly("/mcp/created-by-api");
    assertThatThrownBy(() -> logs.createLogGroup(b -> b.logGroupName("/elsewhere")))
        .isInstanceOf(CloudWatchLogsException.class)
        .satisfies(
            e ->
                assertThat(((CloudWatchLogsException) e).awsErrorDetails().errorCode())
                    .isEqualTo("AccessDeniedException"))
        .hasMessageContaining("not configured in mcpwatch");
  }

  @Test
  void describeLogGroups_prefixPatternLimitAndNextToken() {
    DescribeLogGroupsResponse all = logs.describeLogGroups(b -> b.logGroupNamePrefix("/mcp/"));
    assertThat(all.logGroups())
        .extracting(LogGroup::logGroupName)
        .contains("/mcp/files", "/mcp/github")
        .isSorted();
    LogGroup github =
        all.logGroups().stream()
            .filter(g -> g.logGroupName().equals("/mcp/github"))
            .findFirst()
            .orElseThrow();
    assertThat(github.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/mcp/github:*");
    assertThat(github.metricFilterCount()).isEqualTo(1);
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePattern("GITHUB")).logGroups())
        .extracting(LogGroup::logGroupName)
        .containsExactly("/mcp/github");
    List<String> paged = new ArrayList<>();
    String token = null;
    int calls = 0;
    do {
      String t = token;
      DescribeLogGroupsResponse page =
          logs.describeLogGroups(b -> b.logGroupNamePrefix("/mcp/").limit(1).nextToken(t));
      assertThat(page.logGroups()).hasSize(1);
      paged.add(page.logGroups().get(0).logGroupName());
      token = page.nextToken();
      calls++;
    } while (token != null && calls < 10);
    assertThat(paged)
        .containsExactlyElementsOf(
            all.logGroups().stream().map(LogGroup::logGroupName).toList());
    assertThatThrownBy(
            () -> logs.describeLogGroups(b -> b.logGroupNamePrefix("/mcp").logGroupNamePattern("x")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> logs.describeLogGroups(b -> b.nextToken("forged")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("nextToken");
  }

  @Test
  void describeLogStreams_orderByLastEventTimeDescendingWithPages() {
    long now = System.currentTimeMillis();
    for (String s : List.of("order-b", "order-a", "order-c")) {
      logs.createLogStream(b -> b.logGroupName("/mcp/github").logStreamName(s));
    }
    // order-c newest, then order-a, then order-b
    put("/mcp/github", "order-b", now - 3000, "o1");
    put("/mcp/github", "order-a", now - 2000, "o2");
    put("/mcp/github", "order-c", now - 1000, "o3");
    DescribeLogStreamsResponse byName =
        logs.describeLogStreams(b -> b.logGroupName("/mcp/github").logStreamNamePrefix("order-"));
    assertThat(byName.logStreams())
        .extracting(LogStream::logStreamName)
        .containsExactly("order-a", "order-b", "order-c");
    assertThat(byName.logStreams().get(0).lastEventTimestamp()).isEqualTo(now - 2000);
    List<String> byTime = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      DescribeLogStreamsResponse page =
          logs.describeLogStreams(
              b ->
                  b.logGroupName("/mcp/github")
                      .orderBy(OrderBy.LAST_EVENT_TIME)
                      .descending(true)
                      .limit(2)
                      .nextToken(t));
      page.logStreams().forEach(s -> byTime.add(s.logStreamName()));
      token = page.nextToken();
    } while (token != null);
    assertThat(byTime).containsSubsequence("order-c", "order-a", "order-b");
    assertThatThrownBy(
            () ->
                logs.describeLogStreams(
                    b ->
                        b.logGroupName("/mcp/github")
                            .orderBy(OrderBy.LAST_EVENT_TIME)
                            .logStreamNamePrefix("x")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("/nope")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  private static void put(String group, String stream, long ts, String message) {
    logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(event(ts, message)));
  }

  @Test
  void putLogEvents_tooOldAndTooNew_areRejectedWithIndexes() {
    long now = System.currentTimeMillis();
    long day = 86_400_000L;
    logs.createLogStream(b -> b.logGroupName("/mcp/files").logStreamName("ages"));
    // a batch may not span 24 h, so test the two ends separately
    PutLogEventsResponse old =
        logs.putLogEvents(
            b ->
                b.logGroupName("/mcp/files")
                    .logStreamName("ages")
                    .logEvents(
                        event(now - 14 * day - 3_600_000L, "ages old 1"),
                        event(now - 14 * day - 3_599_999L, "ages old 2"),
                        event(now - 14 * day + 3_600_000L, "ages kept 1")));
    assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(2);
    assertThat(old.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isNull();
    PutLogEventsResponse young =
        logs.putLogEvents(
            b ->
                b.logGroupName("/mcp/files")
                    .logStreamName("ages")
                    .logEvents(event(now, "ages kept 2"), event(now + 3 * 3_600_000L, "ages new")));
    assertThat(young.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
    assertThat(server.sink.counts())
        .containsEntry("ages kept 1", 1)
        .containsEntry("ages kept 2", 1)
        .doesNotContainKeys("ages old 1", "ages old 2", "ages new");
  }

  @Test
  void putLogEvents_batchRules_areAwsErrors() {
    long now = System.currentTimeMillis();
    logs.createLogStream(b -> b.logGroupName("/mcp/files").logStreamName("rules"));
    assertThatThrownBy(
            () ->
                logs.putLogEvents(
                    b ->
                        b.logGroupName("/mcp/files")
                            .logStreamName("rules")
                            .logEvents(event(now, "r1"), event(now - 1, "r2"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("must be in chronological order");
    assertThatThrownBy(
            () ->
                logs.putLogEvents(
                    b ->
                        b.logGroupName("/mcp/files")
                            .logStreamName("rules")
                            .logEvents(event(now - 90_000_000L, "r3"), event(now, "r4"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("cannot span more than 24 hours");
    List<InputLogEvent> many = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      many.add(event(now, "m"));
    }
    assertThatThrownBy(
            () ->
                logs.putLogEvents(
                    b -> b.logGroupName("/mcp/files").logStreamName("rules").logEvents(many)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("less than or equal to 10000");
    String big = "x".repeat(200_000);
    List<InputLogEvent> heavy = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      heavy.add(event(now, big));
    }
    assertThatThrownBy(
            () ->
                logs.putLogEvents(
                    b -> b.logGroupName("/mcp/files").logStreamName("rules").logEvents(heavy)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("exceeds limit of 1048576");
    assertThat(server.sink.counts()).doesNotContainKeys("r1", "r2", "r3", "r4", "m");
  }

  @Test
  void retentionPolicy_isRecordedAndShownThenDeleted() {
    logs.putRetentionPolicy(b -> b.logGroupName("/mcp/files").retentionInDays(30));
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/mcp/files")).logGroups())
        .singleElement()
        .satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(30));
    assertThatThrownBy(
            () -> logs.putRetentionPolicy(b -> b.logGroupName("/mcp/files").retentionInDays(2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("enum value set");
    logs.deleteRetentionPolicy(b -> b.logGroupName("/mcp/files"));
    assertThat(logs.describeLogGroups(b -> b.logGroupNamePrefix("/mcp/files")).logGroups())
        .singleElement()
        .satisfies(g -> assertThat(g.retentionInDays()).isNull());
    assertThatThrownBy(
            () -> logs.putRetentionPolicy(b -> b.logGroupName("/nope").retentionInDays(1)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void testMetricFilter_isTheCorePatternCall() {
    List<MetricFilterMatchRecord> m =
        logs.testMetricFilter(
                b ->
                    b.filterPattern("[ip, user, status = 403, ...]")
                        .logEventMessages("1.2.3.4 alice 403 x", "1.2.3.4 bob 200 y"))
            .matches();
    assertThat(m).singleElement().satisfies(r -> {
      assertThat(r.eventNumber()).isEqualTo(1);
      assertThat(r.extractedValues()).containsEntry("$user", "alice");
    });
    assertThatThrownBy(
            () -> logs.testMetricFilter(b -> b.filterPattern("{ $.x = ").logEventMessages("a")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void describeMetricFilters_listsTheConfiguredFilters() {
    List<MetricFilter> f =
        logs.describeMetricFilters(b -> b.logGroupName("/mcp/github")).metricFilters();
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.filterName()).isEqualTo("github-denied");
      assertThat(x.metricTransformations().get(0).metricNamespace()).isEqualTo("MCP/Security");
    });
    assertThat(logs.describeMetricFilters(b -> b.logGroupName("/mcp/files")).metricFilters())
        .isEmpty();
  }

  @Test
  void everyAnswer_carriesRequestIdAndAwsContentType() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String target : List.of("Logs_20140328.DescribeLogGroups", "Logs_20140328.Nope")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/"))
                  .header("X-Amz-Target", target)
                  .header("Content-Type", "application/x-amz-json-1.1")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-amz-json-1.1"));
      if (target.endsWith("Nope")) {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"__type\":\"UnknownOperationException\"");
      } else {
        assertThat(r.statusCode()).isEqualTo(200);
      }
    }
  }
}
