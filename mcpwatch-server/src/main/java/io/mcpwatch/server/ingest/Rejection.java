package io.mcpwatch.server.ingest;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event that was not accepted while the rest of its request was.
 *
 * @param position the 1-based line number (NDJSON, text) or the 0-based index into {@code
 *     logEvents} (PutLogEvents)
 * @param reason why
 * @param field the offending JSON field, or null
 * @param message a one-line explanation (no input echoed beyond a short quoted excerpt)
 */
record Rejection(int position, Reason reason, @Nullable String field, String message) {
  Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  enum Reason {
    MALFORMED("malformed"),
    TOO_LONG("tooLong"),
    TOO_OLD("tooOld"),
    TOO_NEW("tooNew");

    private final String id;

    Reason(String id) {
      this.id = id;
    }

    /** The spelling in answers. */
    String id() {
      return id;
    }
  }
}
