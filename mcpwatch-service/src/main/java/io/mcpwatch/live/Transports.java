package io.mcpwatch.live;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.chat.ChatWebhookNotifier;
import io.mcpwatch.notify.email.SmtpNotifier;
import io.mcpwatch.notify.email.SmtpSettings;
import io.mcpwatch.notify.http.SnsHttpNotifier;
import io.mcpwatch.notify.mailbox.MailboxNotifier;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transports of the live service: SMTP when configured, else .eml files in the mailbox
 * directory; SNS-style HTTP; chat webhooks. Each is wrapped so every delivery and every failed
 * attempt is one log line and a {@link RunListener} call. {@link #retryPolicies} registers the
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
      RunListener listener) {
    Notifier email;
    if (smtp != null) {
      SmtpNotifier n = new SmtpNotifier(smtpSettings(smtp), clock);
      email = reporting(n, listener, item -> "to " + item.endpoint() + " via " + smtp.host());
    } else {
      MailboxNotifier n = new MailboxNotifier(mailboxDir, from, clock);
      email = reporting(n, listener, item -> "written to " + n.fileFor(item));
    }
    b.notifier(email, Protocol.EMAIL, Protocol.EMAIL_JSON);
    b.notifier(reporting(SnsHttpNotifier.create(), listener, OutboxItem::redactedEndpoint),
        Protocol.HTTP, Protocol.HTTPS);
    b.notifier(reporting(ChatWebhookNotifier.create(), listener, OutboxItem::redactedEndpoint),
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

  static SmtpSettings smtpSettings(ServiceSettings.SmtpSettings s) {
    SmtpSettings.Security security;
    try {
      security = SmtpSettings.Security.valueOf(s.security().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "smtp.security: expected none, starttls or tls; found " + s.security());
    }
    int port = s.port() > 0 ? s.port()
        : security == SmtpSettings.Security.TLS ? 465
        : security == SmtpSettings.Security.STARTTLS ? 587 : 25;
    SmtpSettings out = SmtpSettings.of(s.host(), port, security, s.from());
    return s.username() != null && s.password() != null
        ? out.withAuth(s.username(), s.password()) : out;
  }

  /** Describes where a delivered item went. */
  @FunctionalInterface
  interface Where {
    String of(OutboxItem item);
  }

  private static Notifier reporting(Notifier inner, RunListener listener, Where where) {
    return item -> {
      try {
        inner.send(item);
      } catch (DeliveryException e) {
        log.warn("{} {} to {} failed (attempt {}): {}", item.kind(), item.protocol().id(),
            item.redactedEndpoint(), item.attempts() + 1, e.getMessage());
        listener.deliveryFailed(item, String.valueOf(e.getMessage()));
        throw e;
      }
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
