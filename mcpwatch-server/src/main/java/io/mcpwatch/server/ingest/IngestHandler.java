package io.mcpwatch.server.ingest;

import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.server.web.Answer;
import io.mcpwatch.server.web.Escape;
import io.mcpwatch.server.web.Query;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Ingest requests to answers. Transport-free: the adapter reads the body with {@link BoundedBody}
 * and checks the token; this class decodes, validates, offers the accepted events to the {@link
 * EventSink} and builds the answer. Thread-safe.
 *
 * <p>Status codes: 200 when at least one event was accepted (rejected ones are listed) and for
 * every well-formed PutLogEvents request (as CloudWatch, rejections go to {@code
 * rejectedLogEventsInfo}); 400 for a malformed request or when every line was rejected; 401 (the
 * adapter); 413 for a body, batch or event count over the {@link IngestLimits}; 415 for an
 * unsupported Content-Type, charset or Content-Encoding; 503 with {@code Retry-After} when the sink
 * is full or did not commit the events ({@link Admission.NotCommitted}: a 200 always means
 * durable); 500 when the sink fails.
 */
public final class IngestHandler {
  /** The X-Amz-Target of CloudWatch Logs' PutLogEvents. */
  public static final String PUT_LOG_EVENTS = "Logs_20140328.PutLogEvents";

  /** At most this many rejections are listed in a line-format answer (all are counted). */
  static final int MAX_LISTED_REJECTIONS = 100;

