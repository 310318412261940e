package io.mcpwatch.live;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.chat.ChatWebhookNotifier;
import io.mcpwatch.notify.email.SmtpNotifier;
import io.mcpwatch.notify.email.SmtpSettings;
import io.mcpwatch.notify.http.SnsHttpNotifier;
import io.mcpwatch.notify.mailbox.MailboxNotifier;
import java.nio.file.Path;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports of the live service: SMTP when configured, else .eml files in the mailbox
 * directory; SNS-style HTTP; chat webhooks. Each is wrapped so every delivery and every failed
 * attempt is one log line, a {@link RunListener} call and a count in {@code
 * mcpwatch_deliveries_total}. {@link #retryPolicies} registers the
 * configured delivery retry policies.
 */
final class Transports {
  private static final Logger log = LoggerFactory.getLogger(Transports.class);

  private Transports() {}

  /** Adds the transports to a dispatcher builder. */
  static NotificationDispatcher.Builder register(
      NotificationDispatcher.Builder b,
      ServiceSettings.@Nullable SmtpSettings smtp,
      String from,
      Path mailboxDir,
      InstantSource clock,
      RunListener listener,
      Telemetry telemetry) {
    Notifier email;
    if (smtp != null) {
      SmtpNotifier n = new SmtpNotifier(SmtpSettings.fromConfig(smtp), clock);
      email = reporting(n, listener, telemetry, item -> "to " + item.endpoint() + " via " + smtp.host());
    } else {
      MailboxNotifier n = new MailboxNotifier(mailboxDir, from, clock);
      email = reporting(n, listener, telemetry, item -> "written to " + n.fileFor(item));
    }
    b.notifier(email, Protocol.EMAIL, Protocol.EMAIL_JSON);
    b.notifier(reporting(SnsHttpNotifier.create(), listener, telemetry, OutboxItem::redactedEndpoint),
        Protocol.HTTP, Protocol.HTTPS);
    b.notifier(reporting(ChatWebhookNotifier.create(), listener, telemetry, OutboxItem::redactedEndpoint),
        Protocol.SLACK, Protocol.TEAMS);
    return b;
  }

  /**
   * Registers the configured delivery retry policy of every protocol ({@code
   * notifications.retry}: the e-mail policy for email and email-json, the http policy for http,
   * https, slack and teams).
   */
  static NotificationDispatcher.Builder retryPolicies(
      NotificationDispatcher.Builder b, ServiceSettings.RetrySettings retry) {
    for (Protocol p : Protocol.values()) {
      b.retryPolicy(p, retry.forProtocol(p));
    }
    return b;
  }

  /** Describes where a delivered item went. */
  @FunctionalInterface
  interface Where {
    String of(OutboxItem item);
  }

  private static Notifier reporting(
      Notifier inner, RunListener listener, Telemetry telemetry, Where where) {
    return item -> {
      try {
        inner.send(item);
      } catch (RuntimeException e) {
        telemetry.delivery(item.protocol(), "error");
        throw e;
      } catch (DeliveryException e) {
        telemetry.delivery(item.protocol(), e instanceof PermanentDeliveryException
            ? "permanent_failure" : "temporary_failure");
        log.warn("{} {} to {} failed (attempt {}): {}", item.kind(), item.protocol().id(),
            item.redactedEndpoint(), item.attempts() + 1, e.getMessage());
        listener.deliveryFailed(item, String.valueOf(e.getMessage()));
        throw e;
      }
      telemetry.delivery(item.protocol(), "delivered");
      String w = where.of(item);
      log.info("{} {}{} {}", describe(item), item.protocol().id(),
          item.alarmName() == null ? "" : " for " + item.alarmName(), w);
      listener.delivered(item, w);
    };
  }

  private static String describe(OutboxItem item) {
    switch (item.kind()) {
      case NOTIFICATION:
        return "notification";
      default:
        return "confirmation request";
    }
  }
}
