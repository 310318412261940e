package io.mcpwatch.storage.state;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alarm notification in the outbox and how its delivery went.
 *
 * @param protocol the subscription's protocol (email, https, ...)
 * @param endpoint where it goes
 * @param createdAt when it was planned
 * @param status PENDING, DELIVERED or FAILED
 * @param attempts attempts so far
 * @param lastError the last attempt's error, or null
 */
public record StoredDelivery(
    String protocol,
    String endpoint,
    Instant createdAt,
    String status,
    int attempts,
    @Nullable String lastError) {
  public StoredDelivery {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
  }
}
