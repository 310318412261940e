package io.mcpwatch.streams;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@code kafka:} section of the configuration file.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param applicationId the Kafka Streams application id (consumer group, prefix of internal topics)
 * @param inputTopics topics holding log events ({@link InputDecoder} lists the shapes)
 * @param transitionsTopic where alarm state transitions are written
 * @param partitions partitions of the by-log-group repartition topic: the unit of parallelism
 * @param clock {@link ClockMode#WALL} (live: evaluate at wall-clock minute boundaries) or {@link
 *     ClockMode#EVENT} (reprocess history: each log group's clock follows its events, as backtest)
 * @param stateDir where RocksDB keeps the local copy of the stores
 * @param tickMillis how often the wall-clock punctuator runs due evaluations and dispatches
 * @param properties passed through to every Kafka client (security settings, tuning)
 */
public record StreamsSettings(
    String bootstrapServers,
    String applicationId,
    List<String> inputTopics,
    String transitionsTopic,
    int partitions,
    ClockMode clock,
    Path stateDir,
    long tickMillis,
    Map<String, String> properties) {

  /** How the engines' clock moves. */
  public enum ClockMode {
    WALL,
    EVENT
  }

  public StreamsSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(applicationId, "applicationId");
    inputTopics = List.copyOf(inputTopics);
    Objects.requireNonNull(transitionsTopic, "transitionsTopic");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(stateDir, "stateDir");
    properties = Map.copyOf(properties);
    if (inputTopics.isEmpty()) {
      throw new IllegalArgumentException("inputTopics is empty");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions < 1");
    }
  }

  /** The same settings with another partition count. */
  public StreamsSettings withPartitions(int n) {
    return new StreamsSettings(bootstrapServers, applicationId, inputTopics, transitionsTopic, n,
        clock, stateDir, tickMillis, properties);
  }

  /** The repartition topic's name suffix (Kafka Streams prefixes the application id). */
  static final String BY_LOG_GROUP = "by-log-group";

  /**
   * The Kafka Streams configuration: exactly_once_v2, the given properties passed through last
   * (so a user can tune anything except the processing guarantee).
   */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    p.putAll(properties);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return p;
  }

  /** Properties for a plain client (consumer or producer) of the same cluster. */
  public Properties clientProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    properties.forEach(
        (k, v) -> {
          if (!k.startsWith("consumer.") && !k.startsWith("producer.") && isClientKey(k)) {
            p.put(k, v);
          }
        });
    return p;
  }

  private static boolean isClientKey(String k) {
    return k.startsWith("security.")
        || k.startsWith("sasl.")
        || k.startsWith("ssl.")
        || k.equals("client.dns.lookup");
  }
}
