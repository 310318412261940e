package io.mcpwatch.aws.auth;

import io.mcpwatch.aws.wire.Access;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who made a request, once authenticated.
 *
 * @param principal the access key id, {@code bearer} or {@code anonymous} (never a secret)
 * @param access what the caller may do
 */
public record Caller(String principal, Set<Access> access) {
  public Caller {
    Objects.requireNonNull(principal, "principal");
    access = Set.copyOf(access);
  }

  /** Everything allowed: no credentials configured (loopback only), or the bearer token. */
  public static Caller trusted(String principal) {
    return new Caller(principal, EnumSet.allOf(Access.class));
  }

  public boolean may(Access a) {
    return access.contains(a);
  }
}
