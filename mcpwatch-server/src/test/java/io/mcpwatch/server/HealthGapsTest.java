package io.mcpwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.server.web.Answer;
import io.mcpwatch.source.tail.PossibleGaps;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Issue 9 item 4: {@code /healthz} lists the file sources' possible gaps. */
class HealthGapsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

  private static JsonNode answer(Map<String, PossibleGaps> gaps) {
    Health h = new Health(InstantSource.fixed(START.plusSeconds(30)), START,
        List.of(() -> Map.of("commits", 3L)), () -> gaps);
    Answer a = h.answer();
    assertThat(a.status()).isEqualTo(200);
    return JSON.readTree(a.body());
  }

  @Test
  void answer_gapFoundSinceStart_isDegradedAndListed() {
    JsonNode o = answer(Map.of(
        "prod/teams", PossibleGaps.NONE.plus(START.plusSeconds(2), "app.log.2.gz: compressed"),
        "prod/quiet", PossibleGaps.NONE));
    assertThat(o.get("status").asString()).isEqualTo("degraded");
    assertThat(o.get("possibleGaps").has("prod/quiet")).isFalse();
    JsonNode g = o.get("possibleGaps").get("prod/teams");
    assertThat(g.get("count").asLong()).isEqualTo(1);
    assertThat(g.get("lastAt").asString()).isEqualTo("2026-12-06T10:00:02Z");
    assertThat(g.get("lastReason").asString()).isEqualTo("app.log.2.gz: compressed");
    assertThat(o.get("counters").get("commits").asLong()).isEqualTo(3);
  }

  @Test
  void answer_onlyGapsFromBeforeThisStart_isOkAndStillListed() {
    JsonNode o = answer(Map.of(
        "prod/teams", PossibleGaps.NONE.plus(START.minusSeconds(3600), "old")
            .plus(START.minusSeconds(60), "older restart")));
    assertThat(o.get("status").asString()).isEqualTo("ok");
    assertThat(o.get("possibleGaps").get("prod/teams").get("count").asLong()).isEqualTo(2);
  }

  @Test
  void answer_noGaps_hasNoGapField() {
    JsonNode o = answer(Map.of("prod/teams", PossibleGaps.NONE));
    assertThat(o.get("status").asString()).isEqualTo("ok");
    assertThat(o.has("possibleGaps")).isFalse();
  }
}
