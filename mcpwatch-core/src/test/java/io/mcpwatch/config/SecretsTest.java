package io.mcpwatch.config;

import static io.mcpwatch.config.ServiceConfig.bindWith;
import static io.mcpwatch.config.ServiceConfig.env;
import static io.mcpwatch.config.ServiceConfig.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Linter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static final String SECRET = "s3cr3t-XYZ";

  @Test
  void envVariables_wholeValues_areResolved() {
    BindResult r =
        bindWith(
            env("SMTP_PASSWORD", SECRET, "SMTP_HOST", "mail.example.com", "SMTP_PORT", "2525"),
            "  smtp: { host: '${SMTP_HOST}', port: '${SMTP_PORT}', username: 'alerts',",
            "    password: '${SMTP_PASSWORD}' },",
            "  notifications: { mailboxDir: '$${HOME}/mail' },");

    assertThat(r.errors()).isEmpty();
    ServiceSettings.SmtpSettings smtp = r.config().service().smtp();
    assertThat(smtp.host()).isEqualTo("mail.example.com");
    assertThat(smtp.port()).isEqualTo(2525);
    assertThat(smtp.password()).isEqualTo(SECRET);
    assertThat(r.config().service().notifications().mailboxDir()).isEqualTo("$${HOME}/mail");
  }

  @Test
  void envVariables_escapedWholeValue_isLiteral() {
    BindResult r = bindWith(Map.of(), "  notifications: { mailboxDir: '$${HOME}' },");

    assertThat(r.errors()).isEmpty();
    assertThat(r.config().service().notifications().mailboxDir()).isEqualTo("${HOME}");
  }

  @Test
  void envVariables_unset_isAnErrorNamingKeyAndVariable() {
    BindResult r =
        bindWith(
            env("OTHER", "x"),
            "  smtp: { host: 'mail', username: 'u', password: '${SMTP_PASSWORD}' },",
            "  http: { port: '${PORT}' },");

    assertThat(ServiceConfig.errors(r))
        .containsExactly(
            "7:50 smtp.password: environment variable SMTP_PASSWORD is not set (the value is"
                + " written as ${SMTP_PASSWORD})",
            "8:17 http.port: environment variable PORT is not set (the value is written as"
                + " ${PORT})");
  }

  @Test
  void envVariables_withoutEnvironmentMap_areUnset() {
    BindResult r =
        ConfigBinder.bind(Trees.parse(ServiceConfig.text("  storage: { url: '${DB_URL}' },")));

    assertThat(messages(r))
        .containsExactly(
            "storage.url: environment variable DB_URL is not set (the value is written as"
                + " ${DB_URL})");
  }

  @Test
  void secret_partialReference_isReportedNotTakenLiterally() {
    BindResult r =
        bindWith(
            env("PW", SECRET), "  smtp: { host: 'mail', username: 'u', password: 'pre-${PW}' },");

    assertThat(messages(r))
        .containsExactly(
            "smtp.password: only a whole value can name an environment variable (write exactly"
                + " ${NAME}); this value would be taken literally");
  }

  @Test
  void secrets_neverAppearInMessagesToStringOrFindings() {
    Map<String, String> env =
        env("TOKEN", SECRET, "PG", SECRET, "HOOK", "https://h.example.com/" + SECRET);
    BindResult r =
        bindWith(
            env,
            "  smtp: { host: 'mail', security: 'none', username: 'u', password: '" + SECRET + "',",
            "    passwrd: '" + SECRET + "', port: 'x' },",
            "  storage: { url: 'jdbc:postgresql://db/x', user: 'u', password: '${PG}',",
            "    historyRetention: 'soon' },",
            "  http: { token: '${TOKEN}', listen: '0.0.0.0:x' },",
            "  topics: { oncall: { subscribers: [ { slack: '${HOOK}' }, { http: '${HOOK}' } ] }"
                + " },");

    assertThat(r.errors()).isNotEmpty();
    Linter.lint(r.config(), ConfigResolver.resolve(r.config()));
    StringBuilder all = new StringBuilder();
    r.errors().forEach(e -> all.append(e.render("f")).append('\n').append(e.hint()).append('\n'));
    for (Finding f : Linter.lint(r.config(), ConfigResolver.resolve(r.config()))) {
      all.append(f).append('\n');
    }
    all.append(r.config()).append('\n').append(r.config().service());

    assertThat(all.toString()).doesNotContain(SECRET).contains("short-http-token");
    assertThat(r.config().service().storage().password()).isEqualTo(SECRET);
    assertThat(r.config().service().http().token()).isEqualTo(SECRET);
  }

  @Test
  void variableName_onlyWholeReferences() {
    assertThat(Values.variableName("${SMTP_PASSWORD}")).isEqualTo("SMTP_PASSWORD");
    assertThat(Values.variableName("${_x1}")).isEqualTo("_x1");
    assertThat(Values.variableName("${1X}")).isNull();
    assertThat(Values.variableName("${}")).isNull();
    assertThat(Values.variableName("a${X}")).isNull();
    assertThat(Values.variableName("${X}b")).isNull();
    assertThat(Values.variableName("${X-Y}")).isNull();
  }

  @Test
  void variableName_anyText_neverThrows() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 12))
        .checkAssert(
            s -> {
              String name = Values.variableName(s);
              if (name != null) {
                assertThat(s).isEqualTo("${" + name + "}");
              }
            });
  }
}
