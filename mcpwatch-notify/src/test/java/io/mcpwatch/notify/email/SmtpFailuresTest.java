package io.mcpwatch.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.notify.DeliveryException;
import io.mcpwatch.notify.PermanentDeliveryException;
import io.mcpwatch.notify.TemporaryDeliveryException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

class SmtpFailuresTest {

  private static SendFailedException rcptFailed(int code) throws Exception {
    SMTPAddressFailedException inner = new SMTPAddressFailedException(
        new InternetAddress("nobody@example.com"), "RCPT TO:<nobody@example.com>", code,
        code + " 5.1.1 <nobody@example.com>: Recipient address rejected");
    return new SendFailedException("Invalid Addresses", inner, new Address[0], new Address[0],
        new Address[] {new InternetAddress("nobody@example.com")});
  }

  @Test
  void classify_rcpt5xx_isPermanent_4xxTemporary() throws Exception {
    DeliveryException p = SmtpFailures.classify(rcptFailed(550), "mx:25");
    DeliveryException t = SmtpFailures.classify(rcptFailed(451), "mx:25");

    assertThat(p).isInstanceOf(PermanentDeliveryException.class)
        .hasMessageStartingWith("SMTP 550 from mx:25: 550 5.1.1 <nobody@example.com>");
    assertThat(t).isInstanceOf(TemporaryDeliveryException.class)
        .hasMessageStartingWith("SMTP 451 from mx:25");
  }

  @Test
  void classify_dataRejected5xx_isPermanent() {
    DeliveryException e = SmtpFailures.classify(new SMTPSendFailedException("DATA", 554,
        "554 5.7.1 rejected\r\nX: y", null, null, null, null), "mx:25");

    assertThat(e).isInstanceOf(PermanentDeliveryException.class)
        .hasMessage("SMTP 554 from mx:25: 554 5.7.1 rejected  X: y");
  }

  @Test
  void classify_connectionAuthAndIoProblems_areTemporaryAndSecretFree() {
    DeliveryException connect = SmtpFailures.classify(new MailConnectException(
        new SocketConnectException("refused", new java.net.ConnectException(), "mx", 25, 1000)),
        "mx:25");
    DeliveryException auth = SmtpFailures.classify(
        new AuthenticationFailedException("535 5.7.8 bad credentials for hunter2"), "mx:25");
    DeliveryException io = SmtpFailures.classify(
        new MessagingException("Exception reading response", new SocketTimeoutException()),
        "mx:25");

    assertThat(connect).isInstanceOf(TemporaryDeliveryException.class)
        .hasMessage("cannot connect to SMTP server mx:25");
    assertThat(auth).isInstanceOf(TemporaryDeliveryException.class)
        .hasMessage("SMTP authentication failed at mx:25");
    assertThat(io).isInstanceOf(TemporaryDeliveryException.class)
        .hasMessage("I/O error talking to SMTP server mx:25: SocketTimeoutException");
  }

  @Test
  void smtpSettings_toString_hidesPassword() {
    SmtpSettings s = SmtpSettings.of("mx", 587, SmtpSettings.Security.STARTTLS, "a@b")
        .withAuth("user", "hunter2");

    assertThat(s.toString()).doesNotContain("hunter2").contains("password=***");
    assertThat(new SmtpNotifier(s, () -> java.time.Instant.EPOCH).toString())
        .doesNotContain("hunter2");
    assertThat(SmtpNotifier.properties(s)).containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.auth", "true").doesNotContainValue("hunter2");
  }
}
