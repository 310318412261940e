package io.mcpwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.mcpwatch.aws.auth.Authenticator;
import io.mcpwatch.aws.cloudwatch.CloudWatchService;
import io.mcpwatch.aws.logs.LogGroupDirectory;
import io.mcpwatch.aws.logs.LogsService;
import io.mcpwatch.aws.logs.LogsSettings;
import io.mcpwatch.aws.logs.MetricFilterCatalog;
import io.mcpwatch.aws.wire.AwsRequest;
import io.mcpwatch.aws.wire.AwsResponse;
import io.mcpwatch.aws.wire.Service;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Any body, any target, any path: an AWS-shaped 4xx answer with a request id, never a crash. */
class HostileInputTest {
  static final List<String> TARGETS =
      List.of(
          "Logs_20140328.PutLogEvents",
          "Logs_20140328.DescribeLogGroups",
          "Logs_20140328.TestMetricFilter",
          "GraniteServiceVersion20100801.GetMetricData",
          "GraniteServiceVersion20100801.SetAlarmState",
          "Nope.Nothing",
          "");

  static final List<String> BODIES =
      List.of(
          "{\"logGroupName\":\"/mcp/files\",\"logStreamName\":\"s\",\"logEvents\":[{\"timestamp\":\"x\"}]}",
          "{\"logGroupName\":[],\"logEvents\":{}}",
          "{\"MetricDataQueries\":[{\"Id\":\"a\",\"MetricStat\":{\"Metric\":{}}}],\"StartTime\":1e400}",
          "{\"filterPattern\":\"{ $.a = \",\"logEventMessages\":[1,2]}",
          "[[[[[[[[[[[[[[[[",
          "\u0000\u00ff",
          "{\"limit\":-1,\"nextToken\":\"%%%\"}",
          "{\"AlarmName\":\"files-errors\",\"StateValue\":\"BROKEN\",\"StateReason\":1}");

  static Gen<String> bodies() {
    return SourceDSL.integers()
        .between(0, BODIES.size())
        .zip(SourceDSL.strings().allPossible().ofLengthBetween(0, 40), (i, s) -> i < BODIES.size() ? BODIES.get(i) : s);
  }

  @Test
  void handle_anyInput_isAnAwsAnswerWithARequestId() {
    CountingSink sink = new CountingSink();
    LogsService logs =
        new LogsService(
            LogsSettings.defaults(),
            LogGroupDirectory.of(List.of("/mcp/files"), n -> false),
            MetricFilterCatalog.none(),
            sink,
            InstantSource.system());
    AwsApi api =
        AwsApi.builder()
            .serve(Service.LOGS, logs.operations())
            .serve(
                Service.CLOUDWATCH,
                new CloudWatchService(new FakeReadModel(), "us-east-1", "000000000000", InstantSource.system())
                    .operations())
            .auth(Authenticator.open())
            .build();
    qt().withExamples(400)
        .forAll(
            SourceDSL.integers().between(0, TARGETS.size() - 1),
            bodies(),
            SourceDSL.booleans().all())
        .check(
            (t, body, cbor) -> {
              AwsResponse r =
                  api.handle(
                      new AwsRequest(
                          "POST",
                          cbor ? "/service/GraniteServiceVersion20100801/operation/" + TARGETS.get(t) : "/",
                          "",
                          cbor ? Map.of() : Map.of("X-Amz-Target", List.of(TARGETS.get(t))),
                          body.getBytes(StandardCharsets.UTF_8)));
              return r.headers().containsKey("x-amzn-RequestId")
                  && (r.status() == 200 || (r.status() >= 400 && r.status() < 500));
            });
    assertThat(sink.events()).isEmpty();
  }
}
