package io.mcpwatch.server;

import io.mcpwatch.server.web.Answer;
import io.mcpwatch.source.tail.PossibleGaps;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /healthz}: {@code {"status":"ok","uptimeSeconds":n,"counters":{...}}} with 200; 503
 * and {@code "status":"error"} when a counter supplier throws.
 *
 * <p>File sources with possible gaps (lines that may have been missed, e.g. log generations
 * rotated away while mcpwatch was stopped that could not be followed) are listed under {@code
 * "possibleGaps"}: {@code {"<source>":{"count":n,"lastAt":"<ISO-8601>","lastReason":"..."}}}; the
 * counts are kept in the database and never reset. {@code "status"} is {@code "degraded"} while a
 * gap found since this process started is listed; the answer stays 200 (a gap is history: the
 * service is healthy and restarting it would not bring the lines back).
 */
public final class Health {
  private static final Logger log = LoggerFactory.getLogger(Health.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final InstantSource clock;
  private final Instant startedAt;
  private final List<Supplier<Map<String, Long>>> counters;
  private final Supplier<Map<String, PossibleGaps>> gaps;

  /**
   * @param clock the clock
   * @param startedAt when the service started (uptime is measured from it)
   * @param counters counter suppliers, merged in order (a later name wins)
   */
  public Health(
      InstantSource clock, Instant startedAt, List<Supplier<Map<String, Long>>> counters) {
    this(clock, startedAt, counters, Map::of);
  }

  /**
   * @param gaps the file sources' possible gaps by source label (sources without any may be left
   *     out)
   */
  public Health(
      InstantSource clock,
      Instant startedAt,
      List<Supplier<Map<String, Long>>> counters,
      Supplier<Map<String, PossibleGaps>> gaps) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.counters = List.copyOf(counters);
    this.gaps = Objects.requireNonNull(gaps, "gaps");
  }

  public Answer answer() {
    ObjectNode o = MAPPER.createObjectNode();
    long uptime = Math.max(0, Duration.between(startedAt, clock.instant()).getSeconds());
    Map<String, Long> merged = new LinkedHashMap<>();
    Map<String, PossibleGaps> sourceGaps;
    try {
      for (Supplier<Map<String, Long>> s : counters) {
        merged.putAll(s.get());
      }
      sourceGaps = new TreeMap<>(gaps.get());
    } catch (RuntimeException e) {
      log.warn("healthz: a counter supplier failed", e);
      o.put("status", "error");
      o.put("uptimeSeconds", uptime);
      return Answer.of(503, Answer.JSON, MAPPER.writeValueAsString(o))
          .withHeader("Cache-Control", "no-store");
    }
    sourceGaps.values().removeIf(PossibleGaps::isEmpty);
    boolean degraded =
        sourceGaps.values().stream()
            .anyMatch(g -> g.lastAt() != null && !g.lastAt().isBefore(startedAt));
    o.put("status", degraded ? "degraded" : "ok");
    o.put("uptimeSeconds", uptime);
    ObjectNode c = o.putObject("counters");
    merged.forEach((k, v) -> c.put(k, v.longValue()));
    if (!sourceGaps.isEmpty()) {
      ObjectNode g = o.putObject("possibleGaps");
      sourceGaps.forEach(
          (source, gap) ->
              g.putObject(source)
                  .put("count", gap.count())
                  .put("lastAt", String.valueOf(gap.lastAt()))
                  .put("lastReason", gap.lastReason()));
    }
    return Answer.of(200, Answer.JSON, MAPPER.writeValueAsString(o))
        .withHeader("Cache-Control", "no-store");
  }
}
