package io.mcpwatch.notify;

import java.util.Objects;

/** One change that brings the stored subscriptions in line with the configuration. */
public sealed interface SubscriptionChange {

  /**
   * Create a subscription: pending (and send a confirmation request) when the protocol needs
   * confirmation, confirmed otherwise.
   */
  record Add(String topicArn, TopicConfig topic, Subscriber subscriber)
      implements SubscriptionChange {
    public Add {
      Objects.requireNonNull(topicArn, "topicArn");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(subscriber, "subscriber");
    }
  }

  /** Delete a stored subscription the configuration no longer lists (any status). */
  record Remove(Subscription subscription) implements SubscriptionChange {
    public Remove {
      Objects.requireNonNull(subscription, "subscription");
    }
  }
}
