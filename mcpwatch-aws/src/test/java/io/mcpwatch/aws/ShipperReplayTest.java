package io.mcpwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Each shipper's call sequence, read from its public source, with its own success rule; every
 * batch is sent a second time (as after a lost answer), and every event must count exactly once.
 *
 * <ul>
 *   <li>Docker {@code awslogs} (moby {@code daemon/logger/awslogs/cloudwatchlogs.go}): with {@code
 *       awslogs-create-group}, CreateLogGroup then CreateLogStream, each tolerating {@code
 *       ResourceAlreadyExistsException}; then time-ordered PutLogEvents batches.
 *   <li>Fluent Bit {@code cloudwatch_logs} ({@code plugins/out_cloudwatch_logs/cloudwatch_api.c}):
 *       CreateLogGroup ({@code auto_create_group}), PutRetentionPolicy ({@code
 *       log_retention_days}), CreateLogStream, PutLogEvents; a 200 without {@code
 *       x-amzn-RequestId} counts as a failure and the chunk is retried.
 *   <li>Vector {@code aws_cloudwatch_logs} ({@code src/sinks/aws_cloudwatch_logs}): the health check
 *       DescribeLogGroups (prefix = the group, limit 1) must find the group; DescribeLogStreams
 *       (prefix = the stream) before CreateLogStream; PutLogEvents.
 *   <li>CloudWatch agent ({@code plugins/outputs/cloudwatchlogs/internal/pusher}): PutLogEvents;
 *       on {@code ResourceNotFoundException} CreateLogStream (and CreateLogGroup when that is not
 *       found) and PutLogEvents again; retention via DescribeLogGroups then PutRetentionPolicy.
 * </ul>
 */
class ShipperReplayTest {
  static TestServer server;
  static CloudWatchLogsClient client;

  @BeforeAll
  static void start() {
    server = new TestServer();
    // shippers apply their own rules; the SDK must not retry behind their back here
    client = server.logsClient(TestServer.KEY_ID, TestServer.SECRET, false);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  /** Three batches of 50 time-ordered events with messages {@code prefix-i}. */
  static List<List<InputLogEvent>> batches(String prefix) {
    long now = System.currentTimeMillis() - 60_000;
    List<List<InputLogEvent>> out = new ArrayList<>();
    int i = 0;
    for (int b = 0; b < 3; b++) {
      List<InputLogEvent> batch = new ArrayList<>();
      for (int e = 0; e < 50; e++, i++) {
        batch.add(InputLogEvent.builder().timestamp(now + i).message(prefix + "-" + i).build());
      }
      out.add(batch);
    }
    return out;
  }

  static void assertEachCountedOnce(String prefix) {
    Map<String, Integer> counts = server.sink.counts();
    for (int i = 0; i < 150; i++) {
      assertThat(counts).containsEntry(prefix + "-" + i, 1);
    }
  }

  static void tolerateExists(Runnable call) {
    try {
      call.run();
    } catch (ResourceAlreadyExistsException e) {
      // the shippers ignore this
    }
  }

  @Test
  void dockerAwslogs_createGroupStreamThenBatches_eachEventOnce() {
    String group = "/mcp/docker-app";
    tolerateExists(() -> client.createLogGroup(b -> b.logGroupName(group)));
    tolerateExists(() -> client.createLogStream(b -> b.logGroupName(group).logStreamName("c1")));
    tolerateExists(() -> client.createLogStream(b -> b.logGroupName(group).logStreamName("c1")));
    String token = null;
    for (List<InputLogEvent> batch : batches("docker")) {
      for (int attempt = 0; attempt < 2; attempt++) {
        String t = token;
        PutLogEventsResponse r =
            client.putLogEvents(
                b -> b.logGroupName(group).logStreamName("c1").sequenceToken(t).logEvents(batch));
        token = r.nextSequenceToken();
      }
    }
    assertEachCountedOnce("docker");
  }

  @Test
  void fluentBit_successNeedsRequestIdHeader_eachEventOnce() {
    String group = "/mcp/files";
    tolerateExists(() -> client.createLogGroup(b -> b.logGroupName(group)));
    client.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(14));
    tolerateExists(() -> client.createLogStream(b -> b.logGroupName(group).logStreamName("fb")));
    for (List<InputLogEvent> batch : batches("fluentbit")) {
      int flushes = 0;
      boolean ok = false;
      while (!ok && flushes < 5) {
        flushes++;
        PutLogEventsResponse r =
            client.putLogEvents(b -> b.logGroupName(group).logStreamName("fb").logEvents(batch));
        ok = r.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId").isPresent();
      }
      assertThat(ok).as("Fluent Bit saw x-amzn-RequestId on the first flush").isTrue();
      assertThat(flushes).isEqualTo(1);
      // and the chunk retried anyway (an answer lost on the way)
      client.putLogEvents(b -> b.logGroupName(group).logStreamName("fb").logEvents(batch));
    }
    assertEachCountedOnce("fluentbit");
  }

