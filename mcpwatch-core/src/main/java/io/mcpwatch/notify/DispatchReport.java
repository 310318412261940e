package io.mcpwatch.notify;

/**
 * What one {@link NotificationDispatcher#runDue()} did.
 *
 * @param delivered items delivered
 * @param retrying items that failed temporarily and are due again later
 * @param failed items that failed for good (permanent failure, retries exhausted, or skipped)
 */
public record DispatchReport(int delivered, int retrying, int failed) {
  /** Items attempted. */
  public int attempted() {
    return delivered + retrying + failed;
  }
}
