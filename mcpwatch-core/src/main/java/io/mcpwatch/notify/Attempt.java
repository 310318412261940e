package io.mcpwatch.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded delivery attempt.
 *
 * @param number 1 for the first attempt, 2 for the first retry, ...
 * @param at when the attempt finished
 * @param outcome what happened
 * @param detail a short, secret-free description (e.g. {@code SMTP 451 4.3.0 try later}, {@code
 *     HTTP 503 from hooks.example.com}); empty on success
 */
public record Attempt(int number, Instant at, AttemptOutcome outcome, String detail) {
  public Attempt {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    if (number < 1) {
      throw new IllegalArgumentException("number: expected at least 1; found " + number);
    }
  }
}
