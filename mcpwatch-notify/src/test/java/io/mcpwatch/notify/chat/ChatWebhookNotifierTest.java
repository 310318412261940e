package io.mcpwatch.notify.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.InMemoryOutbox;
import io.mcpwatch.notify.Attempt;
import io.mcpwatch.notify.AttemptOutcome;
import io.mcpwatch.notify.testing.HookServer;
import io.mcpwatch.notify.testing.ManualClock;
import io.mcpwatch.notify.testing.TestAlarms;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChatWebhookNotifierTest {
  private final HookServer server = new HookServer();
  private final NotifySettings settings = NotifySettings.of("eu-west-1", "http://127.0.0.1:8787");

  ChatWebhookNotifierTest() throws java.io.IOException {}

  @AfterEach
  void tearDown() {
    server.close();
  }

  private OutboxItem item(Protocol protocol, String path) {
    Subscription s = new Subscription("chat-1", settings.topicArn(TestAlarms.TOPIC), protocol,
        server.hookUrl(path), SubscriptionStatus.CONFIRMED, null, TestAlarms.T0, null,
        TestAlarms.T0);
    return new NotificationPlanner(settings, d -> new byte[0]).plan(
        TestAlarms.notice("prod-teams-auth", TestAlarms.T0, TestAlarms.lines()),
        List.of(new TopicConfig(TestAlarms.TOPIC, null, List.of())), List.of(s), TestAlarms.T0)
        .items().get(0);
  }

  @Test
  void send_slackAndTeams_postTheirJson() throws Exception {
    ChatWebhookNotifier chat = ChatWebhookNotifier.create();
    OutboxItem slack = item(Protocol.SLACK, "/services/T0/B0/s3cr3t");
    OutboxItem teams = item(Protocol.TEAMS, "/workflows/abc");

    chat.send(slack);
    chat.send(teams);

    List<HookServer.Received> got = server.received();
    assertThat(got).extracting(HookServer.Received::path)
        .containsExactly("/hook/services/T0/B0/s3cr3t", "/hook/workflows/abc");
    assertThat(got.get(0).header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(got.get(0).body()).isEqualTo(slack.body());
    assertThat(JsonMapper.builder().build().readTree(got.get(0).body()).get("text").asString())
        .startsWith(":rotating_light: *ALARM*: \"prod-teams-auth\" in EU (Ireland)");
    assertThat(got.get(1).body()).isEqualTo(teams.body()).contains("AdaptiveCard");
  }

  @Test
  void send_revokedWebhook_failsPermanentlyWithoutLeakingTheUrl() {
    server.answer(404, "no_service");
    OutboxItem slack = item(Protocol.SLACK, "/services/T0/B0/s3cr3t");
    InMemoryOutbox outbox = new InMemoryOutbox();
    outbox.enqueue(List.of(slack));

    NotificationDispatcher.builder(outbox, new ManualClock(TestAlarms.T0))
        .notifier(ChatWebhookNotifier.create(), Protocol.SLACK).build().runDue();

    Attempt a = outbox.attempts(slack.id()).get(0);
    assertThat(a.outcome()).isEqualTo(AttemptOutcome.PERMANENT_FAILURE);
    assertThat(a.detail()).startsWith("HTTP 404 from 127.0.0.1:").endsWith(": no_service")
        .doesNotContain("s3cr3t");
  }

  @Test
  void send_emailItem_isRejected() {
    Subscription s = new Subscription("e", settings.topicArn(TestAlarms.TOPIC), Protocol.EMAIL,
        "a@b", SubscriptionStatus.CONFIRMED, null, TestAlarms.T0, null, TestAlarms.T0);
    OutboxItem email = new NotificationPlanner(settings, d -> new byte[0]).plan(
        TestAlarms.notice("x", TestAlarms.T0, List.of()),
        List.of(new TopicConfig(TestAlarms.TOPIC, null, List.of())), List.of(s), TestAlarms.T0)
        .items().get(0);

    assertThatThrownBy(() -> ChatWebhookNotifier.create().send(email))
        .isInstanceOf(PermanentDeliveryException.class);
  }
}
