package io.mcpwatch.notify;

/** The result of one delivery attempt. */
public enum AttemptOutcome {
  /** The transport accepted the message. */
  DELIVERED,
  /** Failed, may succeed later (timeout, refused, SMTP 4xx, HTTP 5xx/429); retried per policy. */
  TEMPORARY_FAILURE,
  /** Failed, will not succeed (bad address, SMTP 5xx, HTTP 4xx); not retried. */
  PERMANENT_FAILURE,
  /** Not sent: the subscription was removed, unsubscribed or (for confirmations) confirmed. */
  SKIPPED
}
