package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.replay.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real KRaft broker in-process, three instances (two in this JVM, one a child JVM started as
 * {@code mcpwatch-streams run -c FILE}); the child is killed with SIGKILL in the middle of the
 * input (after it committed progress on a partition of its own). The transitions committed to the topic, and the minute aggregates in the stores, must
 * equal {@code backtest} of the same events: nothing lost, nothing repeated.
 */
@Tag("slow")
class StreamsClusterTest {
  private static final String APP = "mcpwatch-it";
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final int SECONDS = 20 * 60;

  @TempDir Path tmp;

  /** 8 log groups: murmur2 spreads them over 5 of the 6 engine partitions, 4 of 4 input ones. */
  private static final List<String> GROUPS = List.of("/ecs/prod/teams", "/ecs/prod/files",
      "/ecs/prod/mail", "/ecs/prod/search", "/ecs/dev/teams", "/ecs/dev/files", "/ecs/dev/mail",
      "/ecs/dev/search");

  private LoadedConfig config;

  /** 8 groups x 20 minutes: a line per group per second, bursts of failures now and then. */
  private static List<LogEvent> events() {
    List<LogEvent> events = new ArrayList<>();
    for (int s = 0; s <= SECONDS; s++) {
      for (int g = 0; g < GROUPS.size(); g++) {
        String group = GROUPS.get(g);
        int minute = s / 60;
        boolean burst = (minute + g) % 5 == 1 && s % 60 < 20 && (s + g) % 4 == 0;
        events.add(new LogEvent(group, START + s * 1000L + g, burst ? Fixture.FAIL : Fixture.OK));
      }
    }
    return events;
  }

  private String yaml(String bootstrap, Path stateDir) throws Exception {
    String base = Files.readString(
        Path.of(Fixture.class.getResource("streams-notify.yaml").toURI()));
    String head = base.substring(0, base.indexOf("kafka:"))
        .replace("apps: [teams, files]", "apps: [teams, files, mail, search]");
    return head + String.join("\n",
        "kafka:",
        "  bootstrapServers: " + bootstrap,
        "  applicationId: " + APP,
        "  inputTopics: [mcp-logs]",
        "  transitionsTopic: mcpwatch-transitions",
        "  partitions: 6",
        "  clock: event",
        "  stateDir: " + stateDir,
        "  properties:",
        "    num.stream.threads: \"1\"",
        "    replication.factor: \"1\"",
        "    consumer.session.timeout.ms: \"6000\"",
        "    consumer.heartbeat.interval.ms: \"1000\"",
        "");
  }

  @Test
  void threeInstancesOneKilled_transitionsAndAggregatesEqualBacktest() throws Exception {
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
        // the records carry event times of 2026-01-01: with the default 7-day retention the
        // broker rolls a segment per batch and deletes them (docs/streams.md: topic settings)
        Map<String, String> keep = Map.of("retention.ms", "-1");
        admin.createTopics(List.of(new NewTopic("mcp-logs", 4, (short) 1).configs(keep),
            new NewTopic("mcpwatch-transitions", 3, (short) 1).configs(keep))).all().get();
      }
      Path file = tmp.resolve("mcpwatch.yaml");
      Files.writeString(file, yaml(bootstrap, tmp.resolve("child-state")));
      StreamsSettings settings = StreamsSettingsReader.read(file, Map.of());
      config = ConfigFiles.load(file);
      assertThat(config.alarms()).hasSize(8);

