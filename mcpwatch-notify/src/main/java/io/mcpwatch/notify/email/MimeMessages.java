package io.mcpwatch.notify.email;

import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.PermanentDeliveryException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * Builds the MIME message for an e-mail outbox item: a single {@code text/plain; charset=UTF-8}
 * part (the alarm text, or the SNS JSON for {@code email-json}).
 *
 * <ul>
 *   <li>From: the topic's display name (RFC 2047-encoded by Jakarta Mail) and the configured
 *       address; To: the subscription's address, parsed strictly (exactly one address, no name).
 *   <li>Subject: the item's subject with control characters replaced by spaces, then encoded by
 *       {@link MimeMessage#setSubject(String, String)}.
 *   <li>Message-ID: {@code <item id.mcpwatch@from-domain>}, the same on every retry, so a
 *       duplicate after a crash can be recognised.
 *   <li>List-Unsubscribe (the percent-encoded unsubscribe link) and {@code Auto-Submitted:
 *       auto-generated} (RFC 3834, so auto-responders stay quiet).
 * </ul>
 */
public final class MimeMessages {
  /** SNS's subject when a publish has none. */
  static final String DEFAULT_SUBJECT = "mcpwatch Notification Message";

  private MimeMessages() {}

  /**
   * The message for {@code item}.
   *
   * @throws PermanentDeliveryException when the recipient address is not one valid address
   */
  public static MimeMessage compose(
      Session session, OutboxItem item, String fromAddress, Instant sentAt)
      throws PermanentDeliveryException {
    InternetAddress to;
    try {
      to = strictSingle(item.endpoint());
    } catch (AddressException e) {
      throw new PermanentDeliveryException("invalid recipient address", e);
    }
    String domain = fromAddress.substring(fromAddress.lastIndexOf('@') + 1);
    String messageId = "<" + item.id() + ".mcpwatch@" + HeaderValues.clean(domain) + ">";
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      InternetAddress from = parseAddress(fromAddress, "from");
      from.setPersonal(HeaderValues.clean(item.senderName()), StandardCharsets.UTF_8.name());
      m.setFrom(from);
      m.setRecipient(Message.RecipientType.TO, to);
      String subject = item.subject() == null ? DEFAULT_SUBJECT : item.subject();
      m.setSubject(HeaderValues.clean(subject), StandardCharsets.UTF_8.name());
      m.setSentDate(Date.from(sentAt));
      if (item.unsubscribeUrl() != null) {
        m.setHeader("List-Unsubscribe", "<" + HeaderValues.clean(item.unsubscribeUrl()) + ">");
      }
      m.setHeader("Auto-Submitted", "auto-generated");
      m.setText(item.body(), StandardCharsets.UTF_8.name());
      m.saveChanges();
      return m;
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("cannot build the e-mail for outbox item " + item.id(), e);
    }
  }

  /** Parses one plain address strictly; the message names {@code key}. */
  static InternetAddress parseAddress(String address, String key) {
    try {
      return strictSingle(address);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          key + ": expected one plain e-mail address like mcpwatch@example.com");
    }
  }

  private static InternetAddress strictSingle(String address) throws AddressException {
    if (HeaderValues.hasControl(address)) {
      throw new AddressException("control characters in address");
    }
    InternetAddress[] parsed = InternetAddress.parse(address, true);
    if (parsed.length != 1 || parsed[0].getPersonal() != null
        || !parsed[0].getAddress().equals(address.strip())) {
      throw new AddressException("not exactly one plain address");
    }
    parsed[0].validate();
    return parsed[0];
  }
}
