package io.mcpwatch.notify.email;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends {@code email} and {@code email-json} items over SMTP, one connection per message, once:
 * no retries and no sleeping (the dispatcher retries). Failures are classified by SMTP reply code
 * (4xx temporary, 5xx permanent); see {@link SmtpFailures}. Thread-safe.
 */
public final class SmtpNotifier implements Notifier {
  private final SmtpSettings settings;
  private final InstantSource clock;
  private final Session session;
  private final String server;

  public SmtpNotifier(SmtpSettings settings, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.session = Session.getInstance(properties(settings));
    this.server = settings.host() + ":" + settings.port();
  }

  static Properties properties(SmtpSettings s) {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", s.host());
    p.setProperty("mail.smtp.port", Integer.toString(s.port()));
    p.setProperty("mail.smtp.from", s.fromAddress());
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(s.writeTimeout().toMillis()));
    p.setProperty("mail.smtp.auth", Boolean.toString(s.username() != null));
    switch (s.security()) {
      case STARTTLS:
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        break;
      case TLS:
        p.setProperty("mail.smtp.ssl.enable", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        break;
      default:
        break;
    }
    s.extraProperties().forEach(p::setProperty);
    return p;
  }

  @Override
  public void send(OutboxItem item) throws DeliveryException {
    if (!item.protocol().isEmail()) {
      throw new PermanentDeliveryException(
          "the SMTP transport cannot deliver protocol " + item.protocol().id());
    }
    MimeMessage message = MimeMessages.compose(session, item, settings.fromAddress(),
        clock.instant());
    try {
      if (settings.username() == null) {
        Transport.send(message);
      } else {
        Transport.send(message, settings.username(), settings.password());
      }
    } catch (MessagingException e) {
      throw SmtpFailures.classify(e, server);
    }
  }

  @Override
  public String toString() {
    return "SmtpNotifier[" + settings + "]";
  }
}
