package io.mcpwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.notify.Notifier;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.http.SigningKeys;
import io.mcpwatch.notify.mailbox.MailboxNotifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notification sub-topology: transitions from the topic become one delivery per subscriber,
 * through the core planner and dispatcher and the real mailbox transport (.eml files).
 */
class NotifyTopologyTest {
  private static final long T0 = Instant.parse("2026-03-02T10:00:00.100Z").toEpochMilli();
  private static final SigningKeys KEYS = SigningKeys.generate(InstantSource.system());

  @TempDir Path dir;

  private LoadedConfig config;
  private Path mailbox;
  /** Every send the mailbox transport made, by item id (a repeat shows up twice). */
  private final List<String> sends = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    // a copy next to the temp dir, so notifications.mailboxDir (relative to the file) is in it
    Path file = dir.resolve("mcpwatch.yaml");
    try (var in = Fixture.class.getResourceAsStream("streams-notify.yaml")) {
      Files.copy(in, file);
    }
    config = ConfigFiles.load(file);
    mailbox = dir.resolve("mcpwatch-data/mailbox");
  }

  /** The configuration's transports, with the e-mail one counted. */
  private Notifications notifications() {
    Notifications real = Notifications.of(config, KEYS);
    return new Notifications(real.settings(), real.signer(), real.topics(), (b, clock) -> {
      real.transports().register(b, clock);
      MailboxNotifier m = new MailboxNotifier(mailbox, "mcpwatch@localhost", clock);
      Notifier counting = item -> {
        m.send(item);
        sends.add(item.id());
      };
      b.notifier(counting, Protocol.EMAIL, Protocol.EMAIL_JSON);
    });
  }

  private TopologyTestDriver driver() {
    StreamsSettings s = Fixture.settings("unused:9092", StreamsSettings.ClockMode.WALL,
        dir.resolve("state")).withPartitions(1);
    Properties p = s.streamsProperties();
    return new TopologyTestDriver(StreamsTopology.build(config.alarms(), EngineOptions.defaults(),
        s, notifications()), p, Instant.ofEpochMilli(T0));
  }

  private List<Path> mails() {
    if (!Files.isDirectory(mailbox)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(mailbox)) {
      return s.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ResolvedAlarm alarm(String env, String app) {
    return config.alarms().stream().filter(a -> a.env().equals(env) && a.app().equals(app))
        .findFirst().orElseThrow();
  }

  private String toAlarm(ResolvedAlarm a, long at) {
    return TransitionJson.toJson(new AlarmTransition(a, Instant.ofEpochMilli(at),
        AlarmState.OK, AlarmState.ALARM, "Threshold Crossed: 1 datapoint [3.0] was greater than"
        + " or equal to the threshold (3.0).", "{}", true, a.spec().alarmActions()));
  }

  @Test
  void logLines_thatFireAnAlarm_giveOneMailPerSubscriberOfItsTopic() {
    try (TopologyTestDriver d = driver()) {
      TestInputTopic<byte[], byte[]> in = d.createInputTopic("mcp-logs",
          new ByteArraySerializer(), new ByteArraySerializer());
      for (int i = 0; i < 3; i++) {
        LogEvent e = new LogEvent("/ecs/prod/teams", T0 + 1000 + i, Fixture.FAIL);
        in.pipeInput(null, Fixture.json(e).getBytes(StandardCharsets.UTF_8), e.timestampMillis());
      }
      d.advanceWallClockTime(Duration.ofSeconds(2));

      List<Path> alarmMails = mails().stream()
          .filter(p -> read(p).contains("Subject: ALARM: \"teams-prod-auth-failures\""))
          .toList();
      assertThat(alarmMails).hasSize(2);
      assertThat(alarmMails).extracting(p -> p.getParent().getFileName().toString())
          .containsExactlyInAnyOrder("oncall@example.com", "security@example.com");
      assertThat(sends).doesNotHaveDuplicates().hasSize(mails().size());
      KeyValueStore<String, String> outbox = d.getKeyValueStore(StoreOutbox.STORE);
      assertThat(outbox.approximateNumEntries()).isZero();
    }
  }

  @Test
  void transitionRecord_twice_isDeliveredOncePerSubscriber() {
    try (TopologyTestDriver d = driver()) {
      TestInputTopic<String, String> transitions = d.createInputTopic("mcpwatch-transitions",
          new StringSerializer(), new StringSerializer());
      ResolvedAlarm a = alarm("prod", "files");
      String t = toAlarm(a, T0 + 500);
      String key = a.env() + "/" + a.spec().alarmName();
      transitions.pipeInput(key, t);
      transitions.pipeInput(key, t); // before the dispatch
      d.advanceWallClockTime(Duration.ofSeconds(2));
      transitions.pipeInput(key, t); // after it
      d.advanceWallClockTime(Duration.ofSeconds(2));

      assertThat(sends).hasSize(2).doesNotHaveDuplicates();
      assertThat(mails()).hasSize(2);
      assertThat(mails()).allSatisfy(p -> assertThat(read(p))
          .contains("Subject: ALARM: \"files-prod-auth-failures\""));
    }
  }

  @Test
  void transitionRecord_ofTheDevTopic_goesToItsOneSubscriberOnly_andHostileRecordsAreSkipped() {
    try (TopologyTestDriver d = driver()) {
      TestInputTopic<String, String> transitions = d.createInputTopic("mcpwatch-transitions",
          new StringSerializer(), new StringSerializer());
      ResolvedAlarm a = alarm("dev", "teams");
      transitions.pipeInput(a.env() + "/" + a.spec().alarmName(), toAlarm(a, T0 + 500));
      transitions.pipeInput("x", "not a transition");
      transitions.pipeInput("y", toAlarm(a, T0 + 600).replace("\"newState\":\"ALARM\"",
          "\"newState\":\"BOGUS\""));
      transitions.pipeInput("z", "{\"id\":\"only an id\"}");
      d.advanceWallClockTime(Duration.ofSeconds(2));

      assertThat(mails()).singleElement()
          .satisfies(p -> assertThat(p.getParent().getFileName()).hasToString("dev@example.com"));
    }
  }

  // --- restarts: a new processor over the stores as the changelog restores them ---

  private static <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common
      .serialization.Serde<V> serde, MockProcessorContext<Void, Void> ctx) {
    KeyValueStore<String, V> s = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
        Serdes.String(), serde).withLoggingDisabled().build();
    s.init(ctx.getStateStoreContext(), s);
    ctx.addStateStore(s);
    return s;
  }

  /** A task on a new instance: a new context, stores restored from {@code from}'s contents. */
  private record Task(NotifyProcessor processor, MockProcessorContext<Void, Void> ctx,
      KeyValueStore<String, Long> notified, KeyValueStore<String, String> outbox) {
    void punctuate(long wall) {
      ctx.setCurrentSystemTimeMs(wall);
      ctx.scheduledPunctuators().get(0).getPunctuator().punctuate(wall);
    }
  }

  private Task task(Task from) {
    MockProcessorContext<Void, Void> ctx = new MockProcessorContext<>();
    ctx.setCurrentSystemTimeMs(T0);
    KeyValueStore<String, Long> notified = store(NotifyProcessor.NOTIFIED, Serdes.Long(), ctx);
    KeyValueStore<String, String> outbox = store(StoreOutbox.STORE, Serdes.String(), ctx);
    if (from != null) {
      from.notified().all().forEachRemaining(kv -> notified.put(kv.key, kv.value));
      from.outbox().all().forEachRemaining(kv -> outbox.put(kv.key, kv.value));
    }
    NotifyProcessor p = new NotifyProcessor(config.alarms(), notifications(), 1000);
    p.init(ctx);
    return new Task(p, ctx, notified, outbox);
  }

  @Test
  void restart_afterDelivery_doesNotResendWhenTheTransitionIsReplayed() {
    ResolvedAlarm a = alarm("prod", "teams");
    Record<String, String> r = new Record<>("k", toAlarm(a, T0), T0);
    Task first = task(null);
    first.processor().process(r);
    first.punctuate(T0 + 1000);
    assertThat(sends).hasSize(2);

    // the next owner replays the transition (its offset was not committed yet) and dispatches
    Task second = task(first);
    second.processor().process(r);
    second.punctuate(T0 + 2000);
    assertThat(sends).hasSize(2);
    assertThat(second.processor().duplicates()).isOne();
    assertThat(mails()).hasSize(2);
  }

  @Test
  void restart_beforeDispatch_deliversThePlannedItemsFromTheRestoredOutbox() {
    ResolvedAlarm a = alarm("prod", "teams");
    Task first = task(null);
    first.processor().process(new Record<>("k", toAlarm(a, T0), T0));
    assertThat(first.outbox().approximateNumEntries()).isEqualTo(2);
    assertThat(sends).isEmpty();

    Task second = task(first);
    second.punctuate(T0 + 1000);
    assertThat(sends).hasSize(2).doesNotHaveDuplicates();
    assertThat(second.outbox().approximateNumEntries()).isZero();
    second.punctuate(T0 + 2000);
    assertThat(sends).hasSize(2);
  }

  @Test
  void outboxItem_roundTripsThroughTheStoreCodec() {
    ResolvedAlarm a = alarm("prod", "teams");
    Task t = task(null);
    t.processor().process(new Record<>("k", toAlarm(a, T0), T0));
    List<OutboxItem> items = new ArrayList<>();
    t.outbox().all().forEachRemaining(kv -> items.add(OutboxItemCodec.decode(kv.value)));
    assertThat(items).hasSize(2);
    for (OutboxItem i : items) {
      assertThat(OutboxItemCodec.decode(OutboxItemCodec.encode(i))).isEqualTo(i);
      assertThat(i.createdAt()).isEqualTo(Instant.ofEpochMilli(T0));
    }
  }
}
