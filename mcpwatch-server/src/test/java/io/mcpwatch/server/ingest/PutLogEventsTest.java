package io.mcpwatch.server.ingest;

import static io.mcpwatch.server.ingest.IngestHandlerTest.NOW;
import static io.mcpwatch.server.ingest.IngestHandlerTest.json;
import static io.mcpwatch.server.ingest.IngestHandlerTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.web.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class PutLogEventsTest {
  final RecordingSink sink = new RecordingSink();
  final IngestHandler handler =
      new IngestHandler(
          IngestLimits.defaults(), sink, InstantSource.fixed(Instant.ofEpochMilli(NOW)));

  static String body(String events) {
    return "{\"logGroupName\":\"/mcp/server\",\"logStreamName\":\"s1\",\"logEvents\":["
        + events
        + "]}";
  }

  static String event(long ts, String message) {
    return "{\"timestamp\":" + ts + ",\"message\":\"" + message + "\"}";
  }

  @Test
  void awsJson_putLogEventsAcceptsAndAnswersLikeCloudWatch() {
    Answer a =
        handler.awsJson(
            IngestHandler.PUT_LOG_EVENTS,
            utf8(body(event(NOW - 2000, "a") + "," + event(NOW - 1000, "b"))));
    assertThat(a.status()).isEqualTo(200);
    JsonNode body = json(a);
    assertThat(body.get("nextSequenceToken").stringValue()).hasSize(56).containsOnlyDigits();
    assertThat(body.has("rejectedLogEventsInfo")).isFalse();
    assertThat(sink.events)
        .containsExactly(
            new LogEvent("/mcp/server", NOW - 2000, "a"),
            new LogEvent("/mcp/server", NOW - 1000, "b"));
    String next =
        json(handler.awsJson(IngestHandler.PUT_LOG_EVENTS, utf8(body(event(NOW, "c")))))
            .get("nextSequenceToken")
            .stringValue();
    assertThat(next).isNotEqualTo(body.get("nextSequenceToken").stringValue());
  }

  @Test
  void postLogs_jsonContentTypeTakesPutLogEventsShape() {
    for (String type : new String[] {"application/json", "application/x-amz-json-1.1"}) {
      Answer a = handler.postLogs(type, Map.of(), utf8(body(event(NOW, type))));
      assertThat(a.status()).isEqualTo(200);
      assertThat(json(a).has("nextSequenceToken")).isTrue();
    }
    assertThat(sink.events)
        .extracting(LogEvent::message)
        .containsExactly("application/json", "application/x-amz-json-1.1");
  }

  @Test
  void awsJson_rejectedEventsReportedInRejectedLogEventsInfo() {
    long old = NOW - Duration.ofDays(20).toMillis();
    long future = NOW + Duration.ofDays(1).toMillis();
    String big = "z".repeat(300 * 1024);
    Answer a =
        handler.awsJson(
            IngestHandler.PUT_LOG_EVENTS,
            utf8(
                body(
                    event(old, "old0")
                        + ","
                        + event(old, "old1")
                        + ","
                        + event(NOW, "ok2")
                        + ","
                        + event(NOW, big)
                        + ","
                        + event(NOW, "ok4")
                        + ","
                        + event(future, "new5"))));
    assertThat(a.status()).isEqualTo(200);
    JsonNode info = json(a).get("rejectedLogEventsInfo");
    assertThat(info.get("tooOldLogEventEndIndex").intValue()).isEqualTo(2);
    assertThat(info.get("tooNewLogEventStartIndex").intValue()).isEqualTo(5);
    assertThat(info.get("tooLongLogEventIndexes").valueStream().map(JsonNode::intValue))
        .containsExactly(3);
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("ok2", "ok4");
  }

  @Test
  void awsJson_allEventsRejectedStill200WithoutOffering() {
    Answer a = handler.awsJson(IngestHandler.PUT_LOG_EVENTS, utf8(body(event(1, "ancient"))));
    assertThat(a.status()).isEqualTo(200);
    assertThat(json(a).get("rejectedLogEventsInfo").get("tooOldLogEventEndIndex").intValue())
        .isEqualTo(1);
    assertThat(sink.offers).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"logStreamName":"s","logEvents":[{"timestamp":1,"message":"m"}]}  | logGroupName
          {"logGroupName":"a b","logEvents":[{"timestamp":1,"message":"m"}]} | logGroupName
          {"logGroupName":"/g","logStreamName":7,"logEvents":[]}             | logStreamName
          {"logGroupName":"/g"}                                              | logEvents
          {"logGroupName":"/g","logEvents":[]}                               | logEvents
          {"logGroupName":"/g","logEvents":[1]}                              | logEvents.0
          {"logGroupName":"/g","logEvents":[{"message":"m"}]}                | logEvents.0.timestamp
          {"logGroupName":"/g","logEvents":[{"timestamp":-1,"message":"m"}]} | logEvents.0.timestamp
          {"logGroupName":"/g","logEvents":[{"timestamp":"1","message":"m"}]} | logEvents.0.timestamp
          {"logGroupName":"/g","logEvents":[{"timestamp":1,"message":"m"},{"timestamp":1}]} | logEvents.1.message
          {"logGroupName":"/g","logEvents":[{"timestamp":1,"message":""}]}   | logEvents.0.message
          """)
  void awsJson_structuralErrorIs400NamingField(String body, String field) {
    Answer a = handler.awsJson(IngestHandler.PUT_LOG_EVENTS, utf8(body));
    assertThat(a.status()).isEqualTo(400);
    assertThat(json(a).get("__type").stringValue()).isEqualTo("InvalidParameterException");
    assertThat(json(a).get("field").stringValue()).isEqualTo(field);
    assertThat(sink.offers).isZero();
  }

  @Test
  void awsJson_notJsonIsSerializationException() {
    Answer a = handler.awsJson(IngestHandler.PUT_LOG_EVENTS, utf8("{\"logGroupName\":"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(json(a).get("__type").stringValue()).isEqualTo("SerializationException");
  }

  @Test
  void awsJson_tenThousandAndOneEventsIs413() {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 10_001; i++) {
      events.append(i == 0 ? "" : ",").append(event(NOW, "e"));
    }
    Answer a = handler.awsJson(IngestHandler.PUT_LOG_EVENTS, utf8(body(events.toString())));
    assertThat(a.status()).isEqualTo(413);
    assertThat(json(a).get("__type").stringValue()).isEqualTo("TooManyEvents");
    assertThat(sink.offers).isZero();
  }

  @Test
  void awsJson_createCallsAreNoOpsOthersUnknown() {
    assertThat(
            handler
                .awsJson("Logs_20140328.CreateLogGroup", utf8("{\"logGroupName\":\"/g\"}"))
                .body())
        .isEqualTo("{}");
    assertThat(
            handler
                .awsJson(
                    "Logs_20140328.CreateLogStream",
                    utf8("{\"logGroupName\":\"/g\",\"logStreamName\":\"s\"}"))
                .status())
        .isEqualTo(200);
    Answer unknown = handler.awsJson("Logs_20140328.DeleteLogGroup", utf8("{}"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(json(unknown).get("__type").stringValue()).isEqualTo("UnknownOperationException");
    assertThat(handler.awsJson(null, utf8("{}")).status()).isEqualTo(400);
  }
}
