package io.mcpwatch.streams;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.ReaderStats;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The test configuration and helpers shared by the topology and broker tests. */
final class Fixture {
  static final String FAIL = "WARN OBO token exchange failed for user=u1";
  static final String OK = "INFO GET /mcp 200";
  static final List<String> GROUPS =
      List.of("/ecs/prod/teams", "/ecs/prod/files", "/ecs/dev/teams", "/ecs/dev/files");

  private Fixture() {}

  static Path configFile() {
    try {
      return Path.of(Fixture.class.getResource("streams-test.yaml").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static LoadedConfig config() {
    return ConfigFiles.load(configFile());
  }

  static StreamsSettings settings(String bootstrap, StreamsSettings.ClockMode clock, Path state) {
    StreamsSettings s = StreamsSettingsReader.read(configFile(), Map.of());
    return new StreamsSettings(bootstrap, s.applicationId(), s.inputTopics(),
        s.transitionsTopic(), s.partitions(), clock, state, s.tickMillis(), s.properties());
  }

  /** mcpwatch's own input shape. */
  static String json(LogEvent e) {
    return "{\"logGroup\":\"" + e.logGroup() + "\",\"timestamp\":" + e.timestampMillis()
        + ",\"message\":\"" + e.message() + "\"}";
  }

  /** The events as an EventReader, for Replay. */
  static EventReader reader(List<LogEvent> events) {
    Iterator<LogEvent> it = events.iterator();
    return new EventReader() {
      @Override
      public @Nullable LogEvent next() {
        return it.hasNext() ? it.next() : null;
      }

      @Override
      public ReaderStats stats() {
        return ReaderStats.empty();
      }

      @Override
      public void close() {}
    };
  }
}
