package io.mcpwatch.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import io.mcpwatch.config.ConfigFixtures;
import io.mcpwatch.config.ConfigResolver;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {
  private static final String SOURCE =
      "  sources: [ { app: 'teams', env: 'prod', type: 'file', path: '/var/log/t/*.log' } ],";

  static List<Finding> lint(String... lines) {
    BindResult b =
        ConfigBinder.bind(
            ConfigFixtures.parse(ConfigFixtures.withService(lines)),
            Map.of("SMTP_PASSWORD", "pw", "TOKEN", "0123456789abcdef"));
    assertThat(b.errors()).isEmpty();
    return Linter.lint(b.config(), ConfigResolver.resolve(b.config()));
  }

  static List<String> rule(List<Finding> findings, String rule) {
    return findings.stream()
        .filter(f -> f.rule().equals(rule))
        .map(
            f ->
                f.severity()
                    + " "
                    + f.line()
                    + ":"
                    + f.column()
                    + " "
                    + f.path()
                    + ": "
                    + f.message())
        .collect(Collectors.toList());
  }

  @Test
  void plaintextHttpSubscriber_isAWarningWithoutTheSecretPath() {
    List<Finding> f =
        lint(
            SOURCE,
            "  topics: { hook: { subscribers: [ { http: 'http://10.0.0.7:9000/sns/s3cr3t' },",
            "    { https: 'https://10.0.0.7/sns' } ] } },");

    assertThat(rule(f, ServiceRules.PLAINTEXT_HTTP))
        .containsExactly(
            "WARNING 8:36 topics.hook.subscribers[0]: notifications to http://10.0.0.7:9000/..."
                + " travel as plaintext http: anyone on the way can read and change them");
  }

  @Test
  void mailToMailbox_isAnInfoOnlyWithoutSmtpAndWithEmailSubscribers() {
    assertThat(rule(lint(SOURCE), ServiceRules.MAILBOX))
        .containsExactly(
            "INFO 0:0 smtp: there is no smtp section, so mail is written to mcpwatch-data/mailbox"
                + " as .eml files (confirmation requests too)");
    assertThat(
            rule(
                lint(SOURCE, "  notifications: { mailboxDir: '/srv/mail' },"),
                ServiceRules.MAILBOX))
        .singleElement()
        .asString()
        .contains("/srv/mail as .eml files");
    assertThat(
            rule(
                lint(
                    SOURCE,
                    "  smtp: { host: 'mail', username: 'u', password: '${SMTP_PASSWORD}' },",
                    "  http: { publicBaseUrl: 'https://m.example.com' },"),
                ServiceRules.MAILBOX))
        .isEmpty();
  }

  @Test
  void noSources_isAnInfoWithHttpAndAWarningWithout() {
    assertThat(rule(lint(""), ServiceRules.NO_SOURCES))
        .containsExactly(
            "INFO 0:0 sources: there are no sources: mcpwatch run will only receive events over"
                + " HTTP/stdin");
    assertThat(rule(lint("  http: { enabled: false },"), ServiceRules.NO_SOURCES))
        .containsExactly(
            "WARNING 0:0 sources: there are no sources and http is disabled: mcpwatch run will"
                + " receive no events");
    assertThat(rule(lint(SOURCE), ServiceRules.NO_SOURCES)).isEmpty();
  }

  @Test
  void sourceWithoutEnv_ofAnAppInSeveralEnvironments_isAWarning() {
    List<Finding> f =
        lint(
            "  sources: [ { app: 'sharepoint', type: 'file', path: '/a/*.log' },",
            "    { app: 'teams', type: 'file', path: '/b/*.log' } ],");

    assertThat(rule(f, ServiceRules.SOURCE_ALL_ENVS))
        .containsExactly(
            "WARNING 7:14 sources[0]: this source has no env, but sharepoint runs in 2"
                + " environments (dev, prod): which environment's alarms its events count for is"
                + " not said");
  }

  @Test
  void confirmationImpossible_httpDisabledOrLinksToLoopbackWithSmtp() {
    assertThat(rule(lint(SOURCE, "  http: { enabled: false },"), ServiceRules.NO_CONFIRMATION))
        .singleElement()
        .asString()
        .startsWith("WARNING 0:0 http.enabled: http is disabled, so confirmation links");
    assertThat(
            rule(
                lint(
                    SOURCE,
                    "  smtp: { host: 'mail', username: 'u', password: '${SMTP_PASSWORD}' },"),
                ServiceRules.NO_CONFIRMATION))
        .containsExactly(
            "WARNING 0:0 http.publicBaseUrl: mail goes out through smtp, but confirmation links"
                + " point at http://127.0.0.1:8787, which only opens on this machine: subscribers"
                + " elsewhere cannot confirm");
    assertThat(rule(lint(SOURCE), ServiceRules.NO_CONFIRMATION)).isEmpty();
  }

  @Test
  void smtpPlaintextLogin_andShortToken_areWarnings() {
    List<Finding> f =
        lint(
            SOURCE,
            "  smtp: { host: 'mail', security: 'none', username: 'u', password: 'pw' },",
            "  http: { publicBaseUrl: 'https://m.example.com', token: 'short' },");

    assertThat(rule(f, ServiceRules.SMTP_PLAINTEXT))
        .containsExactly(
            "WARNING 0:0 smtp.security: with security: none the SMTP password is sent"
                + " unencrypted");
    assertThat(rule(f, ServiceRules.SHORT_TOKEN))
        .containsExactly(
            "ERROR 0:0 http.token: the token is shorter than 16 characters and can be guessed;"
                + " the server refuses to start with it");
    assertThat(rule(lint(SOURCE, "  http: { token: '${TOKEN}' },"), ServiceRules.SHORT_TOKEN))
        .isEmpty();
  }

  @Test
  void fullyConfiguredService_hasNoServiceFindings() {
    List<Finding> f =
        lint(
            SOURCE,
            "  smtp: { host: 'mail', username: 'u', password: '${SMTP_PASSWORD}' },",
            "  http: { listen: '0.0.0.0:8787', token: '${TOKEN}',"
                + " publicBaseUrl: 'https://m.example.com' },");

    assertThat(f)
        .filteredOn(
            x ->
                List.of(
                        ServiceRules.PLAINTEXT_HTTP,
                        ServiceRules.MAILBOX,
                        ServiceRules.NO_SOURCES,
                        ServiceRules.SOURCE_ALL_ENVS,
                        ServiceRules.NO_CONFIRMATION,
                        ServiceRules.SMTP_PLAINTEXT,
                        ServiceRules.SHORT_TOKEN)
                    .contains(x.rule()))
        .isEmpty();
  }
}
