package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.notify.MessageKind;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.notify.JdbcOutbox;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mcpwatch subscriptions list|confirm|resend|remove -c FILE} on the SQLite file a real
 * service created: exit codes, output, one-line errors, and secrets (webhook URLs) never shown.
 * The webhook points at a closed port on 127.0.0.1 (its confirmation request fails, as it may).
 */
class SubscriptionsCommandTest {
  private static final String OWNERS = "owners@example.com";
  private static final String OPS = "ops@example.com";
  private static final String HOOK = "https://127.0.0.1:9/services/T000/SECRET-TOKEN";
  /** How the webhook URL may be shown (no path: it carries the secret). */
  private static final String REDACTED = "https://127.0.0.1:9/...";

  @TempDir Path dir;

  private String yaml(int httpPort) {
    return ServiceFixture.YAML
        .replace("      - email: owners@example.com\n",
            "      - email: " + OWNERS + "\n"
                + "      - email: " + OPS + "\n"
                + "      - https: " + HOOK + "\n")
        + "http:\n  listen: 127.0.0.1:" + httpPort + "\n";
  }

  /** Runs the service once: it subscribes the configured endpoints (all pending) and stops. */
  private String createDatabase(int port) throws IOException {
    try (ServiceFixture f = new ServiceFixture(dir, yaml(port), InstantSource.system())) {
      f.start();
    }
    return dir.resolve("mcpwatch.yaml").toString();
  }

  @Test
  void list_withoutDatabase_failsInOneLine() throws IOException {
    Path cfg = dir.resolve("mcpwatch.yaml");
    Files.writeString(cfg, yaml(8787));

    CliRun.Cli r = CliRun.cli("subscriptions", "list", "-c", cfg.toString());

    assertOneLineError(r);
    assertThat(r.err()).contains("mcpwatch run -c");
  }

