package io.mcpwatch.storage.state;

import java.util.Objects;

/**
 * The identity of an ingested batch (a PutLogEvents batch's digest), committed with its events so
 * that a retry of the same batch after a restart is recognised and counts nothing again.
 *
 * @param token the batch's digest
 * @param takenAtMillis when it was taken (epoch ms)
 */
public record IngestToken(String token, long takenAtMillis) {
  public IngestToken {
    Objects.requireNonNull(token, "token");
    if (token.isBlank()) {
      throw new IllegalArgumentException("token: expected a digest; found a blank one");
    }
  }
}
