package io.mcpwatch.notify;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/** Port: random subscription ids and confirmation tokens. */
public interface IdSource {
  /** A new subscription id (a random UUID). */
  String newSubscriptionId();

  /** A new confirmation token: 64 hex characters (256 random bits). */
  String newToken();

  /** Backed by {@link SecureRandom}; the production choice. */
  static IdSource secure() {
    return fromRandom(new SecureRandom());
  }

  /** Backed by any {@link Random}; a seeded one gives repeatable ids (tests, demos). */
  static IdSource fromRandom(Random random) {
    return new IdSource() {
      @Override
      public synchronized String newSubscriptionId() {
        return new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
            .toString();
      }

      @Override
      public synchronized String newToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
      }
    };
  }
}
