package io.mcpwatch.config;

import io.mcpwatch.config.ServiceSettings.EngineSettings;
import io.mcpwatch.config.ServiceSettings.NotificationSettings;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import io.mcpwatch.config.ServiceSettings.StorageSettings;
import io.mcpwatch.metrics.DefaultValueMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Binds the live-service sections ({@code sources}, {@code storage}, {@code http}, {@code smtp},
 * {@code notifications}, {@code engine}) into {@link ServiceSettings}. Every key is optional; what
 * is left out (or wrong, and reported) keeps its default.
 */
final class ServiceSection {
  private ServiceSection() {}

  static final String SQLITE = "jdbc:sqlite:";
  static final String POSTGRES = "jdbc:postgresql:";

  /**
   * Takes the six sections from {@code top}.
   *
   * @param appLogs file sources written with the per-app shorthand {@code logs}
   */
  static ServiceSettings bind(
      MapReader top,
      List<Environment> envs,
      List<App> apps,
      List<SourceSettings> appLogs,
      BindContext ctx) {
    List<SourceSettings> sources =
        new ArrayList<>(SourcesSection.bind(top.take("sources"), envs, apps, ctx));
    sources.addAll(appLogs);
    SourcesSection.checkDistinctGlobs(sources, ctx);
    StorageSettings storage = storage(top.take("storage"), ctx);
    ServiceSettings.HttpSettings http = HttpSection.bind(top.take("http"), ctx);
    NotificationSettings notifications = MailSection.notifications(top.take("notifications"), ctx);
    ServiceSettings.SmtpSettings smtp =
        MailSection.smtp(top.take("smtp"), notifications.from(), ctx);
    EngineSettings engine = engine(top.take("engine"), ctx);
    return new ServiceSettings(sources, storage, http, smtp, notifications, engine);
  }

  static StorageSettings storage(@Nullable ConfigNode node, BindContext ctx) {
    StorageSettings d = StorageSettings.defaults();
    if (node == null || Values.isNull(node)) {
      return d;
    }
    MapReader m = MapReader.of(node, "storage", ctx);
    String url = d.url();
    ConfigNode urlNode = m.take("url");
    if (urlNode != null) {
      String u = url(urlNode, m.path("url"), ctx);
      url = u == null ? url : u;
    }
    ConfigNode userNode = m.take("user");
    Located<String> user = userNode == null ? null : Values.nonEmpty(userNode, m.path("user"), ctx);
    ConfigNode passwordNode = m.take("password");
    String password =
        passwordNode == null ? null : Values.secret(passwordNode, m.path("password"), ctx);
    Duration retention = d.historyRetention();
    ConfigNode retentionNode = m.take("historyRetention");
    if (retentionNode != null) {
      Located<Duration> r =
          ServiceValues.duration(
              retentionNode, m.path("historyRetention"), ctx, Duration.ofHours(1));
      retention = r == null ? retention : r.value();
    }
    m.finish();
    if (url.startsWith(SQLITE)) {
      if (userNode != null) {
        ctx.error(m.path("user"), userNode, "user applies to jdbc:postgresql: databases only");
      }
      if (passwordNode != null) {
        ctx.error(
            m.path("password"),
            passwordNode,
            "password applies to jdbc:postgresql: databases only");
      }
    }
    return new StorageSettings(url, user == null ? null : user.value(), password, retention);
  }

  /** A JDBC URL; messages never show it (it may carry credentials). */
  private static @Nullable String url(ConfigNode node, String path, BindContext ctx) {
    if (!(node instanceof ConfigNode.ScalarNode) || Values.isNull(node)) {
      ctx.error(path, node, "expected a JDBC URL, found " + node.describe());
      return null;
    }
    ConfigNode value = Values.deref(node, path, ctx);
    if (value == null) {
      return null;
    }
    String u = ((ConfigNode.ScalarNode) value).text().strip();
    if (u.startsWith(SQLITE) ? u.length() == SQLITE.length() : !u.startsWith(POSTGRES)) {
      ctx.error(
          path,
          node,
          "expected jdbc:sqlite:FILE (e.g. jdbc:sqlite:mcpwatch-data/mcpwatch.db) or"
              + " jdbc:postgresql://HOST:PORT/DATABASE");
      return null;
    }
    String sqlitePath = u.startsWith(SQLITE) ? u.substring(SQLITE.length()) : "";
    if (sqlitePath.startsWith(":memory:")
        || sqlitePath.startsWith("file:")
        || sqlitePath.indexOf('?') >= 0) {
      ctx.error(
          path,
          node,
          "expected jdbc:sqlite: and a plain file path (no :memory:, file: or ?options), so the"
              + " state survives a restart");
      return null;
    }
    if (u.toLowerCase(Locale.ROOT).contains("password=")) {
      ctx.error(
          path,
          node,
          "the URL carries a password: put it in storage.password instead (e.g. ${PGPASSWORD}),"
              + " which is never printed");
      return null;
    }
    return u;
  }

  static EngineSettings engine(@Nullable ConfigNode node, BindContext ctx) {
    EngineSettings d = EngineSettings.defaults();
    if (node == null || Values.isNull(node)) {
      return d;
    }
    MapReader m = MapReader.of(node, "engine", ctx);
    boolean early = d.earlyFiring();
    ConfigNode earlyNode = m.take("earlyFiring");
    if (earlyNode != null) {
      Located<Boolean> b = Values.bool(earlyNode, m.path("earlyFiring"), ctx);
      early = b == null ? early : b.value();
    }
    int extra = d.extraRangeDatapoints();
    ConfigNode extraNode = m.take("evaluationRangeExtra");
    if (extraNode != null) {
      Located<Integer> n = Values.integer(extraNode, m.path("evaluationRangeExtra"), ctx, 0, 100);
      extra = n == null ? extra : n.value();
    }
    String mode = d.defaultValueMode();
    ConfigNode modeNode = m.take("defaultValueMode");
    if (modeNode != null) {
      Located<DefaultValueMode> v =
          Values.enumValue(modeNode, m.path("defaultValueMode"), ctx, DefaultValueMode.class);
      mode = v == null ? mode : v.value().name();
    }
    boolean initialOk = d.notifyInitialOk();
    ConfigNode initialOkNode = m.take("notifyInitialOk");
    if (initialOkNode != null) {
      Located<Boolean> b = Values.bool(initialOkNode, m.path("notifyInitialOk"), ctx);
      initialOk = b == null ? initialOk : b.value();
    }
    m.finish();
    return new EngineSettings(early, extra, mode, initialOk);
  }
}
