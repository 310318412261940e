package io.mcpwatch.aws.wire;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One API operation: its name, what it needs of the caller, and the method that does it.
 *
 * @param name the operation name as on the wire, e.g. {@code PutLogEvents}
 * @param access what the caller's credential must allow
 * @param handler the operation (a method of the service class)
 */
public record Operation(String name, Access access, Handler handler) {
  public Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(handler, "handler");
  }

  /** An operation's implementation: input to output, or an {@link AwsError}. */
  @FunctionalInterface
  public interface Handler {
    ObjectNode apply(Input input) throws AwsError;
  }
}
