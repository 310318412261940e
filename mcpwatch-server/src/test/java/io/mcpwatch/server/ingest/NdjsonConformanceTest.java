package io.mcpwatch.server.ingest;

import static io.mcpwatch.server.ingest.IngestHandlerTest.json;
import static io.mcpwatch.server.ingest.IngestHandlerTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.web.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Replays ndjson-lines.tsv: each line alone, then all of them in one request. */
class NdjsonConformanceTest {
  static final long NOW = 1714564800000L;

  static Stream<Arguments> rows() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in = NdjsonConformanceTest.class.getResourceAsStream("ndjson-lines.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        if (header == null) {
          header = line;
          assertThat(header).isEqualTo("line\toutcome\texpect");
          continue;
        }
        String[] cells = line.split("\t", -1);
        assertThat(cells).as(line).hasSize(3);
        String body = cells[0];
        String[] rest = {cells[1], cells[2].replace("\\t", "\t")};
        rows.add(Arguments.of(Named.of(body, body), rest[0], rest[1]));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest
  @MethodSource("rows")
  void postLogs_line(String body, String outcome, String expect) {
    RecordingSink sink = new RecordingSink();
    IngestHandler h =
        new IngestHandler(
            IngestLimits.defaults(), sink, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    Answer a =
        h.postLogs("application/x-ndjson", Map.of("logGroup", List.of("/default")), utf8(body));
    JsonNode j = json(a);
    if (outcome.equals("accept")) {
      String[] e = expect.split("\\|", 3);
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(sink.events).containsExactly(new LogEvent(e[0], Long.parseLong(e[1]), e[2]));
    } else {
      assertThat(outcome).isEqualTo("reject");
      assertThat(a.status()).isEqualTo(400);
      assertThat(j.get("line").intValue()).isEqualTo(1);
      if (expect.equals("-")) {
        assertThat(j.has("field")).as(a.body()).isFalse();
      } else {
        assertThat(j.get("field").stringValue()).isEqualTo(expect);
      }
      assertThat(sink.events).isEmpty();
    }
  }
}
