package io.mcpwatch.server;

import io.mcpwatch.server.web.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /healthz}: {@code {"status":"ok","uptimeSeconds":n,"counters":{...}}} with 200; 503
 * and {@code "status":"error"} when a counter supplier throws.
 */
public final class Health {
  private static final Logger log = LoggerFactory.getLogger(Health.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final InstantSource clock;
  private final Instant startedAt;
  private final List<Supplier<Map<String, Long>>> counters;

  /**
   * @param clock the clock
   * @param startedAt when the service started (uptime is measured from it)
   * @param counters counter suppliers, merged in order (a later name wins)
   */
  public Health(
      InstantSource clock, Instant startedAt, List<Supplier<Map<String, Long>>> counters) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.counters = List.copyOf(counters);
  }

  public Answer answer() {
    ObjectNode o = MAPPER.createObjectNode();
    long uptime = Math.max(0, Duration.between(startedAt, clock.instant()).getSeconds());
    Map<String, Long> merged = new LinkedHashMap<>();
    try {
      for (Supplier<Map<String, Long>> s : counters) {
        merged.putAll(s.get());
      }
    } catch (RuntimeException e) {
      log.warn("healthz: a counter supplier failed", e);
      o.put("status", "error");
      o.put("uptimeSeconds", uptime);
      return Answer.of(503, Answer.JSON, MAPPER.writeValueAsString(o))
          .withHeader("Cache-Control", "no-store");
    }
    o.put("status", "ok");
    o.put("uptimeSeconds", uptime);
    ObjectNode c = o.putObject("counters");
    merged.forEach((k, v) -> c.put(k, v.longValue()));
    return Answer.of(200, Answer.JSON, MAPPER.writeValueAsString(o))
        .withHeader("Cache-Control", "no-store");
  }
}
