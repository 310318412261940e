package io.mcpwatch.config;

import io.mcpwatch.config.ServiceSettings.NotificationSettings;
import io.mcpwatch.config.ServiceSettings.RetrySettings;
import io.mcpwatch.config.ServiceSettings.SmtpSettings;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code notifications: { accountId?, regionName?, from?, mailboxDir?, maxTriggerLines?, tokenValidity?,
 * pendingExpiry?, retry? }} ({@code retry} by {@link RetrySection}) and {@code smtp: { host,
 * port?, security?, username?, password?, from? }}. Without {@code smtp}, e-mails are written as
 * .eml files into {@code notifications.mailboxDir}.
 */
final class MailSection {
  private MailSection() {}

  static final List<String> SECURITY = List.of("none", "starttls", "tls");

  static NotificationSettings notifications(@Nullable ConfigNode node, BindContext ctx) {
    NotificationSettings d = NotificationSettings.defaults();
    if (node == null || Values.isNull(node)) {
      return d;
    }
    MapReader m = MapReader.of(node, "notifications", ctx);
    String accountId = d.accountId();
    ConfigNode accountNode = m.take("accountId");
    if (accountNode != null) {
      Located<String> a = Values.string(accountNode, m.path("accountId"), ctx);
      if (a != null
          && (a.value().length() != 12 || !a.value().chars().allMatch(Character::isDigit))) {
        ctx.add(
            a.error(
                "expected 12 digits (quote it to keep leading zeros: '000000000000'), found "
                    + accountNode.describe()));
      } else if (a != null) {
        accountId = a.value();
      }
    }
    String from = d.from();
    ConfigNode fromNode = m.take("from");
    if (fromNode != null) {
      Located<String> f = ServiceValues.email(fromNode, m.path("from"), ctx);
      from = f == null ? from : f.value();
    }
    String mailboxDir = d.mailboxDir();
    ConfigNode dirNode = m.take("mailboxDir");
    if (dirNode != null) {
      Located<String> s = Values.nonEmpty(dirNode, m.path("mailboxDir"), ctx);
      mailboxDir = s == null ? mailboxDir : s.value();
    }
    int lines = d.maxTriggerLines();
    ConfigNode linesNode = m.take("maxTriggerLines");
    if (linesNode != null) {
      Located<Integer> n = Values.integer(linesNode, m.path("maxTriggerLines"), ctx, 0, 100);
      lines = n == null ? lines : n.value();
    }
    String regionName = null;
    ConfigNode regionNode = m.take("regionName");
    if (regionNode != null && !Values.isNull(regionNode)) {
      Located<String> r = Values.nonEmpty(regionNode, m.path("regionName"), ctx);
      if (r != null && (r.value().length() > 100 || r.value().chars().anyMatch(Character::isISOControl))) {
        ctx.add(r.error("expected a display name of up to 100 characters on one line"));
      } else if (r != null) {
        regionName = r.value();
      }
    }
    Duration validity = duration(m, "tokenValidity", d.tokenValidity(), ctx);
    Duration expiry = duration(m, "pendingExpiry", d.pendingExpiry(), ctx);
    RetrySettings retry = RetrySection.bind(m.take("retry"), m.path("retry"), ctx);
    m.finish();
    return new NotificationSettings(
        accountId, from, mailboxDir, lines, validity, expiry, retry, regionName);
  }

  private static Duration duration(MapReader m, String key, Duration dflt, BindContext ctx) {
    ConfigNode node = m.take(key);
    if (node == null) {
      return dflt;
    }
    Located<Duration> d = ServiceValues.duration(node, m.path(key), ctx, Duration.ofMinutes(1));
    return d == null ? dflt : d.value();
  }

  /** The mail server, or null when the section is absent (or has no usable host). */
  static @Nullable SmtpSettings smtp(
      @Nullable ConfigNode node, String defaultFrom, BindContext ctx) {
    if (node == null || Values.isNull(node)) {
      return null;
    }
    MapReader m = MapReader.of(node, "smtp", ctx);
    ConfigNode hostNode = m.require("host");
    Located<String> host =
        hostNode == null ? null : ServiceValues.host(hostNode, m.path("host"), ctx);
    String security = "starttls";
    ConfigNode securityNode = m.take("security");
    if (securityNode != null) {
      Located<String> s = ServiceValues.choice(securityNode, m.path("security"), ctx, SECURITY);
      security = s == null ? security : s.value();
    }
    int port = security.equals("tls") ? 465 : security.equals("starttls") ? 587 : 25;
    ConfigNode portNode = m.take("port");
    if (portNode != null) {
      Located<Integer> p = Values.integer(portNode, m.path("port"), ctx, 1, 65_535);
      port = p == null ? port : p.value();
    }
    ConfigNode userNode = m.take("username");
    Located<String> username =
        userNode == null ? null : Values.nonEmpty(userNode, m.path("username"), ctx);
    ConfigNode passwordNode = m.take("password");
    String password =
        passwordNode == null ? null : Values.secret(passwordNode, m.path("password"), ctx);
    String from = defaultFrom;
    ConfigNode fromNode = m.take("from");
    if (fromNode != null) {
      Located<String> f = ServiceValues.email(fromNode, m.path("from"), ctx);
      from = f == null ? from : f.value();
    }
    m.finish();
    if (passwordNode != null && userNode == null) {
      ctx.error(m.path("password"), passwordNode, "a password needs a username");
    }
    if (userNode != null && passwordNode == null) {
      ctx.error(
          m.path("username"),
          userNode,
          "a username needs a password (e.g. password: ${SMTP_PASSWORD})");
    }
    if (host == null) {
      return null;
    }
    return new SmtpSettings(
        host.value(), port, security, username == null ? null : username.value(), password, from);
  }
}