  @Test
  void list_afterFirstRun_showsEveryPendingSubscriptionWithoutWebhookSecrets() throws Exception {
    String config = createDatabase(freePort());

    CliRun.Cli r = CliRun.cli("subscriptions", "list", "-c", config);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Subscription> subs = subscriptions(config);
    List<String> lines = r.out().lines().collect(Collectors.toList());
    assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("PENDING_CONFIRMATION "));
    assertThat(lines).anyMatch(l -> l.contains(" email ") && l.contains(OWNERS)
        && l.endsWith(subs.get(OWNERS).arn()));
    assertThat(lines).anyMatch(l -> l.contains(" https ")
        && l.contains("https://127.0.0.1") && l.endsWith(subs.get(HOOK).arn()));
    assertThat(r.out()).doesNotContain("SECRET-TOKEN").doesNotContain("/services/");
  }

  @Test
  void confirmResendRemove_onStoppedService_changeTheDatabase() throws Exception {
    String config = createDatabase(freePort());
    Map<String, Subscription> subs = subscriptions(config);
    String owners = subs.get(OWNERS).arn();
    String ops = subs.get(OPS).arn();
    String hook = subs.get(HOOK).arn();

    // confirm --token: as the recipient's link would
    CliRun.Cli c = CliRun.cli("subscriptions", "confirm", "-c", config,
        "--token", subs.get(OWNERS).token());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out().strip()).isEqualTo("CONFIRMED: email " + OWNERS + " " + owners);
    c = CliRun.cli("subscriptions", "confirm", "-c", config,
        "--token", subs.get(OWNERS).token());
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).startsWith("ALREADY_CONFIRMED: email " + OWNERS);

    // confirm --arn: an administrator vouches for the webhook
    c = CliRun.cli("subscriptions", "confirm", "-c", config, "--arn", hook);
    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out().strip()).isEqualTo("CONFIRMED: https " + REDACTED + " " + hook);
    assertThat(c.out()).doesNotContain("SECRET-TOKEN");

    // resend: a new token and a new confirmation request in the outbox
    int requestsBefore = confirmationRequests(config, OPS);
    CliRun.Cli rs = CliRun.cli("subscriptions", "resend", "-c", config, ops);
    assertThat(rs.exit()).as(rs.err()).isZero();
    assertThat(rs.out()).startsWith("queued a new confirmation request to " + OPS);
    assertThat(subscriptions(config).get(OPS).token()).isNotEqualTo(subs.get(OPS).token());
    assertThat(confirmationRequests(config, OPS)).isEqualTo(requestsBefore + 1);
    rs = CliRun.cli("subscriptions", "resend", "-c", config, owners);
    assertThat(rs.exit()).as(rs.err()).isZero();
    assertThat(rs.out().strip()).isEqualTo("already confirmed: " + owners);

    // remove: a confirmed one is unsubscribed (kept), a pending one deleted
    CliRun.Cli rm = CliRun.cli("subscriptions", "remove", "-c", config, hook);
    assertThat(rm.exit()).as(rm.err()).isZero();
    assertThat(rm.out().strip()).isEqualTo("unsubscribed " + hook);
    rm = CliRun.cli("subscriptions", "remove", "-c", config, hook);
    assertThat(rm.exit()).as(rm.err()).isZero();
    assertThat(rm.out().strip()).isEqualTo("already unsubscribed: " + hook);
    rm = CliRun.cli("subscriptions", "remove", "-c", config, ops);
    assertThat(rm.exit()).as(rm.err()).isZero();
    assertThat(rm.out().strip()).isEqualTo("deleted the pending subscription " + ops);

    CliRun.Cli list = CliRun.cli("subscriptions", "list", "-c", config);
    assertThat(list.exit()).isZero();
    assertThat(list.out().lines().collect(Collectors.toList())).hasSize(2)
        .anyMatch(l -> l.startsWith("CONFIRMED ") && l.endsWith(owners))
        .anyMatch(l -> l.startsWith("UNSUBSCRIBED ") && l.endsWith(hook));
  }

  @Test
  void unknownArnOrToken_failsWithOneLineAndChangesNothing() throws Exception {
    String config = createDatabase(freePort());
    String unknown = "arn:aws:sns:eu-west-1:000000000000:alarms-prod:no-such-id";
    Map<String, Subscription> before = subscriptions(config);

    CliRun.Cli token = CliRun.cli("subscriptions", "confirm", "-c", config,
        "--token", "0".repeat(64));
    assertOneLineError(token);
    assertThat(token.err()).contains("token");
    for (String[] args : List.of(
        new String[] {"subscriptions", "confirm", "-c", config, "--arn", unknown},
        new String[] {"subscriptions", "resend", "-c", config, unknown},
        new String[] {"subscriptions", "remove", "-c", config, unknown})) {
      CliRun.Cli r = CliRun.cli(args);
      assertOneLineError(r);
      assertThat(r.err()).as(args[1]).contains(unknown);
    }
    CliRun.Cli both = CliRun.cli("subscriptions", "confirm", "-c", config,
        "--arn", unknown, "--token", "x");
    assertThat(both.exit()).isEqualTo(2); // picocli: mutually exclusive options
    assertThat(both.err()).doesNotContain("\tat ");
    assertThat(subscriptions(config)).isEqualTo(before);
  }

  @Test
  void whileServiceRuns_linksAreUsedForConfirmAndRemove_otherChangesRefusedInOneLine()
      throws Exception {
    int port = freePort();
    String config = createDatabase(port);
    Map<String, Subscription> subs = subscriptions(config);
    try (ServiceFixture f = new ServiceFixture(dir, yaml(port), InstantSource.system())) {
      f.start();

      CliRun.Cli list = CliRun.cli("subscriptions", "list", "-c", config);
      assertThat(list.exit()).as(list.err()).isZero();
      assertThat(list.out().lines()).hasSize(3);

      CliRun.Cli c = CliRun.cli("subscriptions", "confirm", "-c", config,
          "--token", subs.get(OWNERS).token());
      assertThat(c.exit()).as(c.err()).isZero();
      assertThat(c.out()).startsWith("CONFIRMED (through the running service): email " + OWNERS);

      CliRun.Cli rm = CliRun.cli("subscriptions", "remove", "-c", config,
          subs.get(OWNERS).arn());
      assertThat(rm.exit()).as(rm.err()).isZero();
      assertThat(rm.out().strip())
          .isEqualTo("unsubscribed " + subs.get(OWNERS).arn() + " (through the running service)");

      CliRun.Cli rs = CliRun.cli("subscriptions", "resend", "-c", config,
          subs.get(OPS).arn());
      assertOneLineError(rs);
      assertThat(rs.err()).contains("stop mcpwatch run -c");
      CliRun.Cli arn = CliRun.cli("subscriptions", "confirm", "-c", config,
          "--arn", subs.get(OPS).arn());
      assertOneLineError(arn);
    }
    Map<String, Subscription> after = subscriptions(config);
    assertThat(after.get(OWNERS).status())
        .isEqualTo(io.mcpwatch.notify.SubscriptionStatus.UNSUBSCRIBED);
    assertThat(after.get(OPS)).isEqualTo(subs.get(OPS));
  }

  @Test
  void whileServiceRunsOnAnotherPort_confirmAndRemoveReachItWhereItListens() throws Exception {
    int filePort = freePort(); // what the file says; nothing listens there
    String config = createDatabase(filePort);
    Map<String, Subscription> subs = subscriptions(config);
    // mcpwatch run -c FILE --port 0: the service listens elsewhere than the file says
    LiveService s = LiveService.start(
        ServicePlan.of(ConfigFiles.load(Path.of(config)), RunOptions.defaults().withHttpPort(0)),
        new ServiceFixture.Recorder(), InstantSource.system(),
        new java.io.ByteArrayInputStream(new byte[0]));
    try {
      assertThat(s.httpUri().getPort()).isNotEqualTo(filePort);
      CliRun.Cli c = CliRun.cli("subscriptions", "confirm", "-c", config,
          "--token", subs.get(OWNERS).token());
      assertThat(c.exit()).as(c.err()).isZero();
      assertThat(c.out()).startsWith("CONFIRMED (through the running service): email " + OWNERS);

      CliRun.Cli rm = CliRun.cli("subscriptions", "remove", "-c", config,
          subs.get(OWNERS).arn());
      assertThat(rm.exit()).as(rm.err()).isZero();
      assertThat(rm.out()).contains("(through the running service)");
    } finally {
      s.stop();
    }
    assertThat(subscriptions(config).get(OWNERS).status())
        .isEqualTo(io.mcpwatch.notify.SubscriptionStatus.UNSUBSCRIBED);
  }

  // ------------------------------------------------------------------ helpers

  private static void assertOneLineError(CliRun.Cli r) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("mcpwatch: ");
    assertThat(r.err().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("internal error");
  }

  private static Database readOnly(String config) {
    return Database.openReadOnly(ServicePlan.database(ConfigFiles.load(Path.of(config))));
  }

  private static Map<String, Subscription> subscriptions(String config) {
    try (Database db = readOnly(config)) {
      return new JdbcSubscriptionStore(db).all().stream()
          .collect(Collectors.toMap(Subscription::endpoint, s -> s));
    }
  }

  private static int confirmationRequests(String config, String endpoint) {
    try (Database db = readOnly(config)) {
      List<OutboxItem> items = new JdbcOutbox(db).items();
      return (int) items.stream().filter(i -> i.kind() == MessageKind.SUBSCRIPTION_CONFIRMATION
          && i.endpoint().equals(endpoint)).count();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
