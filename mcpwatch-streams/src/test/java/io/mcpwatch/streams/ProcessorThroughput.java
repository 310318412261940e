package io.mcpwatch.streams;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The per-record CPU cost of the topology's own code without Kafka (not a test): decode
 * (InputDecoder, Jackson tree) plus EngineProcessor (engine ingest, snapshot when changed, into an
 * in-memory store) for the same 32 log groups and 128 alarms as StreamsThroughput.
 *
 * <pre>{@code java -cp ... io.mcpwatch.streams.ProcessorThroughput EVENTS}</pre>
 */
final class ProcessorThroughput {
  private ProcessorThroughput() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("mcpwatch-proc-bench");
    StringBuilder apps = new StringBuilder("[");
    for (int i = 0; i < 16; i++) {
      apps.append(i == 0 ? "" : ", ").append("app").append(i);
    }
    apps.append("]");
    String yaml = ConfigFiles.initTemplate()
        .replaceFirst("(?m)^apps:[\\s\\S]*?(?=^\\S)", "apps: " + apps + "\n");
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, yaml);
    LoadedConfig config = ConfigFiles.load(file);
    List<String> groups = new ArrayList<>();
    config.alarms().forEach(a -> {
      if (!groups.contains(a.logGroup())) {
        groups.add(a.logGroup());
      }
    });
    String[] lines = {
      "INFO:     10.0.1.23:51234 - \\\"POST /mcp HTTP/1.1\\\" 200 OK",
      "INFO:     10.0.1.23:51234 - \\\"POST /mcp HTTP/1.1\\\" 401 Unauthorized",
      "ERROR    mcp.server: tool call failed: timeout",
      "WARNING  auth: OBO token exchange failed for user=u17",
    };
    long start = System.currentTimeMillis();
    List<byte[]> values = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      String line = lines[(i * 7 + i / 13) % 97 == 0 ? 1 + i % 3 : 0];
      values.add(("{\"logGroup\":\"" + groups.get(i % groups.size()) + "\",\"timestamp\":"
          + (start + i / 100) + ",\"message\":\"" + line + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    for (int round = 0; round < 3; round++) {
      InputDecoder decoder = new InputDecoder(config.alarms());
      MockProcessorContext<String, String> ctx = new MockProcessorContext<>();
      KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
              Stores.inMemoryKeyValueStore(EngineProcessor.STORE), Serdes.String(),
              Serdes.ByteArray()).withLoggingDisabled().build();
      store.init(ctx.getStateStoreContext(), store);
      ctx.addStateStore(store);
      EngineProcessor p = new EngineProcessor(config.alarms(),
          EngineOptions.defaults().withHistory(false), StreamsSettings.ClockMode.WALL, 1000, 1);
      ctx.setCurrentSystemTimeMs(start);
      p.init(ctx);
      long t0 = System.nanoTime();
      for (int i = 0; i < events; i++) {
        ctx.setCurrentSystemTimeMs(start + i / 100);
        LogEvent e = decoder.decode(null, values.get(i), start);
        p.process(new Record<>(e.logGroup(), e, start));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("round %d: %d records in %.2f s = %.0f records/s (%.2f us each), %d"
          + " transitions%n", round, events, secs, events / secs, secs * 1e6 / events,
          ctx.forwarded().size());
    }
  }
}
