package io.mcpwatch.notify;

import java.util.List;
import java.util.Optional;

/**
 * Port: where subscriptions live. The storage layer implements it (its writes join the caller's
 * transaction); {@link InMemorySubscriptionStore} is the in-memory implementation. Implementations
 * must be safe for use from several threads.
 */
public interface SubscriptionStore {
  /** Every stored subscription, any status, in creation order. */
  List<Subscription> all();

  /** The subscription with this ARN. */
  Optional<Subscription> byArn(String subscriptionArn);

  /** The subscription whose current confirmation token is {@code token}. */
  Optional<Subscription> byToken(String token);

  /** Inserts, or replaces the subscription with the same ARN. */
  void put(Subscription subscription);

  /** Deletes the subscription with this ARN; no-op when absent. */
  void delete(String subscriptionArn);
}
