package io.mcpwatch.aws.auth;

import io.mcpwatch.aws.wire.AwsError;
import io.mcpwatch.aws.wire.AwsRequest;
import io.mcpwatch.aws.wire.Service;

/** Decides who sent a request, or refuses it with AWS's error. */
@FunctionalInterface
public interface Authenticator {
  Caller authenticate(AwsRequest request, Service service) throws AwsError;

  /** Everyone is trusted (loopback without credentials or token configured). */
  static Authenticator open() {
    return (r, s) -> Caller.trusted("anonymous");
  }
}
