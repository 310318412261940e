package io.mcpwatch.aws.wire;

/**
 * What an operation needs of its caller's credential: {@link #INGEST} (send logs: PutLogEvents and
 * the group and stream calls shippers make), {@link #READ} (Describe*, Get*, List*, Test*), {@link
 * #ADMIN} (changes: retention, SetAlarmState). A credential holds any set of them.
 */
public enum Access {
  INGEST,
  READ,
  ADMIN;

  /** The configuration spelling ({@code ingest}, {@code read}, {@code admin}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
