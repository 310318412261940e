package io.mcpwatch.config;

import java.util.List;
import java.util.Objects;

/**
 * A notification topic (SNS-like) and its subscribers. Topics are declared by environments ({@code
 * environments.prod.topic}) or in the {@code topics} section.
 *
 * @param name the topic name, e.g. {@code aiconnectors-alarms-prod}
 * @param subscribers who is notified
 * @param path key path where the topic is declared
 * @param line 1-based line of the declaration
 * @param column 1-based column of the declaration
 */
public record Topic(String name, List<Subscriber> subscribers, String path, int line, int column) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    subscribers = List.copyOf(subscribers);
  }
}
