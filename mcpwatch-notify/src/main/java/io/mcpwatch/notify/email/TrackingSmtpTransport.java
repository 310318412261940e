package io.mcpwatch.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus' SMTP transport that remembers whether the whole message was written (after a 354) when
 * the failure came: a connection lost then may have delivered the message.
 */
final class TrackingSmtpTransport extends SMTPTransport {
  private volatile boolean dataWritten;

  TrackingSmtpTransport(Session session, URLName urlname) {
    super(session, urlname);
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    dataWritten = true; // the body is out; the end-of-data reply decides
    super.finishData();
  }

  /** Whether the last send wrote its whole message before it failed. */
  boolean dataWritten() {
    return dataWritten;
  }
}
