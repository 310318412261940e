package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SubscriptionReconcilerTest {
  private static final NotifySettings S = Fixtures.settings();
  private static final String PROD = S.topicArn("alarms-prod");
  private static final Instant T = Fixtures.T0;

  @Test
  void reconcile_addsNewRemovesGoneAndLeavesKeptOnesAlone() {
    Subscription confirmed = sub("1", PROD, "email", "keep@example.com", SubscriptionStatus.CONFIRMED);
    Subscription pending = sub("2", PROD, "email", "pending@example.com",
        SubscriptionStatus.PENDING_CONFIRMATION);
    Subscription gone = sub("3", PROD, "email", "gone@example.com", SubscriptionStatus.CONFIRMED);
    Subscription otherTopic = sub("4", S.topicArn("alarms-old"), "email", "keep@example.com",
        SubscriptionStatus.CONFIRMED);
    TopicConfig prod = new TopicConfig("alarms-prod", null, List.of(
        Subscriber.of("email", "KEEP@example.com"), Subscriber.of("email", "pending@example.com"),
        Subscriber.of("email", "new@example.com"), Subscriber.of("slack", "https://h/x")));

    List<SubscriptionChange> changes = SubscriptionReconciler.reconcile(S, List.of(prod),
        List.of(confirmed, pending, gone, otherTopic));

    assertThat(changes).containsExactly(new SubscriptionChange.Remove(gone),
        new SubscriptionChange.Remove(otherTopic),
        new SubscriptionChange.Add(PROD, prod, Subscriber.of("email", "new@example.com")),
        new SubscriptionChange.Add(PROD, prod, Subscriber.of("slack", "https://h/x")));
  }

  @Test
  void reconcile_unsubscribedStillConfigured_isNotResubscribed() {
    Subscription opted = sub("1", PROD, "email", "a@b", SubscriptionStatus.UNSUBSCRIBED);
    TopicConfig prod = new TopicConfig("alarms-prod", null, List.of(Subscriber.of("email", "a@b")));

    assertThat(SubscriptionReconciler.reconcile(S, List.of(prod), List.of(opted))).isEmpty();
    assertThat(SubscriptionReconciler.reconcile(S, List.of(), List.of(opted)))
        .containsExactly(new SubscriptionChange.Remove(opted));
  }

  @Test
  void reconcile_duplicateStored_removesTheSecond() {
    Subscription a = sub("1", PROD, "email", "a@b", SubscriptionStatus.CONFIRMED);
    Subscription b = sub("2", PROD, "email", "A@B", SubscriptionStatus.PENDING_CONFIRMATION);
    TopicConfig prod = new TopicConfig("alarms-prod", null, List.of(Subscriber.of("email", "a@b")));

    assertThat(SubscriptionReconciler.reconcile(S, List.of(prod), List.of(a, b)))
        .containsExactly(new SubscriptionChange.Remove(b));
  }

  /**
   * Property: applying the changes leaves exactly the desired (topic, key) set, never removes a
   * desired confirmed subscription, and a second reconcile is a no-op.
   */
  @Test
  void reconcile_anyDesiredAndStored_convergesAndKeepsConfirmed() {
    List<String> endpoints = List.of("a@x", "b@x", "c@x", "d@x", "e@x");
    List<String> topics = List.of("t1", "t2");
    qt().forAll(
            lists().of(integers().between(0, 9)).ofSizeBetween(0, 10),
            lists().of(integers().between(0, 29)).ofSizeBetween(0, 12))
        .checkAssert((desiredCodes, storedCodes) -> {
          List<TopicConfig> desired = new ArrayList<>();
          for (String t : topics) {
            List<Subscriber> subs = desiredCodes.stream()
                .filter(c -> topics.get(c / 5).equals(t))
                .map(c -> Subscriber.of("email", endpoints.get(c % 5)))
                .collect(Collectors.toList());
            desired.add(new TopicConfig(t, null, subs));
          }
          List<Subscription> stored = new ArrayList<>();
          int id = 0;
          for (int c : storedCodes) {
            stored.add(sub(String.valueOf(id++), S.topicArn(topics.get((c / 5) % 2)), "email",
                endpoints.get(c % 5), SubscriptionStatus.values()[c / 10]));
          }

          List<SubscriptionChange> changes = SubscriptionReconciler.reconcile(S, desired, stored);
          List<Subscription> after = apply(stored, changes);

          Set<String> want = desired.stream().flatMap(t -> t.subscribers().stream()
              .map(s -> S.topicArn(t.name()) + " " + s.key())).collect(Collectors.toSet());
          Set<String> have = after.stream().map(s -> s.topicArn() + " " + s.key())
              .collect(Collectors.toSet());
          assertThat(have).isEqualTo(want);
          assertThat(after).hasSize(want.size());
          for (SubscriptionChange c : changes) {
            if (c instanceof SubscriptionChange.Remove) {
              Subscription r = ((SubscriptionChange.Remove) c).subscription();
              boolean stillWanted = want.contains(r.topicArn() + " " + r.key());
              boolean firstOfItsKey = stored.stream().filter(s -> s.topicArn().equals(r.topicArn())
                  && s.key().equals(r.key())).findFirst().orElseThrow() == r;
              assertThat(stillWanted && firstOfItsKey).isFalse();
            }
          }
          assertThat(SubscriptionReconciler.reconcile(S, desired, after)).isEmpty();
        });
  }

  private static List<Subscription> apply(List<Subscription> stored, List<SubscriptionChange> cs) {
    List<Subscription> out = new ArrayList<>(stored);
    Set<Subscription> removed = new HashSet<>();
    int n = 1000;
    for (SubscriptionChange c : cs) {
      if (c instanceof SubscriptionChange.Remove) {
        removed.add(((SubscriptionChange.Remove) c).subscription());
      } else {
        SubscriptionChange.Add a = (SubscriptionChange.Add) c;
        out.add(sub(String.valueOf(n++), a.topicArn(), a.subscriber().protocol().id(),
            a.subscriber().endpoint(), SubscriptionStatus.PENDING_CONFIRMATION));
      }
    }
    out.removeIf(removed::contains);
    return out;
  }

  static Subscription sub(String id, String topicArn, String protocol, String endpoint,
      SubscriptionStatus status) {
    boolean pending = status == SubscriptionStatus.PENDING_CONFIRMATION;
    return new Subscription(id, topicArn, Protocol.parse(protocol), endpoint, status,
        pending ? "tok" + id : null, T, pending ? T : null,
        status == SubscriptionStatus.CONFIRMED ? T : null);
  }
}
