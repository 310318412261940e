package io.mcpwatch.readmodel;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One notification of a transition and how its delivery went.
 *
 * @param protocol email, http, https, slack, teams, ...
 * @param endpoint where it goes (an address or URL)
 * @param createdAt when it was planned (the transition's commit)
 * @param status PENDING, DELIVERED or FAILED
 * @param attempts delivery attempts so far
 * @param lastError the last attempt's error, or null
 */
public record Delivery(
    String protocol,
    String endpoint,
    Instant createdAt,
    String status,
    int attempts,
    @Nullable String lastError) {
  public Delivery {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
  }
}
