package io.mcpwatch.config;

import static io.mcpwatch.config.ServiceConfig.bind;
import static io.mcpwatch.config.ServiceConfig.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.config.ServiceSettings.EngineSettings;
import io.mcpwatch.config.ServiceSettings.HttpSettings;
import io.mcpwatch.config.ServiceSettings.NotificationSettings;
import io.mcpwatch.config.ServiceSettings.SmtpSettings;
import io.mcpwatch.config.ServiceSettings.StorageSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceSectionTest {

  @Test
  void storage_urlsAndRetention_bound() {
    BindResult sqlite =
        bind(
            "  storage: { url: 'jdbc:sqlite:/var/lib/mcpwatch/m.db',",
            "  historyRetention: '48h' },");
    BindResult pg =
        bind(
            "  storage: { url: 'jdbc:postgresql://db:5432/mcpwatch', user: 'mcpwatch',",
            "    historyRetention: 'P30D' },");

    assertThat(sqlite.errors()).isEmpty();
    assertThat(sqlite.config().service().storage())
        .isEqualTo(
            new StorageSettings(
                "jdbc:sqlite:/var/lib/mcpwatch/m.db", null, null, Duration.ofHours(48)));
    assertThat(pg.errors()).isEmpty();
    assertThat(pg.config().service().storage().user()).isEqualTo("mcpwatch");
    assertThat(pg.config().service().storage().historyRetention()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void storage_mistakes_areReportedWithoutTheUrl() {
    BindResult r =
        bind(
            "  storage: { url: 'mysql://db/x', historyRetention: '30min', user: 'u',",
            "    password: 'pw', historyRetension: '14d' },");
    BindResult inUrl =
        bind("  storage: { url: 'jdbc:postgresql://db/x?user=a&password=hunter2' },");
    BindResult sqliteUser = bind("  storage: { user: 'u', historyRetention: '30m' },");
    BindResult memory = bind("  storage: { url: 'jdbc:sqlite::memory:' },");

    assertThat(messages(r))
        .containsExactly(
            "storage.url: expected jdbc:sqlite:FILE (e.g. jdbc:sqlite:mcpwatch-data/mcpwatch.db)"
                + " or jdbc:postgresql://HOST:PORT/DATABASE",
            "storage.historyRetention: expected a duration such as 90s, 30m, 48h, 14d or PT48H;"
                + " found \"30min\"",
            "storage.user: user applies to jdbc:postgresql: databases only",
            "storage.password: password applies to jdbc:postgresql: databases only",
            "storage.historyRetension: unknown key (did you mean historyRetention?)");
    assertThat(messages(inUrl))
        .containsExactly(
            "storage.url: the URL carries a password: put it in storage.password instead (e.g."
                + " ${PGPASSWORD}), which is never printed");
    assertThat(messages(inUrl).toString()).doesNotContain("hunter2");
    assertThat(messages(memory))
        .containsExactly(
            "storage.url: expected jdbc:sqlite: and a plain file path (no :memory:, file: or"
                + " ?options), so the state survives a restart");
    assertThat(messages(sqliteUser))
        .containsExactly(
            "storage.user: user applies to jdbc:postgresql: databases only",
            "storage.historyRetention: must be at least 1h, found \"30m\"");
  }

  @Test
  void http_listenForms_bound() {
    HttpSettings listen =
        bind("  http: { listen: '127.0.0.2:9000', maxRequestBytes: 2048, maxEventBytes: 1024 },")
            .config()
            .service()
            .http();
    HttpSettings hostPort =
        bind("  http: { host: 'localhost', port: 0, enabled: false },").config().service().http();
    HttpSettings v6 = bind("  http: { listen: '[::1]:8787' },").config().service().http();

    assertThat(listen)
        .isEqualTo(new HttpSettings(true, "127.0.0.2", 9000, null, null, 2048, 10_000, 1024));
    assertThat(hostPort.enabled()).isFalse();
    assertThat(hostPort.port()).isZero();
    assertThat(v6.host()).isEqualTo("::1");
    assertThat(v6.baseUrl()).isEqualTo("http://[::1]:8787");
    assertThat(v6.listensOnLoopback()).isTrue();
  }

  @Test
  void http_nonLoopbackWithoutToken_isAnError() {
    BindResult open = bind("  http: { listen: '0.0.0.0:8787' },");
    BindResult tokened =
        ServiceConfig.bindWith(
            ServiceConfig.env("TOKEN", "0123456789abcdef0123"),
            "  http: { host: '10.0.0.5', token: '${TOKEN}', publicBaseUrl: 'https://m.example.com/'"
                + " },");
    BindResult disabled = bind("  http: { listen: '0.0.0.0:8787', enabled: false },");

    assertThat(ServiceConfig.errors(open))
        .containsExactly(
            "7:19 http.listen: http listens on 0.0.0.0, which other machines can reach, but has no"
                + " token: set http.token (e.g. ${MCPWATCH_HTTP_TOKEN}); the server refuses to"
                + " start without one");
    assertThat(tokened.errors()).isEmpty();
    assertThat(tokened.config().service().http().token()).isEqualTo("0123456789abcdef0123");
    assertThat(tokened.config().service().http().baseUrl()).isEqualTo("https://m.example.com");
    assertThat(disabled.errors()).isEmpty();
  }

  @Test
  void http_mistakes_allReported() {
    BindResult r =
        bind(
            "  http: { listen: 'localhost', host: 'x', maxEventsPerRequest: 0,",
            "    maxRequestBytes: 1024, maxEventBytes: 4096, publicBaseUrl: 'ftp://x',",
            "    enabled: 'yes', tokn: 'abc' },");
    BindResult badListen = bind("  http: { listen: '127.0.0.1:99999' },");
    BindResult badPort = bind("  http: { port: 70000 },");

    assertThat(messages(r))
        .containsExactly(
            "http.host: write either listen (HOST:PORT) or host and port, not both",
            "http.maxEventsPerRequest: must be from 1 to 1000000, found 0",
            "http.maxEventBytes: must not be larger than maxRequestBytes (1024): such an event"
                + " could never arrive",
            "http.publicBaseUrl: expected an http:// or https:// URL without query, e.g."
                + " https://mcpwatch.example.com; found \"ftp://x\"",
            "http.enabled: expected true or false, found \"yes\"",
            "http.tokn: unknown key (did you mean token?)");
    assertThat(messages(badListen))
        .containsExactly(
            "http.listen: expected HOST:PORT such as 127.0.0.1:8787 or [::1]:8787 (port 0 to"
                + " 65535), found \"127.0.0.1:99999\"");
    assertThat(messages(badPort))
        .containsExactly("http.port: must be from 0 to 65535, found 70000");
  }

  @Test
  void smtp_portDefaultsFollowSecurity() {
    SmtpSettings starttls = bind("  smtp: { host: 'smtp.example.com' },").config().service().smtp();
    SmtpSettings tls =
        bind("  smtp: { host: 'smtp.example.com', security: 'tls' },").config().service().smtp();
    SmtpSettings none =
        bind("  smtp: { host: 'mail', security: 'none', from: 'alerts@example.com' },")
            .config()
            .service()
            .smtp();
    SmtpSettings port =
        bind("  smtp: { host: 'mail', security: 'tls', port: 2465 },").config().service().smtp();

    assertThat(starttls)
        .isEqualTo(
            new SmtpSettings(
                "smtp.example.com", 587, "starttls", null, null, "mcpwatch@localhost"));
    assertThat(tls.port()).isEqualTo(465);
    assertThat(none.port()).isEqualTo(25);
    assertThat(none.from()).isEqualTo("alerts@example.com");
    assertThat(port.port()).isEqualTo(2465);
    assertThat(bind("").config().service().smtp()).isNull();
  }

  @Test
  void smtp_mistakes_allReported() {
    BindResult r =
        bind(
            "  smtp: { security: 'startls', port: 0, username: 'u', from: 'Alerts <a@b.c>',",
            "    pasword: 'x' },");
    BindResult passwordOnly = bind("  smtp: { host: 'mail', password: 'p' },");

    assertThat(messages(r))
        .containsExactly(
            "smtp.host: missing required key host",
            "smtp.security: expected one of none, starttls, tls; found \"startls\" (did you mean"
                + " starttls?)",
            "smtp.port: must be from 1 to 65535, found 0",
            "smtp.username: a username needs a password (e.g. password: ${SMTP_PASSWORD})",
            "smtp.from: expected a plain ASCII e-mail address (no name, list, spaces or quotes);"
                + " found \"Alerts <a@b.c>\"",
            "smtp.pasword: unknown key (did you mean password?)");
    assertThat(r.config().service().smtp()).isNull();
    assertThat(messages(passwordOnly))
        .containsExactly("smtp.password: a password needs a username");
  }

  @Test
  void notifications_boundAndChecked() {
    NotificationSettings ok =
        bind(
                "  notifications: { accountId: '123456789012', from: 'mcpwatch@example.com',",
                "    mailboxDir: '/var/mail/mcpwatch', maxTriggerLines: 0, tokenValidity: '3d',",
                "    pendingExpiry: 'PT72H' },")
            .config()
            .service()
            .notifications();
    BindResult bad =
        bind(
            "  notifications: { accountId: 12345, maxTriggerLines: 101, tokenValidity: '0s',",
            "    pendingExpiry: 'soon', mailboxDir: '', from: 'nobody' },");

    assertThat(ok)
        .isEqualTo(
            new NotificationSettings(
                "123456789012",
                "mcpwatch@example.com",
                "/var/mail/mcpwatch",
                0,
                Duration.ofDays(3),
                Duration.ofHours(72)));
    assertThat(messages(bad))
        .containsExactly(
            "notifications.accountId: expected 12 digits (quote it to keep leading zeros:"
                + " '000000000000'), found 12345",
            "notifications.maxTriggerLines: must be from 0 to 100, found 101",
            "notifications.tokenValidity: must be at least 1m, found \"0s\"",
            "notifications.pendingExpiry: expected a duration such as 90s, 30m, 48h, 14d or PT48H;"
                + " found \"soon\"",
            "notifications.mailboxDir: must not be empty",
            "notifications.from: expected an e-mail address like user@example.com; found"
                + " \"nobody\"");
  }

  @Test
  void notifications_fromIsTheDefaultSmtpSender() {
    SmtpSettings smtp =
        bind("  notifications: { from: 'alarms@example.com' },", "  smtp: { host: 'mail' },")
            .config()
            .service()
            .smtp();

    assertThat(smtp.from()).isEqualTo("alarms@example.com");
  }

  @Test
  void engine_boundAndChecked() {
    EngineSettings ok =
        bind("  engine: { earlyFiring: false, evaluationRangeExtra: 0, defaultValueMode:"
                + " 'PER_MINUTE' },")
            .config()
            .service()
            .engine();
    BindResult bad =
        bind(
            "  engine: { earlyFiring: 1, evaluationRangeExtra: 101, defaultValueMode:"
                + " 'per_minute', earlyFirng: true },");

    assertThat(ok).isEqualTo(new EngineSettings(false, 0, "PER_MINUTE"));
    assertThat(messages(bad))
        .containsExactly(
            "engine.earlyFiring: expected true or false, found 1",
            "engine.evaluationRangeExtra: must be from 0 to 100, found 101",
            "engine.defaultValueMode: expected one of PER_EVENT, PER_MINUTE; found \"per_minute\""
                + " (did you mean PER_MINUTE?)",
            "engine.earlyFirng: unknown key (did you mean earlyFiring?)");
    assertThat(bad.config().service().engine()).isEqualTo(EngineSettings.defaults());
  }

  @Test
  void engine_notifyInitialOk_defaultsToCloudWatchBehaviour() {
    assertThat(EngineSettings.defaults().notifyInitialOk()).isTrue();
    assertThat(bind("  engine: { notifyInitialOk: false },").config().service().engine())
        .isEqualTo(new EngineSettings(true, 2, "PER_EVENT", false));
    assertThat(messages(bind("  engine: { notifyInitialOk: 'no' },")))
        .containsExactly("engine.notifyInitialOk: expected true or false, found \"no\"");
  }

  @Test
  void notifications_regionName_isADisplayNameWithoutControlCharacters() {
    assertThat(NotificationSettings.defaults().regionName()).isNull();
    assertThat(
            bind("  notifications: { regionName: 'Frankfurt data centre' },")
                .config()
                .service()
                .notifications()
                .regionName())
        .isEqualTo("Frankfurt data centre");
    assertThat(messages(bind("  notifications: { regionName: '' },")))
        .containsExactly("notifications.regionName: must not be empty");
  }

  @Test
  void topLevel_misspeltServiceKey_getsADidYouMean() {
    BindResult r = bind("  storgae: { },", "  notification: { },");

    assertThat(messages(r))
        .containsExactly(
            "storgae: unknown key (did you mean storage?)",
            "notification: unknown key (did you mean notifications?)");
  }

  @Test
  void serviceSections_notMaps_areReported() {
    BindResult r = bind("  storage: 'sqlite', http: [], smtp: 'mail', engine: 5,");

    assertThat(messages(r))
        .containsExactly(
            "storage: expected a map, found \"sqlite\"",
            "http: expected a map, found a list",
            "smtp: expected a map, found \"mail\"",
            "smtp.host: missing required key host",
            "engine: expected a map, found 5");
  }
}
