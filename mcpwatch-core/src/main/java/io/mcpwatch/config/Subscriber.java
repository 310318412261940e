package io.mcpwatch.config;

import java.util.Objects;

/**
 * One subscriber of a topic, as SNS models it: a protocol and an endpoint. Written as {@code {
 * email: owners@example.com }}, {@code { email-json: ... }}, {@code { https: URL }}, {@code { http:
 * URL }}, {@code { slack: URL }} or {@code { teams: URL }}. Endpoints are checked as the notify
 * module checks them (slack and teams must also be https). URLs are secrets (webhook tokens):
 * {@link #toString()} shows them as scheme and host only.
 *
 * @param protocol how notifications reach the subscriber
 * @param endpoint the address (for email and email-json, the mailbox; otherwise the URL), trimmed
 * @param path key path of the subscriber entry
 * @param line 1-based line
 * @param column 1-based column
 */
public record Subscriber(Protocol protocol, String endpoint, String path, int line, int column) {

  /** The supported protocols, with their notify-module counterparts. */
  public enum Protocol {
    EMAIL("email", io.mcpwatch.notify.Protocol.EMAIL),
    EMAIL_JSON("email-json", io.mcpwatch.notify.Protocol.EMAIL_JSON),
    HTTP("http", io.mcpwatch.notify.Protocol.HTTP),
    HTTPS("https", io.mcpwatch.notify.Protocol.HTTPS),
    SLACK("slack", io.mcpwatch.notify.Protocol.SLACK),
    TEAMS("teams", io.mcpwatch.notify.Protocol.TEAMS);

    private final String key;
    private final io.mcpwatch.notify.Protocol notify;

    Protocol(String key, io.mcpwatch.notify.Protocol notify) {
      this.key = key;
      this.notify = notify;
    }

    /** The key in the configuration file, e.g. {@code email-json}. */
    public String key() {
      return key;
    }

    /** The notify module's protocol. */
    public io.mcpwatch.notify.Protocol toNotify() {
      return notify;
    }

    /** Whether the endpoint is an e-mail address. */
    public boolean isEmail() {
      return notify.isEmail();
    }
  }

  public Subscriber {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(path, "path");
  }

  /** The notify module's subscriber (the endpoint was checked when the file was bound). */
  public io.mcpwatch.notify.Subscriber toNotify() {
    return new io.mcpwatch.notify.Subscriber(protocol.toNotify(), endpoint);
  }

  /** The endpoint as it may be shown: e-mail addresses as they are, URLs as scheme and host. */
  public String redactedEndpoint() {
    return Endpoints.redact(protocol.toNotify(), endpoint);
  }

  @Override
  public String toString() {
    return "Subscriber["
        + protocol.key()
        + " "
        + redactedEndpoint()
        + ", path="
        + path
        + ", line="
        + line
        + ", column="
        + column
        + "]";
  }
}
