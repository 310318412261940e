package io.mcpwatch.aws.wire;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One decoded API call, protocol-free: which service and operation, and the input as a tree whose
 * member names are the API's (timestamps as epoch-second numbers, whatever the protocol).
 */
public record Call(Service service, String operation, ObjectNode input) {
  public Call {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(input, "input");
  }
}
