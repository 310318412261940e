package io.mcpwatch.storage.state;

import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.source.tail.FileCheckpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one processed batch changed, committed atomically by {@link StateStore#commit}.
 *
 * @param engine the engine's state after the batch ({@code engine.snapshot()}); only what differs
 *     from the previous commit is written
 * @param checkpoints per source key (any stable name, e.g. the source's name in the config), its
 *     position after the batch; sources not listed keep their stored checkpoint
 * @param outbox notifications planned for the batch's transitions (ids already stored are ignored)
 */
public record StateCommit(
    EngineSnapshot engine, Map<String, SourceCheckpoint> checkpoints, List<OutboxItem> outbox) {

  public StateCommit {
    Objects.requireNonNull(engine, "engine");
    checkpoints = Map.copyOf(checkpoints);
    outbox = List.copyOf(outbox);
    for (String key : checkpoints.keySet()) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("checkpoints: a source key must not be blank");
      }
    }
    Set<String> names = new HashSet<>();
    for (EngineSnapshot.AlarmSnapshot a : engine.alarms()) {
      if (!names.add(a.env() + "\u0000" + a.alarmName())) {
        throw new IllegalArgumentException(
            "engine: alarm '" + a.alarmName() + "' appears twice in environment '" + a.env() + "'");
      }
    }
  }

  /** A commit of the engine state alone. */
  public static StateCommit of(EngineSnapshot engine) {
    return new StateCommit(engine, Map.of(), List.of());
  }

  /** This commit plus one source's checkpoint. */
  public StateCommit withCheckpoint(String sourceKey, SourceCheckpoint checkpoint) {
    Map<String, SourceCheckpoint> m = new LinkedHashMap<>(checkpoints);
    m.put(sourceKey, checkpoint);
    return new StateCommit(engine, m, outbox);
  }

  /** This commit plus a file tailer's checkpoints. */
  public StateCommit withFiles(String sourceKey, List<FileCheckpoint> files) {
    return withCheckpoint(sourceKey, SourceCheckpoint.files(files));
  }

  /** This commit plus outbox items. */
  public StateCommit withOutbox(List<OutboxItem> items) {
    List<OutboxItem> all = new ArrayList<>(outbox);
    all.addAll(items);
    return new StateCommit(engine, checkpoints, all);
  }
}
