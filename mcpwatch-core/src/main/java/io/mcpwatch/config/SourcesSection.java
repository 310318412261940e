package io.mcpwatch.config;

import io.mcpwatch.config.ServiceSettings.SourceSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code sources: [ { app, env?, type: file|docker|stdin, path | paths, startAt?, format?,
 * timestampFormat?, stripAnsi? } ]}: where {@code mcpwatch run} reads logs from, and which app (and
 * environment) they belong to. Also binds the per-app shorthand {@code apps: [ { name, logs: GLOB
 * or [GLOBS] } ]}.
 */
final class SourcesSection {
  private SourcesSection() {}

  static final List<String> TYPES = List.of("file", "docker", "stdin");
  static final List<String> START_AT = List.of("end", "beginning");
  static final List<String> FORMATS = List.of("text", "jsonl", "docker");

  /** Binds the section; apps and environments must be bound (their names are checked). */
  static List<SourceSettings> bind(
      @Nullable ConfigNode node, List<Environment> envs, List<App> apps, BindContext ctx) {
    List<SourceSettings> out = new ArrayList<>();
    if (node == null || Values.isNull(node)) {
      return out;
    }
    List<ConfigNode> items = Values.list(node, "sources", ctx);
    if (items == null) {
      return out;
    }
    Map<String, App> appsByName = new LinkedHashMap<>();
    apps.forEach(a -> appsByName.put(a.name(), a));
    Map<String, Environment> envsByName = new LinkedHashMap<>();
    envs.forEach(e -> envsByName.put(e.name(), e));
    ConfigNode stdin = null;
    for (int i = 0; i < items.size(); i++) {
      ConfigNode item = items.get(i);
      SourceSettings s = source(item, BindContext.index("sources", i), envsByName, appsByName, ctx);
      if (s == null) {
        continue;
      }
      if (s.type().equals("stdin")) {
        if (stdin != null) {
          ctx.error(
              s.path(),
              item,
              "only one stdin source is allowed (the first is at "
                  + stdin.line()
                  + ":"
                  + stdin.column()
                  + ")");
          continue;
        }
        stdin = item;
      }
      out.add(s);
    }
    return out;
  }

  /** Checks that no glob is tailed twice (its lines would be counted twice). */
  static void checkDistinctGlobs(List<SourceSettings> sources, BindContext ctx) {
    Map<String, SourceSettings> seen = new HashMap<>();
    for (SourceSettings s : sources) {
      for (String glob : s.paths()) {
        SourceSettings first = seen.putIfAbsent(glob, s);
        if (first != null && first != s) {
          ctx.error(
              s.path(),
              s.line(),
              s.column(),
              "the glob "
                  + glob
                  + " is also read by "
                  + first.path()
                  + "; its lines would count"
                  + " twice");
        }
      }
    }
  }

