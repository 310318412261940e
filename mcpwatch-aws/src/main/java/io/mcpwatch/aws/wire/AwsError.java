package io.mcpwatch.aws.wire;

import java.util.Objects;

/**
 * An operation's AWS error: the code clients read ({@code __type} in JSON and CBOR, {@code
 * <Code>} in XML), the HTTP status and a one-line message. Thrown by operations and by the
 * protocol layers; every protocol turns it into its own error shape.
 */
public final class AwsError extends Exception {
  private final int status;
  private final String code;
  private final boolean sender;

  public AwsError(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.sender = status < 500;
  }

  /** 400 {@code code}. */
  public static AwsError badRequest(String code, String message) {
    return new AwsError(400, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Whether the client is at fault (4xx), as the query protocol's {@code <Type>Sender</Type>}. */
  public boolean sender() {
    return sender;
  }
}
