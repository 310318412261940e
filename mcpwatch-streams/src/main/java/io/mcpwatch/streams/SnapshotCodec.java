package io.mcpwatch.streams;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.metrics.MetricKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@link EngineSnapshot} to bytes and back, for the engines store. The alarm definitions are not
 * stored: on decode each alarm takes its spec from the running configuration (matched by
 * environment and alarm name, as {@code Engine.restore} matches), and an alarm no longer configured
 * is dropped. Version 1 layout: a version int, the engine's clock when it was saved (the event
 * clock resumes there after a failover), then plain {@link DataOutputStream} fields.
 */
final class SnapshotCodec {
  private static final int VERSION = 1;

  private final Map<String, AlarmSpec> specs = new HashMap<>();

  SnapshotCodec(List<ResolvedAlarm> alarms) {
    for (ResolvedAlarm a : alarms) {
      specs.put(a.env() + "/" + a.spec().alarmName(), a.spec());
    }
  }

  static byte[] encode(EngineSnapshot s, long clockMillis) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(VERSION);
      out.writeLong(clockMillis);
      out.writeLong(s.nextBoundaryMillis());
      out.writeInt(s.alarms().size());
      for (EngineSnapshot.AlarmSnapshot a : s.alarms()) {
        str(out, a.env());
        str(out, a.alarmName());
        str(out, a.state().name());
        str(out, a.reason());
        nullable(out, a.reasonData());
        out.writeLong(a.transitionedMillis());
        out.writeLong(a.lastEvaluatedMillis());
        out.writeLong(a.matchedEvents());
        out.writeInt(a.history().size());
        for (HistoryItem h : a.history()) {
          str(out, h.alarmName());
          str(out, h.alarmType());
          out.writeLong(h.timestamp().toEpochMilli());
          str(out, h.type().name());
          str(out, h.summary());
          str(out, h.data());
        }
      }
      out.writeInt(s.series().size());
      for (EngineSnapshot.SeriesSnapshot ss : s.series()) {
        MetricKey k = ss.key();
        str(out, k.env());
        str(out, k.namespace());
        str(out, k.metricName());
        out.writeInt(k.dimensions().size());
        for (Map.Entry<String, String> d : k.dimensions().entrySet()) {
          str(out, d.getKey());
          str(out, d.getValue());
        }
        nullable(out, ss.unit());
        out.writeInt(ss.buckets().size());
        for (EngineSnapshot.Bucket b : ss.buckets()) {
          out.writeLong(b.startMillis());
          out.writeDouble(b.sum());
          out.writeLong(b.count());
          out.writeDouble(b.min());
          out.writeDouble(b.max());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The snapshot, with specs from the running configuration. */
  EngineSnapshot decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IllegalStateException("engine snapshot version " + version + " is not "
            + VERSION + " (written by another mcpwatch version)");
      }
      in.readLong(); // the clock: clockOf
      long next = in.readLong();
      int n = in.readInt();
      List<EngineSnapshot.AlarmSnapshot> alarms = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String env = str(in);
        String name = str(in);
        AlarmState state = AlarmState.valueOf(str(in));
        String reason = str(in);
        String reasonData = nullable(in);
        long transitioned = in.readLong();
        long lastEvaluated = in.readLong();
        long matched = in.readLong();
        int h = in.readInt();
        List<HistoryItem> history = new ArrayList<>(h);
        for (int j = 0; j < h; j++) {
          history.add(new HistoryItem(str(in), str(in), Instant.ofEpochMilli(in.readLong()),
              HistoryItem.Type.valueOf(str(in)), str(in), str(in)));
        }
        AlarmSpec spec = specs.get(env + "/" + name);
        if (spec != null) {
          alarms.add(new EngineSnapshot.AlarmSnapshot(env, name, spec, state, reason, reasonData,
              transitioned, lastEvaluated, matched, history));
        }
      }
      int ns = in.readInt();
      List<EngineSnapshot.SeriesSnapshot> series = new ArrayList<>(ns);
      for (int i = 0; i < ns; i++) {
        String env = str(in);
        String namespace = str(in);
        String metric = str(in);
        int nd = in.readInt();
        Map<String, String> dims = new LinkedHashMap<>();
        for (int j = 0; j < nd; j++) {
          dims.put(str(in), str(in));
        }
        String unit = nullable(in);
        int nb = in.readInt();
        List<EngineSnapshot.Bucket> buckets = new ArrayList<>(nb);
        for (int j = 0; j < nb; j++) {
          buckets.add(new EngineSnapshot.Bucket(in.readLong(), in.readDouble(), in.readLong(),
              in.readDouble(), in.readDouble()));
        }
        series.add(new EngineSnapshot.SeriesSnapshot(
            new MetricKey(env, namespace, metric, dims), unit, buckets));
      }
      return new EngineSnapshot(next, alarms, series);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The engine's clock when the snapshot was saved. */
  static long clockOf(byte[] data) {
    return java.nio.ByteBuffer.wrap(data, 4, 8).getLong();
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static void nullable(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      str(out, s);
    }
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("corrupt engine snapshot (string of " + n + " bytes)");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static @Nullable String nullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? str(in) : null;
  }
}
