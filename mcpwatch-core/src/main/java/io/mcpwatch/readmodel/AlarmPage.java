package io.mcpwatch.readmodel;

import io.mcpwatch.alarm.AlarmState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One page of {@link ReadModel#alarms}.
 *
 * @param items the alarms of the page, ALARM first
 * @param total how many alarms match the query (all pages)
 * @param counts how many matching alarms are in each state (every state present, 0 or more)
 * @param envs every environment with alarms, sorted
 * @param apps every app with alarms, sorted
 * @param version the model's version the page was read at
 */
public record AlarmPage(
    List<AlarmSummary> items,
    int total,
    Map<AlarmState, Integer> counts,
    List<String> envs,
    List<String> apps,
    long version) {

  public AlarmPage {
    items = List.copyOf(items);
    Objects.requireNonNull(counts, "counts");
    EnumMap<AlarmState, Integer> c = new EnumMap<>(AlarmState.class);
    for (AlarmState s : AlarmState.values()) {
      c.put(s, counts.getOrDefault(s, 0));
    }
    counts = java.util.Collections.unmodifiableMap(c);
    envs = List.copyOf(envs);
    apps = List.copyOf(apps);
  }
}