  private static @Nullable SourceSettings source(
      ConfigNode node,
      String path,
      Map<String, Environment> envs,
      Map<String, App> apps,
      BindContext ctx) {
    MapReader m = MapReader.of(node, path, ctx);
    if (!(node instanceof ConfigNode.MapNode)) {
      return null;
    }
    ConfigNode appNode = m.require("app");
    Located<String> app = appNode == null ? null : Values.name(appNode, m.path("app"), ctx);
    boolean ok = app != null && ConfigBinder.known(app, apps.keySet(), "app", ctx);

    ConfigNode envNode = m.take("env");
    Located<String> env = null;
    if (envNode != null && !Values.isNull(envNode)) {
      env = Values.name(envNode, m.path("env"), ctx);
      ok &= env != null && ConfigBinder.known(env, envs.keySet(), "environment", ctx);
      if (ok && !apps.get(app.value()).runsIn(env.value())) {
        App a = apps.get(app.value());
        ctx.add(
            env.error(
                "app "
                    + a.name()
                    + " does not run in environment "
                    + env.value()
                    + " (see "
                    + a.path()
                    + ".environments)"));
        ok = false;
      }
    }

    ConfigNode typeNode = m.require("type");
    Located<String> type =
        typeNode == null ? null : ServiceValues.choice(typeNode, m.path("type"), ctx, TYPES);
    ConfigNode.Entry pathEntry = m.entry("path");
    ConfigNode.Entry pathsEntry = m.entry("paths");
    ConfigNode startNode = m.take("startAt");
    ConfigNode formatNode = m.take("format");
    ConfigNode tsNode = m.take("timestampFormat");
    ConfigNode ansiNode = m.take("stripAnsi");
    m.finish();
    if (type == null) {
      return null;
    }
    boolean stdin = type.value().equals("stdin");

    List<String> globs = new ArrayList<>();
    if (stdin) {
      for (ConfigNode.Entry e : new ConfigNode.Entry[] {pathEntry, pathsEntry}) {
        if (e != null) {
          ctx.error(
              m.path(e.key()),
              e.line(),
              e.column(),
              "a stdin source reads standard input and has no " + e.key());
          ok = false;
        }
      }
    } else if (pathEntry != null && pathsEntry != null) {
      ctx.error(
          m.path("paths"),
          pathsEntry.line(),
          pathsEntry.column(),
          "write either path (one glob) or paths (a list of globs), not both");
      ok = false;
    } else if (pathEntry == null && pathsEntry == null) {
      ctx.error(
          path,
          node,
          "missing required key path (a glob such as /var/log/teams/*.log) or paths (a list)");
      ok = false;
    } else {
      ConfigNode.Entry e = pathEntry != null ? pathEntry : pathsEntry;
      List<String> read = globs(e.value(), m.path(e.key()), pathsEntry != null, ctx);
      ok &= read != null;
      if (read != null) {
        globs.addAll(read);
      }
    }

    String startAt = "end";
    if (startNode != null) {
      Located<String> s = ServiceValues.choice(startNode, m.path("startAt"), ctx, START_AT);
      ok &= s != null;
      if (s != null && stdin) {
        ctx.add(s.error("startAt applies to file and docker sources; stdin is read as it comes"));
        ok = false;
      }
      startAt = s == null ? startAt : s.value();
    }

    String format = type.value().equals("docker") ? "docker" : "text";
    if (formatNode != null) {
      Located<String> f = ServiceValues.choice(formatNode, m.path("format"), ctx, FORMATS);
      ok &= f != null;
      if (f != null && type.value().equals("docker") && !f.value().equals("docker")) {
        ctx.add(
            f.error(
                "a docker source reads Docker's json-file logs, so its format is docker (leave"
                    + " format out)"));
        ok = false;
      }
      format = f == null ? format : f.value();
    }

    String timestampFormat = "none";
    if (tsNode != null) {
      Located<String> t = ServiceValues.timestampFormat(tsNode, m.path("timestampFormat"), ctx);
      ok &= t != null;
      if (t != null && !format.equals("text")) {
        ctx.add(
            t.error(
                "timestampFormat applies to format text only; "
                    + format
                    + " events carry their own time"));
        ok = false;
      }
      timestampFormat = t == null ? timestampFormat : t.value();
    }
    boolean stripAnsi = false;
    if (ansiNode != null && !Values.isNull(ansiNode)) {
      Located<Boolean> b = Values.bool(ansiNode, m.path("stripAnsi"), ctx);
      ok &= b != null;
      stripAnsi = b != null && b.value();
    }
    if (!ok) {
      return null;
    }
    return new SourceSettings(
        env == null ? null : env.value(),
        app.value(),
        type.value(),
        globs,
        startAt,
        format,
        timestampFormat,
        path,
        node.line(),
        node.column(),
        stripAnsi);
  }

  /**
   * The per-app shorthand {@code logs: GLOB} or {@code logs: [GLOBS]}: a file source of the app in
   * every environment it runs in, read from the end, as text stamped with the time of reading.
   */
  static @Nullable SourceSettings appLogs(
      String app, ConfigNode.Entry logs, String path, BindContext ctx) {
    List<String> globs =
        globs(logs.value(), path, logs.value() instanceof ConfigNode.ListNode, ctx);
    if (globs == null) {
      return null;
    }
    return new SourceSettings(
        null, app, "file", globs, "end", "text", "none", path, logs.line(), logs.column());
  }

  /** One glob, or a non-empty list of globs. */
  private static @Nullable List<String> globs(
      ConfigNode node, String path, boolean list, BindContext ctx) {
    List<String> out = new ArrayList<>();
    if (!list) {
      Located<String> g = Values.nonEmpty(node, path, ctx);
      if (g == null) {
        return null;
      }
      out.add(g.value());
      return out;
    }
    List<ConfigNode> items = Values.list(node, path, ctx);
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      ctx.error(path, node, "list at least one glob");
      return null;
    }
    boolean ok = true;
    for (int i = 0; i < items.size(); i++) {
      Located<String> g = Values.nonEmpty(items.get(i), BindContext.index(path, i), ctx);
      ok &= g != null;
      if (g != null) {
        out.add(g.value());
      }
    }
    return ok ? out : null;
  }
}
