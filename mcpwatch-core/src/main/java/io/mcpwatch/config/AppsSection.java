package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code apps}: each entry is a bare name ({@code sharepoint}) or a map with {@code name} and
 * optionally {@code logGroup}, {@code environments}, per-alarm fields under {@code alarms} and
 * {@code logs} (a glob or list of globs: the shorthand for a file source of the app).
 */
final class AppsSection {
  private AppsSection() {}

  /**
   * Binds the section.
   *
   * @param logs receives a file source for each app that has {@code logs}
   */
  static List<App> bind(
      @Nullable ConfigNode node,
      Set<String> envNames,
      Set<String> alarmNames,
      List<ServiceSettings.SourceSettings> logs,
      BindContext ctx) {
    List<App> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    List<ConfigNode> items = Values.list(node, "apps", ctx);
    if (items == null) {
      return out;
    }
    if (items.isEmpty()) {
      ctx.error("apps", node, "declare at least one app");
    }
    Map<String, ConfigNode> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String path = BindContext.index("apps", i);
      App app = app(items.get(i), path, envNames, alarmNames, logs, ctx);
      if (app == null) {
        continue;
      }
      ConfigNode first = seen.putIfAbsent(app.name(), items.get(i));
      if (first != null) {
        ctx.error(
            path,
            items.get(i),
            "app " + app.name() + " is already listed at " + first.line() + ":" + first.column());
        continue;
      }
      out.add(app);
    }
    return out;
  }

  private static @Nullable App app(
      ConfigNode node,
      String path,
      Set<String> envNames,
      Set<String> alarmNames,
      List<ServiceSettings.SourceSettings> logs,
      BindContext ctx) {
    if (node instanceof ConfigNode.ScalarNode) {
      Located<String> name = Values.name(node, path, ctx);
      return name == null
          ? null
          : new App(name.value(), null, null, Map.of(), path, node.line(), node.column());
    }
    if (!(node instanceof ConfigNode.MapNode)) {
      ctx.error(path, node, "expected an app name or a map with a name, found " + node.describe());
      return null;
    }
    MapReader map = MapReader.of(node, path, ctx);
    ConfigNode nameNode = map.require("name");
    Located<String> name = nameNode == null ? null : Values.name(nameNode, map.path("name"), ctx);

    ConfigNode lgNode = map.take("logGroup");
    Located<String> logGroup = null;
    if (lgNode != null) {
      logGroup = Values.nonEmpty(lgNode, map.path("logGroup"), ctx);
      if (logGroup != null && !Templates.check(logGroup, ConfigBinder.LOG_GROUP_VARS, ctx)) {
        logGroup = null;
      }
    }

    Set<String> envs = null;
    ConfigNode envNode = map.take("environments");
    if (envNode != null) {
      List<Located<String>> names = Values.names(envNode, map.path("environments"), ctx);
      if (names != null) {
        envs = new LinkedHashSet<>();
        for (Located<String> n : names) {
          if (ConfigBinder.known(n, envNames, "environment", ctx)) {
            envs.add(n.value());
          }
        }
      }
    }

    Map<String, AlarmSettings> alarms = new LinkedHashMap<>();
    ConfigNode alarmsNode = map.take("alarms");
    if (alarmsNode != null) {
      MapReader am = MapReader.of(alarmsNode, map.path("alarms"), ctx);
      for (ConfigNode.Entry e : am.all()) {
        String p = am.path(e.key());
        Located<String> alarmName = new Located<>(e.key(), p, e.line(), e.column(), e.column());
        MapReader fields = MapReader.of(e.value(), p, ctx);
        AlarmSettings settings = AlarmSettingsSection.bind(fields, ctx);
        fields.finish();
        if (ConfigBinder.known(alarmName, alarmNames, "alarm", ctx)) {
          alarms.put(e.key(), settings);
        }
      }
    }
    ConfigNode.Entry logsEntry = map.entry("logs");
    map.finish();
    if (name == null) {
      return null;
    }
    if (logsEntry != null) {
      ServiceSettings.SourceSettings source =
          SourcesSection.appLogs(name.value(), logsEntry, map.path("logs"), ctx);
      if (source != null) {
        logs.add(source);
      }
    }
    return new App(name.value(), logGroup, envs, alarms, path, node.line(), node.column());
  }
}
