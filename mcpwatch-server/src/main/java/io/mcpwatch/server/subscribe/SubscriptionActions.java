package io.mcpwatch.server.subscribe;

import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.UnsubscribeResult;
import java.util.Objects;

/**
 * What the subscription pages do, as a port: the run loop implements it over {@link
 * SubscriptionManager} (each call in one storage transaction). Called from HTTP worker threads.
 */
public interface SubscriptionActions {
  /** SNS ConfirmSubscription: the confirmation link. */
  ConfirmResult confirm(String topicArn, String token);

  /** SNS Unsubscribe: the unsubscribe link. */
  UnsubscribeResult unsubscribe(String subscriptionArn);

  /** Direct calls to {@code manager}, for stores without transactions (in memory). */
  static SubscriptionActions of(SubscriptionManager manager) {
    Objects.requireNonNull(manager, "manager");
    return new SubscriptionActions() {
      @Override
      public ConfirmResult confirm(String topicArn, String token) {
        return manager.confirm(topicArn, token);
      }

      @Override
      public UnsubscribeResult unsubscribe(String subscriptionArn) {
        return manager.unsubscribe(subscriptionArn);
      }
    };
  }
}
