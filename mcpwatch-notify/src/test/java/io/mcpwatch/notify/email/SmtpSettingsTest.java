package io.mcpwatch.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.config.ServiceSettings;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
  private static ServiceSettings.SmtpSettings smtp(int port, String security, String user) {
    return new ServiceSettings.SmtpSettings(
        "smtp.example.com", port, security, user, user == null ? null : "secret", "a@example.com");
  }

  @Test
  void fromConfig_portDefaultsBySecurity() {
    assertThat(SmtpSettings.fromConfig(smtp(0, "none", null)).port()).isEqualTo(25);
    assertThat(SmtpSettings.fromConfig(smtp(0, "StartTLS", null)).port()).isEqualTo(587);
    assertThat(SmtpSettings.fromConfig(smtp(0, " tls ", null)).port()).isEqualTo(465);
    assertThat(SmtpSettings.fromConfig(smtp(2525, "tls", null)).port()).isEqualTo(2525);
  }

  @Test
  void fromConfig_authOnlyWithUsernameAndPassword() {
    assertThat(SmtpSettings.fromConfig(smtp(0, "starttls", "me")).username()).isEqualTo("me");
    assertThat(SmtpSettings.fromConfig(smtp(0, "starttls", null)).username()).isNull();
  }

  @Test
  void fromConfig_unknownSecurity_namesTheKey() {
    assertThatThrownBy(() -> SmtpSettings.fromConfig(smtp(0, "ssl3", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("smtp.security: expected none, starttls or tls; found ssl3");
  }
}