      Process child = startChild(file);
      List<KafkaStreams> instances = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          StreamsSettings s = new StreamsSettings(settings.bootstrapServers(),
              settings.applicationId(), settings.inputTopics(), settings.transitionsTopic(),
              settings.partitions(), settings.clock(), tmp.resolve("state-" + i),
              settings.tickMillis(), settings.properties());
          KafkaStreams k = new KafkaStreams(
              StreamsTopology.build(config.alarms(), EngineOptions.defaults(), s,
                  countedNotifications()),
              s.streamsProperties());
          k.start();
          instances.add(k);
        }
        await().atMost(Duration.ofSeconds(90))
            .until(() -> instances.stream().allMatch(k -> k.state() == KafkaStreams.State.RUNNING)
                && Files.readString(tmp.resolve("child.log")).contains("-> RUNNING"));

        List<LogEvent> events = events();
        int half = events.size() / 2;
        produce(bootstrap, events.subList(0, half));
        // kill the child once it owns an engine partition with events and has committed progress
        // on it (so its tasks, their state and an open transaction move when it dies)
        java.util.Set<String> local = new java.util.HashSet<>();
        instances.forEach(k -> k.metadataForLocalThreads()
            .forEach(t -> local.add(t.consumerClientId())));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
            .until(() -> childCommittedOnItsPartitions(bootstrap, local));
        assertThat(child.isAlive()).isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
        produce(bootstrap, events.subList(half, events.size()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> lag(bootstrap) == 0);

        long end = events.get(events.size() - 1).timestampMillis();
        Replay.Result backtest = Replay.run(config.alarms(), Fixture.reader(events),
            EngineOptions.defaults(), null, Instant.ofEpochMilli(end), n -> {});
        List<String> expected = new ArrayList<>();
        backtest.alarms().forEach(a -> a.transitions().forEach(t -> expected.add(describe(t))));

        // The consumer lag can read 0 a moment before the last transactions of a task that moved
        // are committed: wait (bounded) until the committed transitions are complete. A lost or
        // repeated transition still fails: the wait ends with the last assertion's error.
        List<List<TransitionJson.Read>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
            .untilAsserted(() -> {
              List<TransitionJson.Read> read =
                  TransitionsReader.all(settings, Duration.ofSeconds(10));
              last.set(0, read);
              assertThat(read).extracting(TransitionJson.Read::id).doesNotHaveDuplicates();
              assertThat(read.stream().map(StreamsClusterTest::describe).toList())
                  .containsExactlyInAnyOrderElementsOf(expected);
            });
        List<TransitionJson.Read> committed = last.get(0);
        assertThat(expected.stream().filter(s -> s.contains(">ALARM")).count()).isGreaterThan(4);

        // every committed transition with actions: one mailbox file per subscriber of its topic,
        // written by whichever instance owned its partition (the child's too, before it died)
        Map<String, Long> expectedMails = new java.util.TreeMap<>();
        for (TransitionJson.Read r : committed) {
          if (!r.actions().isEmpty()) {
            for (String to : SUBSCRIBERS.get(r.env())) {
              expectedMails.merge(to, 1L, Long::sum);
            }
          }
        }
        assertThat(expectedMails).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(mailsByRecipient()).isEqualTo(expectedMails));
        synchronized (sends) {
          assertThat(sends).doesNotHaveDuplicates(); // the instances in this JVM sent each once
        }

        for (Replay.AlarmResult a : backtest.alarms()) {
          assertThat(minutes(instances, a.alarm()))
              .as(a.alarm().spec().alarmName()).isEqualTo(a.minutes());
        }
      } finally {
        child.destroyForcibly();
        instances.forEach(k -> k.close(Duration.ofSeconds(10)));
      }
    }
  }

  /** The subscribers streams-notify.yaml gives each environment's topic. */
  private static final Map<String, List<String>> SUBSCRIBERS = Map.of(
      "prod", List.of("oncall@example.com", "security@example.com"),
      "dev", List.of("dev@example.com"));

  /** Item ids the mailbox transport of the in-JVM instances sent. */
  private final List<String> sends = new ArrayList<>();

  /** The configuration's notifications, the e-mail transport counted. */
  private Notifications countedNotifications() {
    Notifications real = Notifications.of(config,
        io.mcpwatch.notify.http.SigningKeys.generate(java.time.InstantSource.system()));
    return new Notifications(real.settings(), real.signer(), real.topics(), (b, clock) -> {
      real.transports().register(b, clock);
      io.mcpwatch.notify.mailbox.MailboxNotifier m = new io.mcpwatch.notify.mailbox
          .MailboxNotifier(tmp.resolve("mcpwatch-data/mailbox"), "mcpwatch@localhost", clock);
      b.notifier(item -> {
        m.send(item);
        synchronized (sends) {
          sends.add(item.id());
        }
      }, io.mcpwatch.notify.Protocol.EMAIL);
    });
  }

  /** The .eml files in the mailbox, counted by recipient (the directory name). */
  private Map<String, Long> mailsByRecipient() throws java.io.IOException {
    Path box = tmp.resolve("mcpwatch-data/mailbox");
    if (!Files.isDirectory(box)) {
      return Map.of();
    }
    try (var files = Files.walk(box)) {
      return files.filter(f -> f.toString().endsWith(".eml"))
          .collect(java.util.stream.Collectors.groupingBy(
              f -> f.getParent().getFileName().toString(), java.util.TreeMap::new,
              java.util.stream.Collectors.counting()));
    }
  }

  private Process startChild(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), StreamsMain.class.getName(), "run", "-c",
        file.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve("child.log").toFile());
    return pb.start();
  }

  private static void produce(String bootstrap, List<LogEvent> events) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "5");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (LogEvent e : events) {
        // keyed by log group: each group's events stay in order on one input partition
        producer.send(new ProducerRecord<>("mcp-logs", null, e.timestampMillis(), e.logGroup(),
            Fixture.json(e)));
      }
      producer.flush();
    }
  }

  /**
   * True when a member that is not one of this JVM's consumers (the child) is assigned a
   * repartition partition whose committed offset is past its first records.
   */
  private static boolean childCommittedOnItsPartitions(String bootstrap,
      java.util.Set<String> localClients) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> c =
          admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get();
      var group = admin.describeConsumerGroups(List.of(APP)).all().get().get(APP);
      for (var m : group.members()) {
        if (localClients.contains(m.clientId())) {
          continue;
        }
        for (TopicPartition tp : m.assignment().topicPartitions()) {
          OffsetAndMetadata o = c.get(tp);
          if (tp.topic().endsWith("repartition") && o != null && o.offset() > 100) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Records not yet committed as consumed, over the input and the repartition topic. */
  private static long lag(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> c =
          admin.listConsumerGroupOffsets(APP).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
      for (String t : List.of("mcp-logs", APP + "-" + StreamsSettings.BY_LOG_GROUP
          + "-repartition")) {
        var d = admin.describeTopics(List.of(t)).allTopicNames().get().get(t);
        d.partitions().forEach(pi -> ask.put(new TopicPartition(t, pi.partition()),
            OffsetSpec.latest()));
      }
      var ends = admin.listOffsets(ask).all().get();
      long lag = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata o = c.get(e.getKey());
        long committed = o == null ? 0 : o.offset();
        // the repartition topic's end holds transaction markers: committed may pass a marker
        lag += Math.max(0, e.getValue().offset() - committed - (e.getKey().topic()
            .endsWith("repartition") ? 1 : 0));
      }
      return lag;
    }
  }

  private List<MinuteAggregate> minutes(List<KafkaStreams> instances, ResolvedAlarm alarm) {
    for (KafkaStreams k : instances) {
      ReadOnlyKeyValueStore<String, byte[]> store = k.store(StoreQueryParameters.fromNameAndType(
          EngineProcessor.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
      byte[] b = store.get(alarm.logGroup());
      if (b != null) {
        EngineSnapshot snap = new SnapshotCodec(config.alarms()).decode(b);
        List<ResolvedAlarm> group = config.alarms().stream()
            .filter(a -> a.logGroup().equals(alarm.logGroup())).toList();
        Engine e = Engine.restore(group, EngineOptions.defaults(),
            InstantSource.fixed(Instant.ofEpochMilli(snap.nextBoundaryMillis() - 1)), t -> {},
            snap);
        return e.minutes(alarm);
      }
    }
    throw new AssertionError("no instance holds " + alarm.logGroup());
  }

  private static String describe(AlarmTransition t) {
    return t.alarm().spec().alarmName() + " " + t.oldState() + ">" + t.newState() + " @"
        + t.time().toEpochMilli() + (t.early() ? " early" : "");
  }

  private static String describe(TransitionJson.Read r) {
    return r.alarmName() + " " + r.oldState() + ">" + r.newState() + " @" + r.timeMillis()
        + (r.early() ? " early" : "");
  }

}
