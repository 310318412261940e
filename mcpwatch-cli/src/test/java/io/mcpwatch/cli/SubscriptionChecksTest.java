package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionChecksTest {
  @TempDir Path dir;

  private static final Instant T = Instant.parse("2026-03-02T10:05:00Z");

  private static Subscription sub(String topic, String email, SubscriptionStatus status) {
    String arn = NotifySettings.of("us-east-1", "http://127.0.0.1:8787").topicArn(topic);
    boolean pending = status == SubscriptionStatus.PENDING_CONFIRMATION;
    return new Subscription(
        "id-" + topic + "-" + email,
        arn,
        Protocol.EMAIL,
        email,
        status,
        pending ? "token" : null,
        T,
        pending ? T : null,
        status == SubscriptionStatus.CONFIRMED ? T : null);
  }

  private Path configWithState(List<Subscription> subscriptions) throws Exception {
    Path state = dir.resolve("state");
    try (Database db = Database.open(DatabaseConfig.sqlite(state.resolve("m.db")))) {
      JdbcSubscriptionStore store = new JdbcSubscriptionStore(db);
      subscriptions.forEach(store::put);
    }
    String text =
        InitCommand.template()
            .replace("url: jdbc:sqlite:mcpwatch-data/mcpwatch.db", "url: jdbc:sqlite:state/m.db")
            .replace(
                "    topic: aiconnectors-alarms-prod\n    subscribers:\n",
                "    topic: aiconnectors-alarms-prod\n    subscribers:\n"
                    + "      - email: oncall@example.com\n"
                    + "      - email: left@example.com\n");
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void check_pendingAndUnsubscribed_areWarningsAtTheSubscriber() throws Exception {
    Path f =
        configWithState(
            List.of(
                sub(
                    "aiconnectors-alarms-prod",
                    "oncall@example.com",
                    SubscriptionStatus.PENDING_CONFIRMATION),
                sub(
                    "aiconnectors-alarms-prod",
                    "Left@Example.com",
                    SubscriptionStatus.UNSUBSCRIBED),
                sub("aiconnectors-alarms-prod", "owners@example.com", SubscriptionStatus.CONFIRMED),
                sub(
                    "aiconnectors-alarms-dev",
                    "gone@example.com",
                    SubscriptionStatus.PENDING_CONFIRMATION)));
    List<String> lines = Files.readAllLines(f);

    ConfigCheck c = SubscriptionChecks.apply(ConfigFiles.check(f, Map.of()), ConfigFiles.baseDirectory(f));

    assertThat(c.errors()).isEmpty();
    assertThat(c.findings())
        .filteredOn(x -> x.rule().equals(SubscriptionChecks.NOT_CONFIRMED))
        .extracting(x -> x.severity() + " " + x.line() + " " + x.path() + ": " + x.message())
        .containsExactly(
            Severity.WARNING
                + " "
                + (lines.indexOf("      - email: oncall@example.com") + 1)
                + " environments.prod.subscribers[0]: email oncall@example.com has not confirmed"
                + " its subscription to aiconnectors-alarms-prod (asked 2026-03-02 10:05 UTC), so"
                + " it gets no notifications until it follows the link in the confirmation"
                + " message",
            Severity.WARNING
                + " "
                + (lines.indexOf("      - email: left@example.com") + 1)
                + " environments.prod.subscribers[1]: email left@example.com unsubscribed from"
                + " aiconnectors-alarms-prod through a link in a message, so it gets no"
                + " notifications");
    assertThat(c.exitCode()).isEqualTo(1);
  }

  @Test
  void check_noDatabaseYet_addsNothing() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, InitCommand.template());

    ConfigCheck c = SubscriptionChecks.apply(ConfigFiles.check(f, Map.of()), ConfigFiles.baseDirectory(f));

    assertThat(c.findings())
        .extracting(Finding::rule)
        .doesNotContain(SubscriptionChecks.NOT_CONFIRMED, SubscriptionChecks.UNREADABLE);
    assertThat(Files.exists(dir.resolve("mcpwatch-data"))).isFalse();
  }

  @Test
  void check_notADatabase_isAnInfo() throws Exception {
    Path f = dir.resolve("m.yaml");
    Files.writeString(f, InitCommand.template());
    Files.createDirectories(dir.resolve("mcpwatch-data"));
    Files.writeString(dir.resolve("mcpwatch-data/mcpwatch.db"), "not sqlite");

    ConfigCheck c = SubscriptionChecks.apply(ConfigFiles.check(f, Map.of()), ConfigFiles.baseDirectory(f));

    assertThat(c.findings())
        .filteredOn(x -> x.rule().equals(SubscriptionChecks.UNREADABLE))
        .singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
    assertThat(c.exitCode()).isZero();
  }
}
