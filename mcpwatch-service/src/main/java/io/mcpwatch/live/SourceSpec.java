package io.mcpwatch.live;

import io.mcpwatch.source.read.ReadOptions;
import io.mcpwatch.source.tail.StartAt;
import java.util.List;
import java.util.Objects;

/**
 * One log source as the service runs it.
 *
 * @param key the stable name its checkpoints are stored under (changes when the source's
 *     definition changes, so an edited source starts afresh)
 * @param kind files (tailed) or stdin
 * @param globs file patterns; empty for stdin
 * @param startAt where to start in files present at the very first start
 * @param read how lines are decoded (format, timestamps; the default log group is the first of
 *     {@code logGroups})
 * @param logGroups the log groups every event of the source goes to (one per environment), unless
 *     a JSON line names its own
 * @param label for log lines, e.g. {@code prod/teams file /var/log/teams/*.log}
 */
record SourceSpec(
    String key,
    Kind kind,
    List<String> globs,
    StartAt startAt,
    ReadOptions read,
    List<String> logGroups,
    String label) {

  /** How the source is read. */
  enum Kind {
    FILES,
    STDIN
  }

  SourceSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    globs = List.copyOf(globs);
    Objects.requireNonNull(startAt, "startAt");
    Objects.requireNonNull(read, "read");
    logGroups = List.copyOf(logGroups);
    Objects.requireNonNull(label, "label");
    if (logGroups.isEmpty()) {
      throw new IllegalArgumentException("source " + label + ": no log group");
    }
  }
}
