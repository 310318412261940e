package io.mcpwatch.cli;

import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.config.Subscriber;
import io.mcpwatch.config.Topic;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.DatabaseConfig;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check of {@code validate} that reads the service's state: a configured subscriber whose
 * stored subscription is still pending confirmation (or was unsubscribed through a link) gets no
 * notifications, which the file alone cannot show. Only an existing SQLite database is read
 * (read-only, beside a running service); PostgreSQL is not contacted by {@code validate}.
 */
final class SubscriptionChecks {
  private SubscriptionChecks() {}

  static final String NOT_CONFIRMED = "subscription-not-confirmed";
  static final String UNREADABLE = "subscription-state-unreadable";
  private static final String SQLITE = "jdbc:sqlite:";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** {@code check} plus a warning per configured subscriber that has not confirmed. */
  static ConfigCheck apply(ConfigCheck check, Path baseDirectory) {
    McpwatchConfig config = check.config();
    if (config == null || !check.errors().isEmpty()) {
      return check;
    }
    String url = config.service().storage().url();
    if (!url.startsWith(SQLITE)) {
      return check;
    }
    Path file = baseDirectory.resolve(url.substring(SQLITE.length())).normalize();
    if (!Files.isRegularFile(file)) {
      return check;
    }
    List<Finding> findings = new ArrayList<>(check.findings());
    List<Subscription> stored;
    try (Database db = Database.openReadOnly(DatabaseConfig.of(SQLITE + file))) {
      stored = new JdbcSubscriptionStore(db).all();
    } catch (RuntimeException e) {
      findings.add(
          new Finding(
              Severity.INFO,
              UNREADABLE,
              "storage.url",
              0,
              0,
              "cannot read the subscriptions in " + file + ": " + e.getMessage(),
              null));
      findings.sort(null);
      return new ConfigCheck(check.file(), config, check.resolution(), check.errors(), findings);
    }
    for (Topic t : config.topics()) {
      for (Subscriber s : t.subscribers()) {
        String key = s.toNotify().key();
        for (Subscription sub : stored) {
          if (sub.topicArn().endsWith(":" + t.name())
              && sub.key().equals(key)
              && sub.status() != SubscriptionStatus.CONFIRMED) {
            findings.add(finding(t, s, sub));
          }
        }
      }
    }
    findings.sort(null);
    return new ConfigCheck(check.file(), config, check.resolution(), check.errors(), findings);
  }

  private static Finding finding(Topic t, Subscriber s, Subscription sub) {
    String who = s.protocol().key() + " " + s.redactedEndpoint();
    boolean pending = sub.status() == SubscriptionStatus.PENDING_CONFIRMATION;
    String since =
        sub.tokenIssuedAt() == null ? "" : " (asked " + TIME.format(sub.tokenIssuedAt()) + ")";
    return new Finding(
        Severity.WARNING,
        NOT_CONFIRMED,
        s.path(),
        s.line(),
        s.column(),
        pending
            ? who
                + " has not confirmed its subscription to "
                + t.name()
                + since
                + ", so it gets no notifications until it follows the link in the confirmation"
                + " message"
            : who
                + " unsubscribed from "
                + t.name()
                + " through a link in a message, so it gets no notifications",
        pending
            ? "ask the recipient to follow the link in the confirmation message"
            : "remove it from the file if that is what the recipient wants");
  }
}
