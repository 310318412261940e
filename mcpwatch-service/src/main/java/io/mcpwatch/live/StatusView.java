package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.replay.BacktestReport;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.EngineStats;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.source.read.ReaderStats;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.PossibleGaps;
import io.mcpwatch.storage.state.AlarmView;
import io.mcpwatch.storage.state.CheckpointView;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.SourceCheckpoint;
import io.mcpwatch.storage.state.StatusReader;
import io.mcpwatch.storage.state.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code mcpwatch status} prints, from the database's {@link StatusReport} and the
 * configuration: every alarm's state, reason, last transition and the minute aggregates inside
 * its evaluation range; each source's checkpoint; the outbox. The JSON form uses, per alarm, the
 * same object as {@code backtest --format json} (with {@code finalState} = the current state),
 * plus the current reason and times.
 */
public final class StatusView {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_MS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HM =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final int HISTORY_LIMIT = 500;
  private static final int STUCK_AFTER_ATTEMPTS = 4;

  private final StatusReport report;
  private final List<Entry> entries = new ArrayList<>();
  private final List<AlarmView> unknown = new ArrayList<>();
  private final List<ResolvedAlarm> notRunning = new ArrayList<>();
  private final String database;
  private final Instant now;

  /** One alarm of the configuration with its stored state and transitions. */
  private record Entry(ResolvedAlarm alarm, AlarmView view, List<AlarmTransition> transitions) {}

  /**
   * @param configured every configured alarm
   * @param shown which of them to show; when it hides any, stored alarms that are no longer
   *     configured are not listed either
   * @param history an alarm's history (env, alarm name), newest first
   */
  public StatusView(
      StatusReport report,
      List<ResolvedAlarm> configured,
      Predicate<ResolvedAlarm> shown,
      BiFunction<String, String, List<HistoryItem>> history,
      String database,
      Instant now) {
    this.report = report;
    this.database = database;
    this.now = now;
    Map<String, AlarmView> views = new HashMap<>();
    report.alarms().forEach(v -> views.put(key(v.env(), v.alarmName()), v));
    Set<String> known = new HashSet<>();
    boolean all = true;
    for (ResolvedAlarm a : configured) {
      String key = key(a.env(), a.spec().alarmName());
      known.add(key);
      if (!shown.test(a)) {
        all = false;
        continue;
      }
      AlarmView v = views.get(key);
      if (v == null) {
        notRunning.add(a);
        continue;
      }
      entries.add(new Entry(a, v, transitions(a, history.apply(a.env(), a.spec().alarmName()))));
    }
    if (all) {
      for (AlarmView v : report.alarms()) {
        if (!known.contains(key(v.env(), v.alarmName()))) {
          unknown.add(v);
        }
      }
    }
  }

  /**
   * Reads the state from {@code db} (a read-only connection will do).
   *
   * @param shown which configured alarms to show
   */
  public static StatusView read(
      Database db,
      List<ResolvedAlarm> configured,
      Predicate<ResolvedAlarm> shown,
      int extraRangeDatapoints,
      Instant now) {
    StatusReader reader = new StatusReader(db);
    StatusReport report = reader.report(now, extraRangeDatapoints, STUCK_AFTER_ATTEMPTS);
    return new StatusView(report, configured, shown,
        (env, name) -> reader.history(env, name, HISTORY_LIMIT), db.config().describe(), now);
  }

  private static String key(String env, String alarmName) {
    return env + '\u0000' + alarmName;
  }

