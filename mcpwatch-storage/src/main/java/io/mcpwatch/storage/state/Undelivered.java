package io.mcpwatch.storage.state;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A notification that failed for good, or is still pending after several attempts ("stuck"), with
 * the cause of its last attempt: what {@code status} lists under the outbox counts.
 *
 * @param status FAILED or PENDING
 * @param alarmName the alarm it is about, or null (a confirmation request)
 * @param kind what it is (an alarm notification, a confirmation request, ...)
 * @param subject its subject, or null
 * @param protocol email, http, https, slack, teams, ...
 * @param endpoint where it goes, as stored (callers redact URLs before showing them)
 * @param createdAt when it was planned
 * @param attempts delivery attempts so far
 * @param lastError the last attempt's error, or null
 */
public record Undelivered(
    String status,
    @Nullable String alarmName,
    String kind,
    @Nullable String subject,
    String protocol,
    String endpoint,
    Instant createdAt,
    int attempts,
    @Nullable String lastError) {
  public Undelivered {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
