package io.mcpwatch.notify.email;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.TemporaryDeliveryException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Classifies Jakarta Mail failures: an SMTP reply code 4xx is temporary and 5xx permanent (the
 * first code found along the exception chain); connection, I/O and authentication failures are
 * temporary (authentication is about the configuration, not this message, and retrying lets a
 * fixed password deliver it); a malformed address is permanent. Messages never contain the
 * password.
 */
final class SmtpFailures {
  private SmtpFailures() {}

  static DeliveryException classify(MessagingException e, String server) {
    for (Exception x = e; x != null; x = next(x)) {
      int code = replyCode(x);
      if (code >= 400 && code < 600) {
        String text = "SMTP " + code + " from " + server + ": " + oneLine(x.getMessage());
        return code < 500 ? new TemporaryDeliveryException(text, e)
            : new PermanentDeliveryException(text, e);
      }
    }
    if (e instanceof AuthenticationFailedException) {
      return new TemporaryDeliveryException("SMTP authentication failed at " + server, e);
    }
    if (e instanceof MailConnectException) {
      return new TemporaryDeliveryException("cannot connect to SMTP server " + server, e);
    }
    if (e instanceof AddressException) {
      return new PermanentDeliveryException("invalid address: " + oneLine(e.getMessage()), e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof IOException) {
      return new TemporaryDeliveryException("I/O error talking to SMTP server " + server + ": "
          + cause.getClass().getSimpleName(), e);
    }
    return new TemporaryDeliveryException(
        "SMTP error at " + server + ": " + oneLine(e.getMessage()), e);
  }

  /** Whether the server answered with an SMTP reply code somewhere along the chain. */
  static boolean hasReplyCode(MessagingException e) {
    for (Exception x = e; x != null; x = next(x)) {
      if (replyCode(x) >= 400) {
        return true;
      }
    }
    return false;
  }

  private static int replyCode(Exception x) {
    if (x instanceof SMTPAddressFailedException) {
      return ((SMTPAddressFailedException) x).getReturnCode();
    }
    if (x instanceof SMTPSendFailedException) {
      return ((SMTPSendFailedException) x).getReturnCode();
    }
    if (x instanceof SMTPSenderFailedException) {
      return ((SMTPSenderFailedException) x).getReturnCode();
    }
    return -1;
  }

  private static Exception next(Exception x) {
    return x instanceof MessagingException ? ((MessagingException) x).getNextException() : null;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "no detail";
    }
    String clean = HeaderValues.clean(s).strip();
    return clean.length() > 300 ? clean.substring(0, 300) + "..." : clean;
  }
}