  private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);
  private static final String SUPPORTED =
      "application/x-ndjson, text/plain (with ?logGroup=),"
          + " application/json or application/x-amz-json-1.1 (PutLogEvents body)";

  private final IngestLimits limits;
  private final EventSink sink;
  private final InstantSource clock;
  private final IngestStats stats = new IngestStats();
  private final AtomicLong sequence = new AtomicLong();

  public IngestHandler(IngestLimits limits, EventSink sink, InstantSource clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public IngestLimits limits() {
    return limits;
  }

  public IngestStats stats() {
    return stats;
  }

  private enum Format {
    NDJSON,
    TEXT,
    PUT_LOG_EVENTS
  }

  /** {@code POST /v1/logs}: the format comes from the Content-Type. */
  public Answer postLogs(
      @Nullable String contentType, Map<String, List<String>> query, byte[] body) {
    stats.request();
    try {
      MediaType type = MediaType.parse(contentType);
      Format format = format(type.mime());
      String text = decode(body, type.charset());
      long now = clock.millis();
      BatchBuilder batch = new BatchBuilder(limits, now);
      switch (format) {
        case PUT_LOG_EVENTS:
          PutLogEvents.parse(text, limits, batch);
          return putLogEventsAnswer(batch);
        case TEXT:
          LineFormats.text(text, logGroupParam(query, true), now, batch);
          return linesAnswer(batch);
        default:
          LineFormats.ndjson(text, logGroupParam(query, false), now, batch);
          return linesAnswer(batch);
      }
    } catch (IngestException e) {
      return refuse(e);
    }
  }

  /**
   * {@code POST /} in the AWS JSON 1.1 protocol: {@code PutLogEvents}; {@code CreateLogGroup} and
   * {@code CreateLogStream} are accepted as no-ops (agents call them first); anything else is
   * {@code UnknownOperationException}.
   */
  public Answer awsJson(@Nullable String target, byte[] body) {
    stats.request();
    try {
      String op = target == null ? "" : target.strip();
      if (op.equals(PUT_LOG_EVENTS)) {
        BatchBuilder batch = new BatchBuilder(limits, clock.millis());
        PutLogEvents.parse(decode(body, StandardCharsets.UTF_8), limits, batch);
        return putLogEventsAnswer(batch);
      }
      if (op.equals("Logs_20140328.CreateLogGroup") || op.equals("Logs_20140328.CreateLogStream")) {
        JsonNode root;
        try {
          root = Json.MAPPER.readTree(decode(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
          throw new IngestException(
              400,
              "SerializationException",
              "the body is not valid JSON: " + LineFormats.shortReason(e));
        }
        if (root == null || !root.isObject()) {
          throw new IngestException(400, "SerializationException", "expected a JSON object");
        }
        return Answer.of(200, Answer.JSON, "{}");
      }
      throw new IngestException(
          400,
          "UnknownOperationException",
          "X-Amz-Target: expected "
              + PUT_LOG_EVENTS
              + "; found "
              + Escape.quoted(op, 60)
              + " (POST /v1/logs takes NDJSON and text too)");
    } catch (IngestException e) {
      return refuse(e);
    }
  }

  /**
   * The answer for a body {@link BoundedBody} did not read ({@code TooLarge}, {@code Undecodable}).
   */
  public Answer notRead(BoundedBody.Result result) {
    stats.request();
    if (result instanceof BoundedBody.TooLarge) {
      return refuse(
          new IngestException(
              413,
              "RequestTooLarge",
              "the request body exceeds " + ((BoundedBody.TooLarge) result).limit() + " bytes"));
    }
    if (result instanceof BoundedBody.Undecodable) {
      BoundedBody.Undecodable u = (BoundedBody.Undecodable) result;
      return refuse(
          new IngestException(
              u.status(),
              u.status() == 415 ? "UnsupportedMediaType"
                  : u.status() == 408 ? "RequestTimeout" : "InvalidParameterException",
              u.message()));
    }
    throw new IllegalArgumentException("result: the body was read");
  }

  /** The 401 answer (the adapter checks the token). */
  public Answer unauthorized() {
    stats.unauthorized();
    return ErrorJson.answer(
            401, "Unauthorized", "expected the header Authorization: Bearer <token>", null, null)
        .withHeader("WWW-Authenticate", "Bearer realm=\"mcpwatch\"");
  }

  private Answer refuse(IngestException e) {
    stats.refused();
    log.debug("ingest refused: {} {}", e.status(), e.getMessage());
    return ErrorJson.answer(e.status(), e.type(), e.getMessage(), e.line(), e.field());
  }

  private static Format format(String mime) throws IngestException {
    switch (mime) {
      case "application/x-ndjson":
      case "application/ndjson":
      case "application/jsonl":
      case "application/x-jsonlines":
        return Format.NDJSON;
      case "text/plain":
        return Format.TEXT;
      case "application/json":
      case "application/x-amz-json-1.1":
      case "application/x-amz-json-1.0":
        return Format.PUT_LOG_EVENTS;
      default:
        throw new IngestException(
            415,
            "UnsupportedMediaType",
            "Content-Type: expected "
                + SUPPORTED
                + "; found "
                + (mime.isEmpty() ? "none" : Escape.quoted(mime, 60)));
    }
  }

  private static @Nullable String logGroupParam(Map<String, List<String>> query, boolean required)
      throws IngestException {
    String group = Query.nonEmpty(query, "logGroup");
    if (group == null) {
      if (required) {
        throw new IngestException(
            400,
            "InvalidParameterException",
            "logGroup: text/plain needs the query parameter ?logGroup=<log group name>",
            null,
            "logGroup");
      }
      return null;
    }
    String problem = LogGroups.problem(group);
    if (problem != null) {
      throw new IngestException(
          400, "InvalidParameterException", "logGroup: " + problem, null, "logGroup");
    }
    return group;
  }

  /** Decodes with replacement (malformed input becomes U+FFFD) and drops a byte order mark. */
  private static String decode(byte[] body, Charset charset) {
    String s = new String(body, charset);
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  private Answer linesAnswer(BatchBuilder batch) throws IngestException {
    List<Rejection> rejected = batch.rejected();
    if (batch.count() == 0) {
      throw new IngestException(400, "InvalidParameterException", "the body holds no events");
    }
    if (batch.accepted().isEmpty()) {
      stats.events(0, rejected.size());
      stats.refused();
      Rejection first = rejected.get(0);
      return ErrorJson.allRejected(first, rejected, MAX_LISTED_REJECTIONS);
    }
    Answer busy = offer(batch.accepted());
    if (busy != null) {
      return busy;
    }
    stats.events(batch.accepted().size(), rejected.size());
    return Answer.of(
        200,
        Answer.JSON,
        ErrorJson.linesResult(batch.accepted().size(), rejected, MAX_LISTED_REJECTIONS));
  }

  private Answer putLogEventsAnswer(BatchBuilder batch) {
    if (!batch.accepted().isEmpty()) {
      Answer busy = offer(batch.accepted());
      if (busy != null) {
        return busy;
      }
    }
    stats.events(batch.accepted().size(), batch.rejected().size());
    String token = String.format(Locale.ROOT, "%056d", sequence.incrementAndGet());
    return Answer.of(200, Answer.JSON, ErrorJson.putLogEventsResult(token, batch.rejected()));
  }

  /** Null when the sink took the events, else the 503 (or 500) answer. */
  private @Nullable Answer offer(List<LogEvent> events) {
    Admission admission;
    try {
      admission = sink.offer(List.copyOf(events));
    } catch (RuntimeException e) {
      log.error("ingest: the event sink failed; {} events not taken", events.size(), e);
      return ErrorJson.answer(500, "InternalFailure", "the events could not be queued", null, null);
    }
    if (admission instanceof Admission.Busy) {
      stats.throttled();
      long seconds = ((Admission.Busy) admission).retryAfterSeconds();
      return ErrorJson.answer(
              503,
              "ServiceUnavailableException",
              "the ingest queue is full; retry after " + seconds + " s",
              null,
              null)
          .withHeader("Retry-After", Long.toString(seconds));
    }
    if (admission instanceof Admission.NotCommitted) {
      Admission.NotCommitted n = (Admission.NotCommitted) admission;
      stats.throttled();
      long seconds = n.retryAfterSeconds();
      return ErrorJson.answer(503, "ServiceUnavailableException", n.reason(), null, null)
          .withHeader("Retry-After", Long.toString(seconds));
    }
    return null;
  }
}
