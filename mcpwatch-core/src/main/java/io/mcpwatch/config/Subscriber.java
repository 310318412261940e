package io.mcpwatch.config;

import java.util.Objects;

/**
 * One subscriber of a topic, as SNS models it: a protocol and an endpoint. Written as {@code {
 * email: owners@example.com }}.
 *
 * @param protocol how notifications reach the subscriber
 * @param endpoint the address (for email, the mailbox)
 * @param path key path of the subscriber entry
 * @param line 1-based line
 * @param column 1-based column
 */
public record Subscriber(Protocol protocol, String endpoint, String path, int line, int column) {

  /**
   * The supported protocols. Adding one (email-json, http/https, slack, teams) is a constant here
   * plus its endpoint check in {@code TopicsSection}.
   */
  public enum Protocol {
    EMAIL("email");

    private final String key;

    Protocol(String key) {
      this.key = key;
    }

    /** The key in the configuration file, e.g. {@code email}. */
    public String key() {
      return key;
    }
  }

  public Subscriber {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(path, "path");
  }
}