  @Test
  void vector_healthcheckDescribesFirst_eachEventOnce() {
    String group = "/mcp/github";
    DescribeLogGroupsResponse health =
        client.describeLogGroups(b -> b.logGroupNamePrefix(group).limit(1));
    assertThat(health.logGroups()).isNotEmpty();
    assertThat(health.logGroups().get(0).logGroupName()).isEqualTo(group);
    boolean exists =
        client
            .describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix("vector-1"))
            .logStreams()
            .stream()
            .anyMatch(s -> s.logStreamName().equals("vector-1"));
    if (!exists) {
      client.createLogStream(b -> b.logGroupName(group).logStreamName("vector-1"));
    }
    for (List<InputLogEvent> batch : batches("vector")) {
      client.putLogEvents(b -> b.logGroupName(group).logStreamName("vector-1").logEvents(batch));
      client.putLogEvents(b -> b.logGroupName(group).logStreamName("vector-1").logEvents(batch));
    }
    assertEachCountedOnce("vector");
  }

  @Test
  void cloudWatchAgent_createsOnNotFound_eachEventOnce() {
    String group = "/mcp/agent-created";
    List<List<InputLogEvent>> batches = batches("agent");
    for (List<InputLogEvent> batch : batches) {
      Supplier<PutLogEventsResponse> put =
          () ->
              client.putLogEvents(b -> b.logGroupName(group).logStreamName("host-1").logEvents(batch));
      try {
        put.get();
      } catch (ResourceNotFoundException e) {
        try {
          client.createLogStream(b -> b.logGroupName(group).logStreamName("host-1"));
        } catch (ResourceNotFoundException groupMissing) {
          client.createLogGroup(b -> b.logGroupName(group));
          client.createLogStream(b -> b.logGroupName(group).logStreamName("host-1"));
        }
        put.get();
      }
      put.get();
    }
    Integer retention =
        client.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays();
    if (retention == null || retention != 7) {
      client.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(7));
    }
    assertThat(client.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays())
        .isEqualTo(7);
    assertEachCountedOnce("agent");
  }

  @Test
  void sdkRetry_afterBusyAnswer_countsOnce() {
    server.sink.busyFor(1);
    try (CloudWatchLogsClient sdk = server.logsClient()) {
      sdk.putLogEvents(
        b ->
            b.logGroupName("/mcp/files")
                .logStreamName("busy")
                .logEvents(
                    InputLogEvent.builder()
                        .timestamp(System.currentTimeMillis())
                        .message("busy-once")
                        .build()));
    }
    assertThat(server.sink.counts()).containsEntry("busy-once", 1);
  }

  @Test
  void noRetry_busyAnswer_isServiceUnavailable() {
    try (CloudWatchLogsClient noRetry =
        server.logsClient(TestServer.KEY_ID, TestServer.SECRET, false)) {
      server.sink.busyFor(1);
      assertThatThrownBy(
              () ->
                  noRetry.putLogEvents(
                      b ->
                          b.logGroupName("/mcp/files")
                              .logStreamName("busy")
                              .logEvents(
                                  InputLogEvent.builder()
                                      .timestamp(System.currentTimeMillis())
                                      .message("busy-lost")
                                      .build())))
          .isInstanceOfSatisfying(
              CloudWatchLogsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
                assertThat(e.requestId()).isNotBlank();
              });
      assertThat(server.sink.counts()).doesNotContainKey("busy-lost");
    }
  }
}
