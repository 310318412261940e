package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code overrides}: a list of alarm fields with optional selectors {@code env}, {@code app}
 * and {@code alarm} (a name or a list of names; left out means all).
 */
final class OverridesSection {
  private OverridesSection() {}

  static List<AlarmOverride> bind(
      @Nullable ConfigNode node,
      Set<String> envNames,
      Set<String> appNames,
      Set<String> alarmNames,
      BindContext ctx) {
    List<AlarmOverride> out = new ArrayList<>();
    if (node == null || Values.isNull(node)) {
      return out;
    }
    List<ConfigNode> items = Values.list(node, "overrides", ctx);
    if (items == null) {
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      String path = BindContext.index("overrides", i);
      ConfigNode item = items.get(i);
      if (!(item instanceof ConfigNode.MapNode)) {
        ctx.error(
            path,
            item,
            "expected a map of selectors (env, app, alarm) and alarm fields, found "
                + item.describe());
        continue;
      }
      MapReader map = MapReader.of(item, path, ctx);
      Set<String> envs = selector(map, "env", envNames, "environment", ctx);
      Set<String> apps = selector(map, "app", appNames, "app", ctx);
      Set<String> alarms = selector(map, "alarm", alarmNames, "alarm", ctx);
      AlarmSettings settings = AlarmSettingsSection.bind(map, ctx);
      map.finish();
      out.add(new AlarmOverride(envs, apps, alarms, settings, path, item.line(), item.column()));
    }
    return out;
  }

  private static @Nullable Set<String> selector(
      MapReader map, String key, Set<String> known, String what, BindContext ctx) {
    ConfigNode node = map.take(key);
    if (node == null) {
      return null;
    }
    List<Located<String>> names = Values.names(node, map.path(key), ctx);
    Set<String> out = new LinkedHashSet<>();
    if (names != null) {
      for (Located<String> n : names) {
        if (ConfigBinder.known(n, known, what, ctx)) {
          out.add(n.value());
        }
      }
    }
    // an invalid selector selects nothing rather than everything
    return out;
  }
}
