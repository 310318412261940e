package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputDecoderTest {
  private final InputDecoder decoder = new InputDecoder(Fixture.config().alarms());

  private LogEvent decode(String key, String value) {
    return decoder.decode(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8), 1_000L);
  }

  @Test
  void decode_mcpwatchShape_takesAllThreeFields() {
    assertThat(decode(null, "{\"logGroup\":\"/ecs/prod/teams\",\"timestamp\":1767225600000,"
        + "\"message\":\"hello\"}"))
        .isEqualTo(new LogEvent("/ecs/prod/teams", 1767225600000L, "hello"));
  }

  @Test
  void decode_vectorKubernetesShape_mapsAppAndEnvToTheConfiguredLogGroup() {
    String vector = "{\"message\":\"OBO token exchange failed\",\"timestamp\":"
        + "\"2026-01-01T00:00:01.250Z\",\"env\":\"dev\",\"source_type\":\"kubernetes_logs\","
        + "\"kubernetes\":{\"pod_labels\":{\"app\":\"files\"},\"pod_name\":\"files-0\"}}";
    assertThat(decode(null, vector))
        .isEqualTo(new LogEvent("/ecs/dev/files", 1767225601250L, "OBO token exchange failed"));
  }

  @Test
  void decode_fluentBitShape_usesLogAndFractionalSecondsTimestamp() {
    String fluentBit = "{\"@timestamp\":1767225601.5,\"log\":\"GET /mcp 200\\n\","
        + "\"log_group\":\"/ecs/prod/files\",\"stream\":\"stdout\"}";
    assertThat(decode(null, fluentBit))
        .isEqualTo(new LogEvent("/ecs/prod/files", 1767225601500L, "GET /mcp 200\n"));
  }

  @Test
  void decode_textValue_takesLogGroupFromKeyAndTimeFromRecord() {
    assertThat(decode("/ecs/prod/teams", "plain line\n"))
        .isEqualTo(new LogEvent("/ecs/prod/teams", 1_000L, "plain line"));
  }

  @Test
  void decode_hostileOrIncompleteInput_isCountedNotThrown() {
    assertThat(decode(null, "{\"message\":\"no group\"}")).isNull();
    assertThat(decode(null, "not json and no key")).isNull();
    assertThat(decode(null, "[1,2,3]")).isNull();
    assertThat(decode(null, "{\"logGroup\":\"g\",\"message\":{\"nested\":true},\"timestamp\":\"x\"}"))
        .isEqualTo(new LogEvent("g", 1_000L, "{\"nested\":true}"));
    assertThat(decode(null, "{".repeat(100_000))).isNull(); // too deep for JSON, and no key
    assertThat(decoder.rejected()).isEqualTo(4);
  }
}
