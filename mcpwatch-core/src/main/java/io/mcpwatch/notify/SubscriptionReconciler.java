package io.mcpwatch.notify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pure reconcile function: desired subscribers x stored subscriptions -> changes.
 *
 * <ul>
 *   <li>A configured subscriber with no stored subscription (same topic ARN and {@link
 *       Subscriber#key()}) is {@link SubscriptionChange.Add added}.
 *   <li>A stored subscription (any status) that the configuration no longer lists, including every
 *       subscription of a topic that was removed, is {@link SubscriptionChange.Remove removed}.
 *   <li>Everything else is left alone: confirmed stays confirmed, pending keeps its token (no new
 *       confirmation e-mail on reload), unsubscribed stays unsubscribed.
 * </ul>
 *
 * Topic ARNs include the region and account, so changing either re-creates every subscription.
 * Changes come out as all removals (in stored order), then all additions (in configured order).
 */
public final class SubscriptionReconciler {
  private SubscriptionReconciler() {}

  public static List<SubscriptionChange> reconcile(
      NotifySettings settings, List<TopicConfig> desired, List<Subscription> stored) {
    Set<String> wanted = new HashSet<>();
    for (TopicConfig topic : desired) {
      String arn = settings.topicArn(topic.name());
      for (Subscriber s : topic.subscribers()) {
        wanted.add(arn + " " + s.key());
      }
    }
    Set<String> have = new HashSet<>();
    List<SubscriptionChange> changes = new ArrayList<>();
    for (Subscription s : stored) {
      String id = s.topicArn() + " " + s.key();
      if (!wanted.contains(id) || !have.add(id)) {
        changes.add(new SubscriptionChange.Remove(s));
      }
    }
    for (TopicConfig topic : desired) {
      String arn = settings.topicArn(topic.name());
      for (Subscriber s : topic.subscribers()) {
        if (have.add(arn + " " + s.key())) {
          changes.add(new SubscriptionChange.Add(arn, topic, s));
        }
      }
    }
    return List.copyOf(changes);
  }
}
