package io.mcpwatch.notify;

import java.util.Locale;
import java.util.Objects;

/**
 * One configured recipient of a topic: a protocol and an endpoint (an e-mail address or a URL).
 * Validated on construction so that a bad endpoint fails at configuration time, never at delivery.
 *
 * <p>E-mail endpoints are ASCII {@code local@domain} (no display name, no list, no spaces or
 * control characters), compared case-insensitively. URL endpoints must start with {@code http://}
 * or {@code https://} ({@code https} requires {@code https://}, {@code http} requires {@code
 * http://}), have a host and contain no whitespace or control characters. URLs are secrets
 * (webhook tokens, basic-auth user-info): {@link #toString()} shows them redacted.
 *
 * @param protocol the protocol
 * @param endpoint the address or URL, as configured (trimmed)
 */
public record Subscriber(Protocol protocol, String endpoint) {
  private static final String LOCAL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-";
  private static final String DOMAIN_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";

  public Subscriber {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    endpoint = endpoint.strip();
    if (protocol.isEmail()) {
      validateEmail(endpoint);
    } else {
      validateUrl(protocol, endpoint);
    }
  }

  /** Shorthand for {@code new Subscriber(Protocol.parse(protocol), endpoint)}. */
  public static Subscriber of(String protocol, String endpoint) {
    return new Subscriber(Protocol.parse(protocol), endpoint);
  }

  /** The identity used to match a configured subscriber with a stored subscription. */
  public String key() {
    return key(protocol, endpoint);
  }

  static String key(Protocol protocol, String endpoint) {
    return protocol.id()
        + " "
        + (protocol.isEmail() ? endpoint.toLowerCase(Locale.ROOT) : endpoint);
  }

  /** The endpoint in a form that is safe to log or show: URLs lose path, query and user-info. */
  public String redactedEndpoint() {
    return redact(protocol, endpoint);
  }

  static String redact(Protocol protocol, String endpoint) {
    return protocol.isEmail() ? endpoint : Text.redactUrl(endpoint);
  }

  @Override
  public String toString() {
    return "Subscriber[" + protocol.id() + " " + redactedEndpoint() + "]";
  }

  private static void validateEmail(String address) {
    int at = address.indexOf('@');
    if (address.length() > 254
        || at <= 0
        || at != address.lastIndexOf('@')
        || at == address.length() - 1) {
      throw new IllegalArgumentException(
          "endpoint: expected an e-mail address like user@example.com; found "
              + Text.quoteForMessage(address));
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (!onlyChars(local, LOCAL_CHARS)
        || !onlyChars(domain, DOMAIN_CHARS)
        || local.startsWith(".")
        || local.endsWith(".")
        || local.contains("..")
        || domain.startsWith(".")
        || domain.startsWith("-")
        || domain.endsWith(".")
        || domain.contains("..")) {
      throw new IllegalArgumentException(
          "endpoint: expected a plain ASCII e-mail address (no name, list, spaces or quotes); found "
              + Text.quoteForMessage(address));
    }
  }

  private static void validateUrl(Protocol protocol, String url) {
    String expected;
    switch (protocol) {
      case HTTP:
        expected = "http://";
        break;
      case HTTPS:
        expected = "https://";
        break;
      default:
        expected = url.startsWith("http://") ? "http://" : "https://";
        break;
    }
    if (!url.startsWith(expected)) {
      throw new IllegalArgumentException(
          "endpoint: protocol " + protocol.id() + " expects a URL starting with " + expected
              + "; found " + Text.quoteForMessage(Text.redactUrl(url)));
    }
    String rest = url.substring(expected.length());
    int end = 0;
    while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String authority = rest.substring(0, end);
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    if (host.isEmpty() || host.startsWith(":")) {
      throw new IllegalArgumentException(
          "endpoint: expected a URL with a host; found " + Text.quoteForMessage(Text.redactUrl(url)));
    }
    if (url.codePoints().anyMatch(c -> Text.unsafe(c) || Character.isWhitespace(c))) {
      throw new IllegalArgumentException(
          "endpoint: a URL must not contain spaces or control characters; found "
              + Text.quoteForMessage(Text.redactUrl(url)));
    }
  }

  private static boolean onlyChars(String s, String allowed) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (allowed.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
