package io.mcpwatch.config;

import io.mcpwatch.notify.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * Subscriber endpoint checks. The notify module's {@link io.mcpwatch.notify.Subscriber} is the
 * authority (so a configuration that validates is one the notifier accepts, with the same
 * messages); on top of it, chat webhooks ({@code slack}, {@code teams}) must use https.
 */
final class Endpoints {
  private Endpoints() {}

  /**
   * What is wrong with {@code endpoint} for {@code protocol}, or null when it is fine. Messages
   * show URLs redacted to scheme and host (webhook URLs are credentials).
   */
  static @Nullable String check(Protocol protocol, String endpoint) {
    io.mcpwatch.notify.Subscriber s;
    try {
      s = new io.mcpwatch.notify.Subscriber(protocol, endpoint);
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      return m.startsWith("endpoint: ") ? m.substring("endpoint: ".length()) : m;
    }
    if ((protocol == Protocol.SLACK || protocol == Protocol.TEAMS)
        && !s.endpoint().startsWith("https://")) {
      return "protocol "
          + protocol.id()
          + " expects a URL starting with https://; found \""
          + s.redactedEndpoint()
          + "\"";
    }
    return null;
  }

  /** The endpoint as it may be shown: e-mail addresses as they are, URLs as scheme and host. */
  static String redact(Protocol protocol, String endpoint) {
    if (protocol.isEmail()) {
      return endpoint;
    }
    try {
      return new io.mcpwatch.notify.Subscriber(protocol, endpoint).redactedEndpoint();
    } catch (IllegalArgumentException e) {
      return "<url>";
    }
  }
}
