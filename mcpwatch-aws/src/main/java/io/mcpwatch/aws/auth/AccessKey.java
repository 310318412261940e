package io.mcpwatch.aws.auth;

import io.mcpwatch.aws.wire.Access;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One configured AWS credential: an access key id, its secret, and what it may do. The secret is
 * kept only as the bytes of {@code "AWS4" + secret} (the start of the SigV4 key derivation) and
 * never printed: {@link #toString()} shows the id and the permissions.
 */
public final class AccessKey {
  /** The shortest secret accepted (AWS's secrets are 40 characters). */
  public static final int MIN_SECRET_LENGTH = 20;

  private final String id;
  private final byte[] keyPrefix;
  private final Set<Access> access;

  private AccessKey(String id, String secret, Set<Access> access) {
    this.id = id;
    this.keyPrefix = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    this.access = Set.copyOf(access);
  }

  /**
   * Validates a configured credential.
   *
   * @param key the configuration path, for messages (e.g. {@code aws.credentials[0]})
   * @param id the access key id: 16-128 characters of A-Z and 0-9
   * @param secret the secret: at least {@value #MIN_SECRET_LENGTH} printable ASCII characters (a
   *     missing or weak secret is a configuration error)
   * @param access what it may do; not empty
   * @throws IllegalArgumentException naming {@code key} and what was expected, never the secret
   */
  public static AccessKey of(String key, String id, String secret, Set<Access> access) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    if (id.length() < 16 || id.length() > 128 || !id.chars().allMatch(AccessKey::idChar)) {
      throw new IllegalArgumentException(
          key
              + ".accessKeyId: expected 16-128 characters of A-Z and 0-9 (like AKIA...); found "
              + id.length()
              + " characters");
    }
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(
          key + ".secretAccessKey: missing (set it from the environment, e.g. ${MCPWATCH_AWS_SECRET})");
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          key
              + ".secretAccessKey: too weak; expected at least "
              + MIN_SECRET_LENGTH
              + " characters, found "
              + secret.length());
    }
    if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          key + ".secretAccessKey: expected printable ASCII without spaces");
    }
    if (access.isEmpty()) {
      throw new IllegalArgumentException(
          key + ".permissions: expected at least one of ingest, read, admin");
    }
    return new AccessKey(id, secret, EnumSet.copyOf(access));
  }

  /** The access key id of {@link #fromToken}. */
  public static final String TOKEN_KEY_ID = "mcpwatch";

  /**
   * The credential every SigV4 client can use when only {@code http.token} is configured: access
   * key id {@value #TOKEN_KEY_ID}, the token as the secret access key, every permission. (SigV4
   * never sends the secret, so this is safer on the wire than the bearer token itself.)
   *
   * @param token the validated bearer token
   */
  public static AccessKey fromToken(String token) {
    Objects.requireNonNull(token, "token");
    return new AccessKey(TOKEN_KEY_ID, token, EnumSet.allOf(Access.class));
  }

  private static boolean idChar(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  public String id() {
    return id;
  }

  public Set<Access> access() {
    return access;
  }

  /** {@code "AWS4" + secret} as bytes (a copy), for the signing key derivation. */
  byte[] keyPrefix() {
    return Arrays.copyOf(keyPrefix, keyPrefix.length);
  }

  @Override
  public String toString() {
    return "AccessKey[" + id + " " + access + ", secret redacted]";
  }
}
