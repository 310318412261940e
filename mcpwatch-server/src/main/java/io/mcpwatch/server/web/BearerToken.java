package io.mcpwatch.server.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * The ingest token: {@code Authorization: Bearer <token>}. The comparison hashes both sides with
 * SHA-256 and compares the digests with {@link MessageDigest#isEqual}, so it takes the same time
 * whatever the presented value's length or first differing byte.
 */
public final class BearerToken {
  /** Shortest accepted token (16 characters, e.g. 96 random bits in base64). */
  public static final int MIN_LENGTH = 16;

  private final byte[] digest;

  private BearerToken(String token) {
    this.digest = sha256(token);
  }

  /**
   * Validates a configured token: at least {@value #MIN_LENGTH} printable ASCII characters without
   * spaces (so it fits an Authorization header unchanged).
   *
   * @throws IllegalArgumentException naming {@code key} and what was expected
   */
  public static BearerToken of(String key, String token) {
    if (token.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          key + ": expected at least " + MIN_LENGTH + " characters; found " + token.length());
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException(
            key
                + ": expected printable ASCII without spaces; found a character U+"
                + String.format(java.util.Locale.ROOT, "%04X", (int) c)
                + " at index "
                + i);
      }
    }
    return new BearerToken(token);
  }

  /** Whether an {@code Authorization} header value carries this token (scheme case-insensitive). */
  public boolean matches(@Nullable String authorization) {
    String presented = "";
    boolean bearer = false;
    if (authorization != null
        && authorization.length() > 7
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = authorization.substring(7).strip();
      bearer = true;
    }
    boolean equal = MessageDigest.isEqual(digest, sha256(presented));
    return bearer & equal;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
