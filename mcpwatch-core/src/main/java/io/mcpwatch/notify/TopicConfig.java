package io.mcpwatch.notify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One configured topic (mcpwatch keeps one per environment, e.g. {@code aiconnectors-alarms-prod})
 * with its desired subscribers. Subscribers are de-duplicated by {@link Subscriber#key()}, keeping
 * the first.
 *
 * @param name the topic name: 1 to 256 characters from {@code [A-Za-z0-9_-]} (spec 4.1)
 * @param displayName the e-mail sender's display name, or null for the default; at most 100
 *     characters, no control characters
 * @param subscribers the recipients the configuration wants
 */
public record TopicConfig(String name, @Nullable String displayName, List<Subscriber> subscribers) {
  public TopicConfig {
    Objects.requireNonNull(name, "name");
    validateName(name);
    if (displayName != null && (displayName.length() > 100 || Text.hasUnsafe(displayName))) {
      throw new IllegalArgumentException(
          "displayName: expected at most 100 characters without control characters; found "
              + Text.quoteForMessage(displayName));
    }
    Set<String> seen = new HashSet<>();
    List<Subscriber> unique = new ArrayList<>();
    for (Subscriber s : subscribers) {
      if (seen.add(Objects.requireNonNull(s, "subscriber").key())) {
        unique.add(s);
      }
    }
    subscribers = List.copyOf(unique);
  }

  /** Checks an SNS topic name; the message names the rule. */
  static void validateName(String name) {
    boolean ok = !name.isEmpty() && name.length() <= 256;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-';
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "topic name: expected 1 to 256 characters from A-Z a-z 0-9 _ -; found "
              + Text.quoteForMessage(name));
    }
  }
}
