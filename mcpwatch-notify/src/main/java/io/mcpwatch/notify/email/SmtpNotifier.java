package io.mcpwatch.notify.email;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.TemporaryDeliveryException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends {@code email} and {@code email-json} items over SMTP, one connection per message, once:
 * no retries and no sleeping (the dispatcher retries). Failures are classified by SMTP reply code
 * (4xx temporary, 5xx permanent); see {@link SmtpFailures}. Thread-safe.
 *
 * <p>A connection lost after the whole message was written, before the server's reply, may have
 * delivered it: such an item is sent at most once more (with the same Message-ID, so receivers can
 * de-duplicate) and then failed permanently, instead of once per retry of the e-mail policy.
 */
public final class SmtpNotifier implements Notifier {
  private final SmtpSettings settings;
  private final InstantSource clock;
  private final Session session;
  private final String server;
  /** Items whose message may have arrived (connection lost after the data): id to count. */
  private final Map<String, Integer> maybeDelivered = new ConcurrentHashMap<>();

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
    TrackingSmtpTransport transport = new TrackingSmtpTransport(session,
        new URLName("smtp", settings.host(), settings.port(), null, settings.username(), null));
    try {
      transport.connect(settings.host(), settings.port(), settings.username(),
          settings.password());
      transport.sendMessage(message, message.getAllRecipients());
      maybeDelivered.remove(item.id());
    } catch (MessagingException e) {
      DeliveryException d = SmtpFailures.classify(e, server);
      boolean lostAfterData = transport.dataWritten() && !SmtpFailures.hasReplyCode(e);
      if (!lostAfterData) {
        throw d;
      }
      int times = maybeDelivered.merge(item.id(), 1, Integer::sum);
      String what = "the connection to " + server + " was lost after the whole message was sent,"
          + " before the server's reply: it may have arrived";
      if (times >= 2) {
        maybeDelivered.remove(item.id());
        throw new PermanentDeliveryException(what + " (twice; not sent again, to avoid more"
            + " copies)", e);
      }
      throw new TemporaryDeliveryException(what + " (sending once more, same Message-ID)", e);
    } finally {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // closing a broken connection
      }
    }
  }

  @Override
  public String toString() {
    return "SmtpNotifier[" + settings + "]";
  }
}
