package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The running service through the AWS SDK: PutLogEvents counts once, the read side agrees with status. */
@Tag("slow")
class LiveAwsTest {
  @TempDir Path dir;

  static final StaticCredentialsProvider CREDS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLIVETEST0000", "live-test-secret-0123456789"));

  static ClientOverrideConfiguration noRetry() {
    return ClientOverrideConfiguration.builder().retryStrategy(AwsRetryStrategy.doNotRetry()).build();
  }

  /**
   * A shipper whose PutLogEvents was committed but never answered (the service stopped or crashed
   * in between) sends the same batch again to the restarted service: it counts once, because the
   * batch's digest was committed with its events.
   */
  @Test
  void putLogEvents_retriedAfterARestart_countsOnce() throws Exception {
    long now = ServiceFixture.awayFromBoundary().toEpochMilli();
    List<InputLogEvent> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batch.add(InputLogEvent.builder().timestamp(now + i).message(ServiceFixture.OBO_MESSAGE).build());
    }
    for (int run = 0; run < 2; run++) { // the same database: a restart
      try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
        LiveService s = f.start();
        try (CloudWatchLogsClient logs =
            CloudWatchLogsClient.builder().endpointOverride(s.httpUri()).region(Region.US_EAST_1)
                .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(noRetry()).build()) {
          logs.createLogStream(b -> b.logGroupName(ServiceFixture.GROUP).logStreamName("task-1"));
          logs.putLogEvents(
              b -> b.logGroupName(ServiceFixture.GROUP).logStreamName("task-1").logEvents(batch));
        }
        assertThat(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents())
            .as("after run %d", run + 1)
            .isEqualTo(3);
      }
    }
  }

  @Test
  void putLogEvents_retriedBatchCountsOnce_andTheReadSideAgreesWithStatus() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true)) {
      LiveService s = f.start();
      URI base = s.httpUri();
      try (CloudWatchLogsClient logs =
              CloudWatchLogsClient.builder().endpointOverride(base).region(Region.US_EAST_1)
                  .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                  .overrideConfiguration(noRetry()).build();
          CloudWatchClient cw =
              CloudWatchClient.builder().endpointOverride(base).region(Region.US_EAST_1)
                  .credentialsProvider(CREDS).httpClient(UrlConnectionHttpClient.create())
                  .overrideConfiguration(noRetry()).build()) {
        long now = ServiceFixture.awayFromBoundary().toEpochMilli();
        List<InputLogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          batch.add(InputLogEvent.builder().timestamp(now + i).message(ServiceFixture.OBO_MESSAGE).build());
        }
        logs.createLogStream(b -> b.logGroupName(ServiceFixture.GROUP).logStreamName("task-1"));
        for (int attempt = 0; attempt < 2; attempt++) {
          logs.putLogEvents(
              b -> b.logGroupName(ServiceFixture.GROUP).logStreamName("task-1").logEvents(batch));
        }
        // answered after the commit: the events are in the database, once
        assertThat(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents())
            .isEqualTo(3);
        assertThatThrownBy(
                () ->
                    logs.putLogEvents(
                        b -> b.logGroupName("/ecs/prod/nobody").logStreamName("x").logEvents(batch)))
            .isInstanceOf(ResourceNotFoundException.class);

        MetricAlarm a = alarm(cw, "teams-prod-auth-failures");
        assertThat(a.stateValueAsString())
            .isEqualTo(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").state().name());
        StateValue target = a.stateValue() == StateValue.ALARM ? StateValue.OK : StateValue.ALARM;
        cw.setAlarmState(
            b -> b.alarmName("teams-prod-auth-failures").stateValue(target).stateReason("pager test"));
        await().atMost(Duration.ofSeconds(10))
            .until(() -> alarm(cw, "teams-prod-auth-failures").stateValue() == target);
        assertThat(ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").state().name())
            .isEqualTo(target.toString());
        assertThat(alarm(cw, "teams-prod-auth-failures").stateReason()).isEqualTo("pager test");
      }
    }
  }

  private static MetricAlarm alarm(CloudWatchClient cw, String name) {
    return cw.describeAlarms(b -> b.alarmNames(name)).metricAlarms().get(0);
  }
}
