package io.mcpwatch.server.ingest;

import io.mcpwatch.server.ingest.Rejection.Reason;
import io.mcpwatch.server.web.Answer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON bodies of ingest answers, each one line. */
final class ErrorJson {
  private ErrorJson() {}

  /**
   * {@code {"__type": type, "message": message, "line"?: n, "field"?: f}}: the AWS JSON protocol's
   * error shape ({@code __type} is what AWS SDKs read as the error code), plus where.
   */
  static Answer answer(
      int status, String type, String message, @Nullable Integer line, @Nullable String field) {
    ObjectNode o = error(type, message, line, field);
    return Answer.of(status, Answer.JSON, Json.MAPPER.writeValueAsString(o));
  }

  /** 400 when no line was accepted: the first rejection names the line, then the list. */
  static Answer allRejected(Rejection first, List<Rejection> rejected, int maxListed) {
    ObjectNode o =
        error(
            "InvalidParameterException",
            "line " + first.position() + ": " + first.message(),
            first.position(),
            first.field());
    o.put("accepted", 0);
    rejections(o, rejected, maxListed);
    return Answer.of(400, Answer.JSON, Json.MAPPER.writeValueAsString(o));
  }

  /** {@code {"accepted": n, "rejectedCount": k, "rejected": [{"line", "reason", ...}]}}. */
  static String linesResult(int accepted, List<Rejection> rejected, int maxListed) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("accepted", accepted);
    rejections(o, rejected, maxListed);
    return Json.MAPPER.writeValueAsString(o);
  }

  /**
   * The PutLogEvents answer: {@code {"nextSequenceToken", "rejectedLogEventsInfo"?}}. CloudWatch's
   * {@code tooOldLogEventEndIndex} (exclusive) and {@code tooNewLogEventStartIndex} (inclusive)
   * describe a batch in time order; for an unordered batch they are computed from the extreme
   * indexes (one past the last too-old event, the first too-new one), and exactly the events that
   * are too old or too new were rejected. {@code tooLongLogEventIndexes} (an mcpwatch addition)
   * lists events over the size limit.
   */
  static String putLogEventsResult(String token, List<Rejection> rejected) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("nextSequenceToken", token);
    if (!rejected.isEmpty()) {
      ObjectNode info = o.putObject("rejectedLogEventsInfo");
      int tooOldEnd = -1;
      int tooNewStart = -1;
      ArrayNode tooLong = null;
      for (Rejection r : rejected) {
        if (r.reason() == Reason.TOO_OLD) {
          tooOldEnd = Math.max(tooOldEnd, r.position() + 1);
        } else if (r.reason() == Reason.TOO_NEW) {
          tooNewStart = tooNewStart < 0 ? r.position() : Math.min(tooNewStart, r.position());
        } else if (r.reason() == Reason.TOO_LONG) {
          if (tooLong == null) {
            tooLong = Json.MAPPER.createArrayNode();
          }
          tooLong.add(r.position());
        }
      }
      if (tooNewStart >= 0) {
        info.put("tooNewLogEventStartIndex", tooNewStart);
      }
      if (tooOldEnd >= 0) {
        info.put("tooOldLogEventEndIndex", tooOldEnd);
      }
      if (tooLong != null) {
        info.set("tooLongLogEventIndexes", tooLong);
      }
    }
    return Json.MAPPER.writeValueAsString(o);
  }

  private static ObjectNode error(
      String type, String message, @Nullable Integer line, @Nullable String field) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("__type", type);
    o.put("message", message);
    if (line != null) {
      o.put("line", line.intValue());
    }
    if (field != null) {
      o.put("field", field);
    }
    return o;
  }

  private static void rejections(ObjectNode o, List<Rejection> rejected, int maxListed) {
    o.put("rejectedCount", rejected.size());
    if (rejected.isEmpty()) {
      return;
    }
    ArrayNode list = o.putArray("rejected");
    for (int i = 0; i < rejected.size() && i < maxListed; i++) {
      Rejection r = rejected.get(i);
      ObjectNode item = list.addObject();
      item.put("line", r.position());
      item.put("reason", r.reason().id());
      if (r.field() != null) {
        item.put("field", r.field());
      }
      item.put("message", r.message());
    }
    if (rejected.size() > maxListed) {
      o.put("rejectedListTruncated", true);
    }
  }
}
