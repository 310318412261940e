package io.mcpwatch.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A {@link SubscriptionStore} in memory (tests, demos without a database). Thread-safe. */
public final class InMemorySubscriptionStore implements SubscriptionStore {
  private final Map<String, Subscription> byArn = new LinkedHashMap<>();

  @Override
  public synchronized List<Subscription> all() {
    return List.copyOf(new ArrayList<>(byArn.values()));
  }

  @Override
  public synchronized Optional<Subscription> byArn(String subscriptionArn) {
    return Optional.ofNullable(byArn.get(subscriptionArn));
  }

  @Override
  public synchronized Optional<Subscription> byToken(String token) {
    return byArn.values().stream().filter(s -> token.equals(s.token())).findFirst();
  }

  @Override
  public synchronized void put(Subscription subscription) {
    byArn.put(Objects.requireNonNull(subscription, "subscription").arn(), subscription);
  }

  @Override
  public synchronized void delete(String subscriptionArn) {
    byArn.remove(subscriptionArn);
  }
}
