package io.mcpwatch.lint;

import io.mcpwatch.config.App;
import io.mcpwatch.config.Environment;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import io.mcpwatch.config.Subscriber;
import io.mcpwatch.config.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * The live-service sections: where events come from, how mail leaves, and whether subscribers can
 * ever confirm. Secrets are never quoted: URLs are shown as scheme and host.
 */
final class ServiceRules {
  private ServiceRules() {}

  static final String PLAINTEXT_HTTP = "plaintext-http-subscriber";
  static final String MAILBOX = "mail-to-mailbox";
  static final String NO_SOURCES = "no-sources";
  static final String SOURCE_ALL_ENVS = "source-in-every-environment";
  static final String NO_CONFIRMATION = "confirmation-impossible";
  static final String SMTP_PLAINTEXT = "smtp-plaintext-login";
  static final String SHORT_TOKEN = "short-http-token";

  /** Tokens shorter than this are guessable. */
  static final int MIN_TOKEN_LENGTH = 16;

  static void check(McpwatchConfig config, Findings out) {
    ServiceSettings service = config.service();
    List<Subscriber> subscribers = new ArrayList<>();
    for (Topic t : config.topics()) {
      subscribers.addAll(t.subscribers());
    }
    boolean mail = false;
    boolean confirmable = false;
    for (Subscriber s : subscribers) {
      mail |= s.protocol().isEmail();
      confirmable |= s.protocol().toNotify().requiresConfirmation();
      if (s.protocol() == Subscriber.Protocol.HTTP) {
        out.add(
            Severity.WARNING,
            PLAINTEXT_HTTP,
            s.path(),
            s.line(),
            s.column(),
            "notifications to "
                + s.redactedEndpoint()
                + " travel as plaintext http: anyone on the way can read and change them",
            "subscribe the https:// URL with { https: ... }");
      }
    }
    if (service.smtp() == null && mail) {
      out.add(
          Severity.INFO,
          MAILBOX,
          "smtp",
          0,
          0,
          "there is no smtp section, so mail is written to "
              + service.notifications().mailboxDir()
              + " as .eml files (confirmation requests too)",
          "add smtp: { host: smtp.example.com, username: ..., password: ${SMTP_PASSWORD} }");
    }
    sources(config, out);
    http(service, confirmable, out);
    ServiceSettings.SmtpSettings smtp = service.smtp();
    if (smtp != null && smtp.security().equals("none") && smtp.password() != null) {
      out.add(
          Severity.WARNING,
          SMTP_PLAINTEXT,
          "smtp.security",
          0,
          0,
          "with security: none the SMTP password is sent unencrypted",
          "security: starttls (port 587) or tls (port 465)");
    }
  }

  private static void sources(McpwatchConfig config, Findings out) {
    ServiceSettings service = config.service();
    if (service.sources().isEmpty()) {
      boolean http = service.http().enabled();
      out.add(
          http ? Severity.INFO : Severity.WARNING,
          NO_SOURCES,
          "sources",
          0,
          0,
          http
              ? "there are no sources: mcpwatch run will only receive events over HTTP/stdin"
              : "there are no sources and http is disabled: mcpwatch run will receive no events",
          "add sources: [ { app: "
              + (config.apps().isEmpty() ? "teams" : config.apps().get(0).name())
              + ", env: prod, type: file, path: /var/log/teams/*.log } ]");
      return;
    }
    for (SourceSettings s : service.sources()) {
      if (s.env() != null) {
        continue;
      }
      List<String> envs = new ArrayList<>();
      for (App a : config.apps()) {
        if (a.name().equals(s.app())) {
          for (Environment e : config.environments()) {
            if (a.runsIn(e.name())) {
              envs.add(e.name());
            }
          }
        }
      }
      if (envs.size() > 1) {
        out.add(
            Severity.WARNING,
            SOURCE_ALL_ENVS,
            s.path(),
            s.line(),
            s.column(),
            "this source has no env, but "
                + s.app()
                + " runs in "
                + envs.size()
                + " environments ("
                + String.join(", ", envs)
                + "): which environment's alarms its events count for is not said",
            "set env: " + envs.get(envs.size() - 1) + " (the environment these logs come from)");
      }
    }
  }

  private static void http(ServiceSettings service, boolean confirmable, Findings out) {
    ServiceSettings.HttpSettings http = service.http();
    if (confirmable && !http.enabled()) {
      out.add(
          Severity.WARNING,
          NO_CONFIRMATION,
          "http.enabled",
          0,
          0,
          "http is disabled, so confirmation links cannot be followed: email, email-json, http"
              + " and https subscribers stay pending and are never notified",
          "enabled: true");
    } else if (confirmable
        && service.smtp() != null
        && http.publicBaseUrl() == null
        && http.listensOnLoopback()) {
      out.add(
          Severity.WARNING,
          NO_CONFIRMATION,
          "http.publicBaseUrl",
          0,
          0,
          "mail goes out through smtp, but confirmation links point at "
              + http.baseUrl()
              + ", which only opens on this machine: subscribers elsewhere cannot confirm",
          "publicBaseUrl: https://mcpwatch.example.com (an address subscribers can reach)");
    }
    String token = http.token();
    if (http.enabled() && token != null && token.length() < MIN_TOKEN_LENGTH) {
      out.add(
          Severity.ERROR,
          SHORT_TOKEN,
          "http.token",
          0,
          0,
          "the token is shorter than "
              + MIN_TOKEN_LENGTH
              + " characters and can be guessed; the server refuses to start with it",
          "a random token, e.g. from: openssl rand -hex 32");
    }
  }
}
