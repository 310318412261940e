package io.mcpwatch.streams;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Throughput harness (not a test): an in-process broker, N events over 32 log groups (16 apps x 2
 * environments, ADR-0003's four alarms each: 128 alarms) already in the input topic, then 1 or 2
 * instances (one stream thread each) in this JVM; prints events/s from start to zero lag.
 *
 * <pre>{@code java [-Dcommit.interval.ms=100] -cp ... io.mcpwatch.streams.StreamsThroughput EVENTS [INSTANCES]}</pre>
 */
final class StreamsThroughput {
  private StreamsThroughput() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(args[0]);
    int[] counts = {1, 2};
    if (args.length > 1) {
      counts = new int[] {Integer.parseInt(args[1])};
    }
    Path dir = Files.createTempDirectory("mcpwatch-streams-bench");
    StringBuilder apps = new StringBuilder("[");
    for (int i = 0; i < 16; i++) {
      apps.append(i == 0 ? "" : ", ").append("app").append(i);
    }
    apps.append("]");
    String template = ConfigFiles.initTemplate();
    String yaml = template.replaceFirst("(?m)^apps:[\\s\\S]*?(?=^\\S)", "apps: " + apps + "\n");
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, yaml + "\nkafka:\n  bootstrapServers: x:1\n  inputTopics: [logs]\n");
    LoadedConfig config = ConfigFiles.load(file);
    List<String> groups = new ArrayList<>();
    config.alarms().forEach(a -> {
      if (!groups.contains(a.logGroup())) {
        groups.add(a.logGroup());
      }
    });
    System.out.println(config.alarms().size() + " alarms over " + groups.size() + " log groups");
    try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(
            new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0").build()) {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      String bootstrap = cluster.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic("logs", 8, (short) 1),
            new NewTopic("transitions", 4, (short) 1))).all().get();
      }
      long now = System.currentTimeMillis();
      Properties pp = new Properties();
      pp.put("bootstrap.servers", bootstrap);
      pp.put("linger.ms", "20");
      pp.put("batch.size", "262144");
      pp.put("compression.type", "lz4");
      String[] lines = {
        "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 200 OK",
        "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 401 Unauthorized",
        "ERROR    mcp.server: tool call failed: timeout",
        "WARNING  auth: OBO token exchange failed for user=u17",
      };
      try (KafkaProducer<String, String> p =
          new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < events; i++) {
          String g = groups.get(i % groups.size());
          String line = lines[(i * 7 + i / 13) % 97 == 0 ? 1 + i % 3 : 0];
          String json = "{\"logGroup\":\"" + g + "\",\"timestamp\":" + (now + i / 100)
              + ",\"message\":\"" + line.replace("\"", "\\\"") + "\"}";
          p.send(new ProducerRecord<>("logs", g, json));
        }
      }
      for (int n : counts) {
        String app = "bench-" + n;
        List<KafkaStreams> instances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          StreamsSettings s = new StreamsSettings(bootstrap, app, List.of("logs"), "transitions",
              8, StreamsSettings.ClockMode.WALL, dir.resolve(app + "-" + i), 1000,
              Map.of("num.stream.threads", "1", "replication.factor", "1", "commit.interval.ms",
                  System.getProperty("commit.interval.ms", "100")));
          instances.add(new KafkaStreams(
              StreamsTopology.build(config.alarms(), EngineOptions.defaults(), s),
              s.streamsProperties()));
        }
        long t0 = System.nanoTime();
        instances.forEach(KafkaStreams::start);
        while (lag(bootstrap, app) > 0) {
          Thread.sleep(200);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d instance(s): %d events in %.1f s = %.0f events/s (incl. start and"
            + " rebalance)%n", n, events, secs, events / secs);
        instances.forEach(k -> k.close(java.time.Duration.ofSeconds(10)));
      }
    }
  }

  private static long lag(String bootstrap, String app) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> c =
          admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
      for (int p = 0; p < 8; p++) {
        ask.put(new TopicPartition("logs", p), OffsetSpec.latest());
        ask.put(new TopicPartition(app + "-by-log-group-repartition", p), OffsetSpec.latest());
      }
      long lag = 0;
      for (var e : admin.listOffsets(ask).all().get().entrySet()) {
        OffsetAndMetadata o = c.get(e.getKey());
        long end = e.getValue().offset();
        if (end == 0) {
          continue;
        }
        long done = o == null ? 0 : o.offset();
        lag += Math.max(0, end - done
            - (e.getKey().topic().endsWith("repartition") ? 1 : 0));
      }
      return lag;
    } catch (java.util.concurrent.ExecutionException e) {
      return Long.MAX_VALUE; // topics not created yet
    }
  }
}