  /** State transitions from history items (newest first), oldest first. */
  static List<AlarmTransition> transitions(ResolvedAlarm a, List<HistoryItem> newestFirst) {
    List<AlarmTransition> out = new ArrayList<>();
    long step = a.spec().highResolution() ? 10_000L : 60_000L;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      HistoryItem h = newestFirst.get(i);
      if (h.type() != HistoryItem.Type.StateUpdate) {
        continue;
      }
      JsonNode data = JSON.readTree(h.data());
      JsonNode oldState = data.path("oldState");
      JsonNode newState = data.path("newState");
      JsonNode reasonData = newState.get("stateReasonData");
      // scheduled transitions are stamped with their boundary, early ones with the time they fired
      boolean early = h.timestamp().toEpochMilli() % step != 0;
      out.add(new AlarmTransition(a, h.timestamp(),
          AlarmState.valueOf(oldState.path("stateValue").asString()),
          AlarmState.valueOf(newState.path("stateValue").asString()),
          newState.path("stateReason").asString(),
          reasonData == null ? "{}" : JSON.writeValueAsString(reasonData), early, List.of()));
    }
    return out;
  }

  /** The JSON document. */
  public String json() {
    List<Replay.AlarmResult> results = new ArrayList<>();
    for (Entry e : entries) {
      results.add(new Replay.AlarmResult(e.alarm(), e.view().matchedEvents(), e.view().minutes(),
          e.transitions(), e.view().state(), e.view().reason()));
    }
    Replay.Summary none = new Replay.Summary(0, 0, 0, new EngineStats(0, 0, 0, 0, 0, 0),
        ReaderStats.empty(), null, null);
    ArrayNode shaped =
        (ArrayNode) JSON.readTree(BacktestReport.json(new Replay.Result(results, none), ""))
            .get("alarms");
    ObjectNode root = JSON.createObjectNode();
    root.put("database", database);
    root.put("commitNumber", report.commitNumber());
    root.put("committedAt", iso(report.committedAt()));
    root.put("nextBoundary", iso(report.nextBoundary()));
    ArrayNode alarms = root.putArray("alarms");
    for (int i = 0; i < entries.size(); i++) {
      ObjectNode o = (ObjectNode) shaped.get(i);
      AlarmView v = entries.get(i).view();
      o.put("stateReason", v.reason());
      o.put("lastTransition", iso(v.lastTransition()));
      o.put("lastEvaluated", iso(v.lastEvaluated()));
      o.put("rangeStart", iso(v.rangeStart()));
      o.put("rangeEnd", iso(v.rangeEnd()));
      alarms.add(o);
    }
    ArrayNode gone = root.putArray("alarmsNotInConfiguration");
    unknown.forEach(v -> gone.addObject().put("env", v.env()).put("alarmName", v.alarmName())
        .put("state", v.state().name()));
    ArrayNode waiting = root.putArray("alarmsNotYetRunning");
    notRunning.forEach(a -> waiting.addObject().put("env", a.env())
        .put("alarmName", a.spec().alarmName()));
    ArrayNode sources = root.putArray("sources");
    for (CheckpointView c : report.checkpoints()) {
      ObjectNode s = sources.addObject();
      s.put("key", c.sourceKey());
      s.put("updatedAt", iso(c.updatedAt()));
      if (c.checkpoint() instanceof SourceCheckpoint.Files) {
        ArrayNode files = s.putArray("files");
        for (FileCheckpoint f : ((SourceCheckpoint.Files) c.checkpoint()).files()) {
          files.addObject().put("path", f.path()).put("fileKey", f.fileKey())
              .put("offset", f.offset());
        }
        PossibleGaps gaps = ((SourceCheckpoint.Files) c.checkpoint()).gaps();
        if (!gaps.isEmpty()) {
          s.putObject("possibleGaps").put("count", gaps.count())
              .put("lastAt", iso(gaps.lastAt())).put("lastReason", gaps.lastReason());
        }
      } else if (c.checkpoint() instanceof SourceCheckpoint.Opaque) {
        s.put("position", ((SourceCheckpoint.Opaque) c.checkpoint()).text());
      }
    }
    ObjectNode outbox = root.putObject("outbox");
    outbox.put("pending", report.outbox().pending());
    outbox.put("stuck", report.outbox().stuck());
    outbox.put("failed", report.outbox().failed());
    outbox.put("oldestPendingCreatedAt", iso(report.outbox().oldestPendingCreatedAt()));
    ObjectNode subs = root.putObject("subscriptions");
    for (SubscriptionStatus st : SubscriptionStatus.values()) {
      subs.put(st.name(), report.subscriptions().stream().filter(x -> x.status() == st).count());
    }
    return JSON.writeValueAsString(root) + "\n";
  }

  /** The text for people. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    if (report.committedAt() == null) {
      sb.append("No state committed yet in ").append(database).append(".\n");
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT,
        "%d alarms; last commit #%d at %s (%s ago), next evaluation %s%n%n", entries.size(),
        report.commitNumber(), ISO.format(report.committedAt()),
        ago(Duration.between(report.committedAt(), now)),
        report.nextBoundary() == null ? "-" : ISO.format(report.nextBoundary())));
    for (Entry e : entries) {
      AlarmView v = e.view();
      AlarmTransition last = e.transitions().isEmpty() ? null
          : e.transitions().get(e.transitions().size() - 1);
      sb.append(String.format(Locale.ROOT, "%-40s %-17s since %s%s%n", v.alarmName(),
          v.state(), ISO.format(v.lastTransition()),
          last != null && last.early() ? " (early)" : ""));
      sb.append("  ").append(v.reason()).append('\n');
      sb.append("  minutes ").append(HM.format(v.rangeStart())).append('-')
          .append(HM.format(v.rangeEnd())).append(": ").append(minutes(v.minutes()))
          .append(String.format(Locale.ROOT, "   matched %,d%n", v.matchedEvents()));
    }
    for (AlarmView v : unknown) {
      sb.append(String.format(Locale.ROOT, "%n%-40s %-17s (no longer in the configuration)%n",
          v.alarmName(), v.state()));
    }
    for (ResolvedAlarm a : notRunning) {
      sb.append(String.format(Locale.ROOT, "%n%-40s (not running yet: restart or reload)%n",
          a.spec().alarmName()));
    }
    sb.append("\nsources:\n");
    if (report.checkpoints().isEmpty()) {
      sb.append("  none\n");
    }
    for (CheckpointView c : report.checkpoints()) {
      sb.append("  ").append(c.sourceKey()).append('\n');
      if (c.checkpoint() instanceof SourceCheckpoint.Files) {
        List<FileCheckpoint> files = ((SourceCheckpoint.Files) c.checkpoint()).files();
        if (files.isEmpty()) {
          sb.append("    (no file yet)\n");
        }
        for (FileCheckpoint f : files) {
          sb.append(String.format(Locale.ROOT, "    %s at byte %,d%n", f.path(), f.offset()));
        }
        PossibleGaps gaps = ((SourceCheckpoint.Files) c.checkpoint()).gaps();
        if (!gaps.isEmpty()) {
          sb.append(String.format(Locale.ROOT, "    possible gaps: %d, last at %s: %s%n",
              gaps.count(), iso(gaps.lastAt()), gaps.lastReason()));
        }
      }
    }
    sb.append(String.format(Locale.ROOT, "outbox: %d pending, %d stuck, %d failed%n",
        report.outbox().pending(), report.outbox().stuck(), report.outbox().failed()));
    long confirmed = count(report.subscriptions(), SubscriptionStatus.CONFIRMED);
    long pending = count(report.subscriptions(), SubscriptionStatus.PENDING_CONFIRMATION);
    sb.append(String.format(Locale.ROOT,
        "subscriptions: %d confirmed, %d pending confirmation (mcpwatch subscriptions list)%n",
        confirmed, pending));
    return sb.toString();
  }

  private static long count(List<Subscription> subs, SubscriptionStatus status) {
    return subs.stream().filter(s -> s.status() == status).count();
  }

  private static String minutes(List<MinuteAggregate> ms) {
    if (ms.isEmpty()) {
      return "no data";
    }
    StringBuilder sb = new StringBuilder();
    for (MinuteAggregate m : ms) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(HM.format(m.start())).append('=').append(num(m.sum()));
    }
    return sb.toString();
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String ago(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
  }

  private static @Nullable String iso(@Nullable Instant t) {
    return t == null ? null : t.toEpochMilli() % 1000 == 0 ? ISO.format(t) : ISO_MS.format(t);
  }
}
