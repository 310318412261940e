package io.mcpwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.web.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import tools.jackson.databind.JsonNode;

/** Invariants of line ingest, and hostile input. */
class IngestPropertiesTest {
  static final long NOW = 1714564800000L;
  static final Map<String, List<String>> GROUP = Map.of("logGroup", List.of("/g"));
  static final String[] BAD_LINES = {
    "{",
    "[]",
    "{\"message\":1}",
    "{\"message\":\"\"}",
    "nope",
    "{\"message\":\"m\",\"timestamp\":-1}"
  };

  static IngestHandler handler(RecordingSink sink) {
    return new IngestHandler(
        IngestLimits.defaults(), sink, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
  }

  /** A line plan: each int picks a good line (>= 0, its message index) or a bad one (< 0). */
  static Gen<List<Integer>> plans() {
    return SourceDSL.lists()
        .of(SourceDSL.integers().between(-BAD_LINES.length, 50))
        .ofSizeBetween(1, 60);
  }

  @Test
  void postLogs_acceptsExactlyTheValidLinesInOrder() {
    qt().withExamples(300)
        .forAll(plans())
        .check(
            plan -> {
              StringBuilder body = new StringBuilder();
              List<String> expected = new ArrayList<>();
              List<Integer> badLines = new ArrayList<>();
              for (int i = 0; i < plan.size(); i++) {
                int p = plan.get(i);
                if (p >= 0) {
                  String msg = "m" + p + "-" + i;
                  body.append("{\"message\":\"").append(msg).append("\"}");
                  expected.add(msg);
                } else {
                  body.append(BAD_LINES[-p - 1]);
                  badLines.add(i + 1);
                }
                body.append(i % 3 == 0 ? "\r\n" : "\n");
              }
              RecordingSink sink = new RecordingSink();
              Answer a =
                  handler(sink)
                      .postLogs(
                          "application/x-ndjson",
                          GROUP,
                          body.toString().getBytes(StandardCharsets.UTF_8));
              JsonNode j = Json.MAPPER.readTree(a.body());
              List<Integer> rejectedLines = new ArrayList<>();
              j.path("rejected")
                  .valueStream()
                  .forEach(r -> rejectedLines.add(r.get("line").intValue()));
              boolean ok =
                  a.status() == (expected.isEmpty() ? 400 : 200)
                      && sink.events.stream().map(LogEvent::message).toList().equals(expected)
                      && rejectedLines.equals(badLines)
                      && j.get("rejectedCount").intValue() == badLines.size();
              return ok;
            });
  }

  @Test
  void postLogs_randomBytesNeverEscape() {
    Random random = new Random(20240501L);
    String[] types = {
      "application/x-ndjson", "text/plain", "application/json", "application/x-amz-json-1.1"
    };
    for (int round = 0; round < 2000; round++) {
      byte[] body = new byte[random.nextInt(400)];
      random.nextBytes(body);
      if (round % 2 == 0) {
        // mostly JSON-ish punctuation
        byte[] alphabet =
            "{}[]\":,\\ \n\r0123456789.-eEtruefalsn\u00ffmessagtimp"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < body.length; i++) {
          body[i] = alphabet[random.nextInt(alphabet.length)];
        }
      }
      RecordingSink sink = new RecordingSink();
      Answer a = handler(sink).postLogs(types[round % types.length], GROUP, body);
      assertThat(a.status()).isIn(200, 400);
      assertThat(a.body()).doesNotContain("\n");
      Json.MAPPER.readTree(a.body());
    }
  }

  @Test
  void postLogs_deeplyNestedJsonIsOneRejectedLine() {
    String deep = "[".repeat(100_000);
    RecordingSink sink = new RecordingSink();
    Answer a =
        handler(sink)
            .postLogs(
                "application/x-ndjson",
                GROUP,
                (deep + "\n{\"message\":\"ok\"}\n").getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).isEqualTo(200);
    assertThat(sink.events).extracting(LogEvent::message).containsExactly("ok");
    Answer aws =
        handler(sink)
            .awsJson(
                IngestHandler.PUT_LOG_EVENTS,
                ("{\"logGroupName\":" + deep).getBytes(StandardCharsets.UTF_8));
    assertThat(aws.status()).isEqualTo(400);
  }
}
