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

/**
 * The topology:
 *
 * <pre>
 *  input topics (shipper JSON or text)
 *    → decode ({@link InputDecoder}; undecodable records are counted and dropped)
 *    → repartition by log group ({@code <applicationId>-by-log-group-repartition}, {@code partitions})
 *    → {@link EngineProcessor} (store {@code engines}: log group → engine snapshot, changelogged)
 *    → transitions topic (key env/alarmName, JSON value; exactly_once_v2)
 * </pre>
 */
public final class StreamsTopology {
  private StreamsTopology() {}

  /** The topology for {@code alarms} under {@code settings}. */
  public static Topology build(
      List<ResolvedAlarm> alarms, EngineOptions options, StreamsSettings settings) {
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
    return b.build();
  }
}
