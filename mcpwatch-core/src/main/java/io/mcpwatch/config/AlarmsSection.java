package io.mcpwatch.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Binds {@code alarms: { auth-failures: { metric: ..., pattern: ..., threshold: 5 }, ... }}. */
final class AlarmsSection {
  private AlarmsSection() {}

  static List<AlarmDefinition> bind(@Nullable ConfigNode node, BindContext ctx) {
    List<AlarmDefinition> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    MapReader map = MapReader.of(node, "alarms", ctx);
    for (ConfigNode.Entry e : map.named("alarm")) {
      String path = map.path(e.key());
      MapReader alarm = MapReader.of(e.value(), path, ctx);
      AlarmSettings settings = AlarmSettingsSection.bind(alarm, ctx);
      alarm.finish();
      out.add(new AlarmDefinition(e.key(), settings, path, e.line(), e.column()));
    }
    return out;
  }
}
