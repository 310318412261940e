package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubscriptionManagerTest {
  private final NotifySettings settings = Fixtures.settings();
  private final ManualClock clock = new ManualClock(Fixtures.T0);
  private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final SubscriptionManager manager = new SubscriptionManager(settings, store, outbox,
      new NotificationPlanner(settings, Fixtures.signer()), IdSource.fromRandom(new Random(7)),
      clock);
  private final String topicArn = settings.topicArn("alarms-prod");

  private TopicConfig topic(Subscriber... subs) {
    return new TopicConfig("alarms-prod", "MCP alarms (prod)", List.of(subs));
  }

  @Test
  void reconcile_emailAndHttpStartPendingWithConfirmationQueued_chatIsConfirmedAtOnce() {
    ReconcileReport r = manager.reconcile(List.of(topic(Subscriber.of("email", "ops@example.com"),
        Subscriber.of("https", "https://hooks.example.com/sns"),
        Subscriber.of("slack", "https://hooks.slack.com/services/x"))));

    assertThat(r.added()).extracting(Subscription::status).containsExactly(
        SubscriptionStatus.PENDING_CONFIRMATION, SubscriptionStatus.PENDING_CONFIRMATION,
        SubscriptionStatus.CONFIRMED);
    assertThat(r.confirmationsQueued()).isEqualTo(2);
    assertThat(outbox.items()).extracting(OutboxItem::kind)
        .containsOnly(MessageKind.SUBSCRIPTION_CONFIRMATION);
    OutboxItem mail = outbox.items().get(0);
    Subscription pending = r.added().get(0);
    assertThat(pending.token()).hasSize(64);
    assertThat(mail.subject()).isEqualTo("mcpwatch Notification - Subscription Confirmation");
    assertThat(mail.senderName()).isEqualTo("MCP alarms (prod)");
    assertThat(mail.body()).contains(topicArn)
        .contains("Confirm subscription: " + settings.links().confirm(topicArn, pending.token(),
            "ops@example.com"))
        .contains("The link works until Wednesday 29 April, 2026 10:15:00 UTC.");
    assertThat(outbox.items().get(1).body()).contains("\"Type\" : \"SubscriptionConfirmation\"")
        .contains("\"Token\" : \"" + r.added().get(1).token() + "\"");
  }

  @Test
  void reconcile_reload_doesNotResendOrTouchConfirmed() {
    TopicConfig t = topic(Subscriber.of("email", "ops@example.com"));
    Subscription s = manager.reconcile(List.of(t)).added().get(0);
    manager.confirm(topicArn, s.token());

    ReconcileReport again = manager.reconcile(List.of(t));

    assertThat(again.added()).isEmpty();
    assertThat(again.removed()).isEmpty();
    assertThat(outbox.items()).hasSize(1);
    assertThat(store.all()).singleElement().satisfies(x -> assertThat(x.isConfirmed()).isTrue());
  }

  @Test
  void confirm_withinTwoDays_confirmsOnceThenReportsAlreadyConfirmed() {
    Subscription s = manager.reconcile(List.of(topic(Subscriber.of("email", "a@b")))).added()
        .get(0);
    clock.advance(Duration.ofDays(2).minusSeconds(1));

    ConfirmResult first = manager.confirm(topicArn, s.token());
    ConfirmResult second = manager.confirm(topicArn, s.token());

    assertThat(first.outcome()).isEqualTo(ConfirmResult.Outcome.CONFIRMED);
    assertThat(first.subscription().confirmedAt()).isEqualTo(clock.instant());
    assertThat(second.outcome()).isEqualTo(ConfirmResult.Outcome.ALREADY_CONFIRMED);
  }

  @Test
  void confirm_afterTwoDaysOrWrongTopicOrToken_fails() {
    Subscription s = manager.reconcile(List.of(topic(Subscriber.of("email", "a@b")))).added()
        .get(0);

    assertThat(manager.confirm(settings.topicArn("other"), s.token()).outcome())
        .isEqualTo(ConfirmResult.Outcome.UNKNOWN_TOKEN);
    assertThat(manager.confirm(topicArn, "00" + s.token().substring(2)).outcome())
        .isEqualTo(ConfirmResult.Outcome.UNKNOWN_TOKEN);
    clock.advance(Duration.ofDays(2));
    assertThat(manager.confirm(topicArn, s.token()).outcome())
        .isEqualTo(ConfirmResult.Outcome.EXPIRED);
    assertThat(store.all().get(0).isConfirmed()).isFalse();
  }

  @Test
  void expirePending_dropsUnconfirmedAfter48HoursOnly() {
    manager.reconcile(List.of(topic(Subscriber.of("email", "a@b"), Subscriber.of("email", "c@d"),
        Subscriber.of("teams", "https://x.webhook.office.com/h"))));
    manager.confirm(topicArn, store.all().get(1).token());

    clock.advance(Duration.ofHours(48).minusMillis(1));
    assertThat(manager.expirePending()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    List<Subscription> dropped = manager.expirePending();

    assertThat(dropped).extracting(Subscription::endpoint).containsExactly("a@b");
    assertThat(store.all()).extracting(Subscription::endpoint)
        .containsExactly("c@d", "https://x.webhook.office.com/h");
    assertThat(manager.reconcile(manager.topics()).added()).extracting(Subscription::endpoint)
        .containsExactly("a@b");
  }

  @Test
  void unsubscribe_confirmedLeavesTombstone_pendingIsRefused_requestConfirmationResubscribes() {
    manager.reconcile(List.of(topic(Subscriber.of("email", "a@b"), Subscriber.of("email", "c@d"))));
    Subscription a = store.all().get(0);
    Subscription c = store.all().get(1);
    manager.confirm(topicArn, a.token());

    assertThat(manager.unsubscribe(c.arn()).outcome())
        .isEqualTo(UnsubscribeResult.Outcome.PENDING_CONFIRMATION);
    assertThat(manager.unsubscribe(a.arn()).outcome())
        .isEqualTo(UnsubscribeResult.Outcome.UNSUBSCRIBED);
    assertThat(manager.unsubscribe(a.arn()).outcome())
        .isEqualTo(UnsubscribeResult.Outcome.ALREADY_UNSUBSCRIBED);
    assertThat(manager.unsubscribe(topicArn + ":nope").outcome())
        .isEqualTo(UnsubscribeResult.Outcome.UNKNOWN);
    assertThat(manager.reconcile(manager.topics()).added()).isEmpty();

    Subscription again = manager.requestConfirmation(a.arn()).orElseThrow();
    assertThat(again.status()).isEqualTo(SubscriptionStatus.PENDING_CONFIRMATION);
    assertThat(again.token()).isNotEqualTo(a.token());
    assertThat(outbox.items()).hasSize(3);
    assertThat(manager.confirm(topicArn, again.token()).outcome())
        .isEqualTo(ConfirmResult.Outcome.CONFIRMED);
  }

  @Test
  void reconcile_removedFromConfig_deletesAnyStatus() {
    manager.reconcile(List.of(topic(Subscriber.of("email", "a@b"), Subscriber.of("email", "c@d"))));
    manager.confirm(topicArn, store.all().get(0).token());

    ReconcileReport r = manager.reconcile(List.of(topic()));

    assertThat(r.removed()).hasSize(2);
    assertThat(store.all()).isEmpty();
  }
  @Test
  void plan_manyNotices_plansEachAsAloneAgainstOneReadOfTheSubscriptions() {
    TopicConfig auth = new TopicConfig("aiconnectors-alarms-prod", "MCP alarms",
        List.of(Subscriber.of("email", "ops@example.com"),
            Subscriber.of("slack", "https://hooks.slack.com/services/x")));
    manager.reconcile(List.of(auth));
    store.all().forEach(sub -> {
      if (!sub.isConfirmed()) {
        manager.confirm(sub.topicArn(), sub.token());
      }
    });
    List<AlarmNotice> notices = List.of(Fixtures.specNotice(),
        Fixtures.authNotice("teams-prod-auth", List.of()),
        Fixtures.authNotice("jira-prod-auth", List.of()));
    int[] reads = {0};
    SubscriptionManager counting = new SubscriptionManager(settings,
        new SubscriptionStore() {
          @Override
          public List<Subscription> all() {
            reads[0]++;
            return store.all();
          }

          @Override
          public java.util.Optional<Subscription> byArn(String arn) {
            return store.byArn(arn);
          }

          @Override
          public java.util.Optional<Subscription> byToken(String token) {
            return store.byToken(token);
          }

          @Override
          public void put(Subscription sub) {
            store.put(sub);
          }

          @Override
          public void delete(String arn) {
            store.delete(arn);
          }
        }, outbox, new NotificationPlanner(settings, Fixtures.signer()),
        IdSource.fromRandom(new Random(7)), clock);
    counting.reconcile(List.of(auth));
    reads[0] = 0;

    List<Plan> plans = counting.plan(notices);

    assertThat(reads[0]).isEqualTo(1);
    assertThat(plans).containsExactly(manager.plan(notices.get(0)), manager.plan(notices.get(1)),
        manager.plan(notices.get(2)));
    assertThat(plans.get(0).items()).isEmpty(); // its topic is not configured: a failed action
    assertThat(plans.get(0).history()).singleElement()
        .satisfies(h -> assertThat(h.succeeded()).isFalse());
    assertThat(plans.subList(1, 3)).allSatisfy(p -> assertThat(p.items()).hasSize(2));
    assertThat(counting.plan(List.of())).isEmpty();
  }
}
