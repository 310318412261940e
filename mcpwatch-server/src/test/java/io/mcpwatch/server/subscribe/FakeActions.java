package io.mcpwatch.server.subscribe;

import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.UnsubscribeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fake actions: tokens and ARNs map to scripted outcomes; calls are recorded. A token or ARN not in
 * the script is unknown.
 */
public final class FakeActions implements SubscriptionActions {
  public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:security-alerts";
  public static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  public final Map<String, ConfirmResult> confirms = new LinkedHashMap<>();
  public final Map<String, UnsubscribeResult> unsubscribes = new LinkedHashMap<>();
  public final List<String> calls = new ArrayList<>();
  public volatile boolean fail;

  public static Subscription subscription(
      String id, Protocol protocol, String endpoint, SubscriptionStatus status) {
    return new Subscription(
        id,
        TOPIC,
        protocol,
        endpoint,
        status,
        status == SubscriptionStatus.UNSUBSCRIBED ? null : "tok-" + id,
        T0,
        status == SubscriptionStatus.UNSUBSCRIBED ? null : T0,
        status == SubscriptionStatus.CONFIRMED ? T0 : null);
  }

  @Override
  public ConfirmResult confirm(String topicArn, String token) {
    calls.add("confirm " + topicArn + " " + token);
    if (fail) {
      throw new IllegalStateException("store down");
    }
    ConfirmResult r = confirms.get(token);
    return r != null && topicArn.equals(TOPIC)
        ? r
        : new ConfirmResult(ConfirmResult.Outcome.UNKNOWN_TOKEN, null);
  }

  @Override
  public UnsubscribeResult unsubscribe(String subscriptionArn) {
    calls.add("unsubscribe " + subscriptionArn);
    if (fail) {
      throw new IllegalStateException("store down");
    }
    UnsubscribeResult r = unsubscribes.get(subscriptionArn);
    return r != null ? r : new UnsubscribeResult(UnsubscribeResult.Outcome.UNKNOWN, null);
  }
}
