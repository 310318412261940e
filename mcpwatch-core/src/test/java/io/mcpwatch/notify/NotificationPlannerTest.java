package io.mcpwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NotificationPlannerTest {
  private final NotifySettings settings = Fixtures.settings();
  private final NotificationPlanner planner = new NotificationPlanner(settings, Fixtures.signer());
  private final String prod = settings.topicArn("aiconnectors-alarms-prod");
  private final TopicConfig topic = new TopicConfig("aiconnectors-alarms-prod", null, List.of());

  private Subscription sub(String id, String protocol, String endpoint, SubscriptionStatus st) {
    return SubscriptionReconcilerTest.sub(id, prod, protocol, endpoint, st);
  }

  @Test
  void plan_onlyConfirmedSubscriptionsGetItemsRenderedPerProtocol() {
    List<Subscription> subs = List.of(
        sub("e", "email", "ops@example.com", SubscriptionStatus.CONFIRMED),
        sub("j", "email-json", "json@example.com", SubscriptionStatus.CONFIRMED),
        sub("h", "https", "https://h.example.com/sns", SubscriptionStatus.CONFIRMED),
        sub("s", "slack", "https://hooks.slack.com/x", SubscriptionStatus.CONFIRMED),
        sub("t", "teams", "https://x.webhook.office.com/y", SubscriptionStatus.CONFIRMED),
        sub("p", "email", "pending@example.com", SubscriptionStatus.PENDING_CONFIRMATION),
        sub("u", "email", "gone@example.com", SubscriptionStatus.UNSUBSCRIBED));
    AlarmNotice n = Fixtures.authNotice("prod-teams-auth", Fixtures.lines());

    Plan plan = planner.plan(n, List.of(topic), subs, Fixtures.T0);

    assertThat(plan.history()).isEmpty();
    assertThat(plan.items()).extracting(OutboxItem::endpoint).containsExactly("ops@example.com",
        "json@example.com", "https://h.example.com/sns", "https://hooks.slack.com/x",
        "https://x.webhook.office.com/y");
    assertThat(plan.items()).extracting(OutboxItem::messageId).containsOnly(
        plan.items().get(0).messageId());
    assertThat(plan.items()).extracting(OutboxItem::id).doesNotHaveDuplicates();
    assertThat(plan.items()).allSatisfy(i -> {
      assertThat(i.subject()).isEqualTo("ALARM: \"prod-teams-auth\" in EU (Ireland)");
      assertThat(i.status()).isEqualTo(OutboxStatus.PENDING);
      assertThat(i.nextAttemptAt()).isEqualTo(Fixtures.T0);
      assertThat(i.alarmName()).isEqualTo("prod-teams-auth");
      assertThat(i.senderName()).isEqualTo("mcpwatch Notifications");
    });
    OutboxItem email = plan.items().get(0);
    assertThat(email.body()).startsWith("You are receiving this email")
        .contains(email.unsubscribeUrl()).contains(subs.get(0).arn().replace(":", "%3A"));
    JsonNode envelope = Formats.JSON.readTree(plan.items().get(2).body());
    assertThat(envelope.get("Type").asString()).isEqualTo("Notification");
    assertThat(envelope.get("MessageId").asString()).isEqualTo(email.messageId());
    assertThat(envelope.get("Message").asString()).isEqualTo(AlarmJson.of(n, settings));
    assertThat(Formats.JSON.readTree(plan.items().get(1).body()).get("Type").asString())
        .isEqualTo("Notification");
    assertThat(plan.items().get(3).body()).startsWith("{\"text\":");
    assertThat(plan.items().get(3).unsubscribeUrl()).isNull();
    assertThat(plan.items().get(4).body()).startsWith("{\"type\":\"message\"");
  }

  @Test
  void plan_sameChangeTwice_yieldsSameIds() {
    List<Subscription> subs = List.of(sub("e", "email", "a@b", SubscriptionStatus.CONFIRMED));
    AlarmNotice n = Fixtures.authNotice("x", List.of());

    Plan a = planner.plan(n, List.of(topic), subs, Fixtures.T0);
    Plan b = planner.plan(n, List.of(topic), subs, Fixtures.T0.plusSeconds(5));

    assertThat(b.items().get(0).id()).isEqualTo(a.items().get(0).id());
    assertThat(b.items().get(0).messageId()).isEqualTo(a.items().get(0).messageId());
  }

  @Test
  void plan_unknownTopicOrNoConfirmedSubscription_recordsFailedActions() {
    AlarmNotice n = new AlarmNotice(Fixtures.authAlarm("x"), io.mcpwatch.alarm.AlarmState.OK,
        io.mcpwatch.alarm.AlarmState.ALARM, "r", Fixtures.T0, Fixtures.T0,
        List.of("aiconnectors-alarms-prod", "nope", "aiconnectors-alarms-prod"), List.of(), 0, null,
        null);

    Plan plan = planner.plan(n, List.of(topic),
        List.of(sub("p", "email", "a@b", SubscriptionStatus.PENDING_CONFIRMATION)), Fixtures.T0);

    assertThat(plan.items()).isEmpty();
    assertThat(plan.history()).extracting(ActionHistoryItem::summary).containsExactly(
        "Failed to execute action " + prod + ". Reason: the topic has no confirmed subscription"
            + " (1 pending confirmation)",
        "Failed to execute action arn:aws:sns:eu-west-1:000000000000:nope. Reason: no topic with"
            + " this ARN is configured");
    assertThat(plan.history().get(0).historyData()).isEqualTo("{\"actionState\":\"Failed\","
        + "\"notificationResource\":\"" + prod + "\",\"error\":\"the topic has no confirmed"
        + " subscription (1 pending confirmation)\"}");
  }
}
