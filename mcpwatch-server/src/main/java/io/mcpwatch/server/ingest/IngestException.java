package io.mcpwatch.server.ingest;

import org.jspecify.annotations.Nullable;

/** A whole request is refused; becomes a one-line JSON error answer. */
final class IngestException extends Exception {
  private final int status;
  private final String type;
  private final @Nullable Integer line;
  private final @Nullable String field;

  IngestException(int status, String type, String message) {
    this(status, type, message, null, null);
  }

  IngestException(
      int status, String type, String message, @Nullable Integer line, @Nullable String field) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.line = line;
    this.field = field;
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  @Nullable Integer line() {
    return line;
  }

  @Nullable String field() {
    return field;
  }
}
