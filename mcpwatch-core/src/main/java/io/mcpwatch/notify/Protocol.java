package io.mcpwatch.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Subscription protocols. The first four are SNS's; {@code slack} and {@code teams} are incoming
 * webhooks (not SNS protocols).
 *
 * <p>Confirmation: SNS requires it for {@code email}, {@code email-json}, {@code http} and {@code
 * https} (spec 4.1), and so does mcpwatch. Chat webhooks are <em>not</em> confirmed: the webhook URL
 * is a secret that the channel's owner created and put into the configuration, an incoming webhook
 * cannot echo a token back, and nobody but the configuration owner can add one; so a {@code slack}
 * or {@code teams} subscription is confirmed as soon as it is configured, and is removed only by
 * removing it from the configuration (its messages carry no unsubscribe link).
 */
public enum Protocol {
  EMAIL("email", true),
  EMAIL_JSON("email-json", true),
  HTTP("http", true),
  HTTPS("https", true),
  SLACK("slack", false),
  TEAMS("teams", false);

  private final String id;
  private final boolean requiresConfirmation;

  Protocol(String id, boolean requiresConfirmation) {
    this.id = id;
    this.requiresConfirmation = requiresConfirmation;
  }

  /** The configuration spelling, e.g. {@code email-json}. */
  public String id() {
    return id;
  }

  /** Whether a new subscription starts pending and needs the recipient to confirm it. */
  public boolean requiresConfirmation() {
    return requiresConfirmation;
  }

  /** Whether the endpoint is an e-mail address ({@code email}, {@code email-json}). */
  public boolean isEmail() {
    return this == EMAIL || this == EMAIL_JSON;
  }

  /** Whether the endpoint is a URL that may carry a secret (every non-e-mail protocol). */
  public boolean isUrl() {
    return !isEmail();
  }

  /** Parses the configuration spelling; the message lists the accepted values. */
  public static Protocol parse(String id) {
    for (Protocol p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "protocol: expected one of "
            + Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(", "))
            + "; found "
            + Text.quoteForMessage(id.toLowerCase(Locale.ROOT)));
  }
}
