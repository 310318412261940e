package io.mcpwatch.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the committed transitions (isolation {@code read_committed}, no consumer group) from the
 * beginning to the current end: what {@code status} shows and what tests compare.
 */
final class TransitionsReader {
  private TransitionsReader() {}

  /** Every committed transition, in topic order per partition. */
  static List<TransitionJson.Read> all(StreamsSettings s, Duration timeout) {
    Properties p = s.clientProperties();
    p.put("isolation.level", "read_committed");
    p.put("enable.auto.commit", "false");
    List<TransitionJson.Read> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<PartitionInfo> infos = c.partitionsFor(s.transitionsTopic(), timeout);
      if (infos == null || infos.isEmpty()) {
        return out;
      }
      List<TopicPartition> tps = new ArrayList<>();
      infos.forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(tps, timeout));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!end.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          out.add(TransitionJson.parse(r.value()));
        }
        end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
      }
    }
    return out;
  }

  /** The latest transition per alarm (key env/alarmName). */
  static Map<String, TransitionJson.Read> latest(StreamsSettings s, Duration timeout) {
    Map<String, TransitionJson.Read> m = new LinkedHashMap<>();
    for (TransitionJson.Read r : all(s, timeout)) {
      TransitionJson.Read prev = m.get(r.env() + "/" + r.alarmName());
      if (prev == null || prev.timeMillis() <= r.timeMillis()) {
        m.put(r.env() + "/" + r.alarmName(), r);
      }
    }
    return m;
  }
}
