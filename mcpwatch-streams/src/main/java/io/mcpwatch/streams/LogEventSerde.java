package io.mcpwatch.streams;

import io.mcpwatch.engine.LogEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The repartition topic's value: a decoded event as {@code timestamp (8) | group length (4) |
 * group | message}, so the engine tasks never parse shipper JSON again.
 */
final class LogEventSerde implements Serde<LogEvent> {

  @Override
  public Serializer<LogEvent> serializer() {
    return (topic, e) -> {
      if (e == null) {
        return null;
      }
      byte[] g = e.logGroup().getBytes(StandardCharsets.UTF_8);
      byte[] m = e.message().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(12 + g.length + m.length)
          .putLong(e.timestampMillis()).putInt(g.length).put(g).put(m).array();
    };
  }

  @Override
  public Deserializer<LogEvent> deserializer() {
    return (topic, b) -> {
      if (b == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.wrap(b);
      long ts = buf.getLong();
      int gl = buf.getInt();
      String g = new String(b, 12, gl, StandardCharsets.UTF_8);
      String m = new String(b, 12 + gl, b.length - 12 - gl, StandardCharsets.UTF_8);
      return new LogEvent(g, ts, m);
    };
  }
}
