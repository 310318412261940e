package io.mcpwatch.streams;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineOptions;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.jspecify.annotations.Nullable;

/**
 * The topology:
 *
 * <pre>
 *  input topics (shipper JSON or text)
 *    → decode ({@link InputDecoder}; undecodable records are counted and dropped)
 *    → repartition by log group ({@code <applicationId>-by-log-group-repartition}, {@code partitions})
 *    → {@link EngineProcessor} (store {@code engines}: log group → engine snapshot, changelogged)
 *    → transitions topic (key env/alarmName, JSON value; exactly_once_v2)
 *
 *  transitions topic (when notifications are on)
 *    → {@link NotifyProcessor} (store {@code notified}: transition id → time; store {@code outbox}:
 *      item id → pending outbox item; both changelogged) → the core dispatcher on a wall-clock
 *      punctuator, with the real transports
 * </pre>
 */
public final class StreamsTopology {
  private StreamsTopology() {}

  /** The topology for {@code alarms} under {@code settings}, without notifications. */
  public static Topology build(
      List<ResolvedAlarm> alarms, EngineOptions options, StreamsSettings settings) {
    return build(alarms, options, settings, null);
  }

  /**
   * The topology for {@code alarms} under {@code settings}; with {@code notifications}, also the
   * sub-topology that delivers the transitions topic's notifications.
   */
  static Topology build(List<ResolvedAlarm> alarms, EngineOptions options,
      StreamsSettings settings, @Nullable Notifications notifications) {
    StreamsBuilder b = new StreamsBuilder();
    StoreBuilder<KeyValueStore<String, byte[]>> engines =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EngineProcessor.STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingEnabled()
            .withLoggingEnabled(java.util.Map.of("cleanup.policy", "compact"));
    b.addStateStore(engines);
    b.stream(settings.inputTopics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName("input"))
        .process(() -> new DecodeProcessor(alarms), Named.as("decode"))
        .repartition(Repartitioned.with(Serdes.String(), new LogEventSerde())
            .withName(StreamsSettings.BY_LOG_GROUP)
            .withNumberOfPartitions(settings.partitions()))
        .process(() -> new EngineProcessor(alarms, options, settings.clock(),
                settings.tickMillis(), settings.partitions()),
            Named.as("engine"), EngineProcessor.STORE)
        .to(settings.transitionsTopic(), Produced.with(Serdes.String(), Serdes.String())
            .withName("transitions"));
    if (notifications != null) {
      b.addStateStore(Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(NotifyProcessor.NOTIFIED),
              Serdes.String(), Serdes.Long())
          .withCachingEnabled()
          .withLoggingEnabled(java.util.Map.of("cleanup.policy", "compact")));
      b.addStateStore(Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(StoreOutbox.STORE),
              Serdes.String(), Serdes.String())
          .withCachingEnabled()
          .withLoggingEnabled(java.util.Map.of("cleanup.policy", "compact")));
      b.stream(settings.transitionsTopic(), Consumed.with(Serdes.String(), Serdes.String())
              .withName("transitions-in"))
          .process(() -> new NotifyProcessor(alarms, notifications, settings.tickMillis()),
              Named.as("notify"), NotifyProcessor.NOTIFIED, StoreOutbox.STORE);
    }
    return b.build();
  }
}
