package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.replay.BacktestReport;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.EngineStats;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscriber;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.source.read.ReaderStats;
import io.mcpwatch.source.tail.FileCheckpoint;
import io.mcpwatch.source.tail.PossibleGaps;
import io.mcpwatch.storage.state.AlarmView;
import io.mcpwatch.storage.state.CheckpointView;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.state.ServiceRun;
import io.mcpwatch.storage.state.SourceCheckpoint;
import io.mcpwatch.storage.state.StatusReader;
import io.mcpwatch.storage.state.StatusReport;
import io.mcpwatch.storage.state.Undelivered;
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
 * configuration: whether the service runs (and where it listens), every alarm's state, reason,
 * last transition and the minute aggregates inside its evaluation range; each source's
 * checkpoint; the outbox with the causes of failed and stuck notifications. The JSON form uses,
 * per alarm, the same object as {@code backtest --format json} (with {@code finalState} = the
 * current state), plus the current reason and times.
 *
 * <p>Without a configuration ({@link #readStoredOnly}: the file has errors) it shows the alarms as
 * the service last committed them, without their definitions.
 *
 * <p>The text is a list of sections ({@link #text}); a new line of facts goes into {@link
 * #header} or its own section.
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
  private final ServiceState service;
  private final boolean configured;
  private final List<Entry> entries = new ArrayList<>();
  private final List<AlarmView> unknown = new ArrayList<>();
  private final List<ResolvedAlarm> notRunning = new ArrayList<>();
  private final String database;
  private final Instant now;
  /** The apps whose sources are listed; null: every source (nothing is filtered). */
  private final @Nullable Set<String> sourceApps;

  /**
   * One alarm with its stored state and transitions.
   *
   * @param alarm its definition, or null without a configuration
   * @param lastEarly whether the last state change fired early
   */
  private record Entry(
      @Nullable ResolvedAlarm alarm,
      AlarmView view,
      List<AlarmTransition> transitions,
      boolean lastEarly) {}

  /**
   * Whether a service holds the database now, and the last run it recorded.
   *
   * @param running a writer holds the database's lock
   * @param lastRun what the last {@code mcpwatch run} recorded (pid, address), or null
   */
  public record ServiceState(boolean running, @Nullable ServiceRun lastRun) {
    /** Reads both from {@code db}. */
    public static ServiceState of(Database db) {
      return new ServiceState(db.writerActive(), ServiceRun.last(db).orElse(null));
    }
  }

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
    this(report, new ServiceState(false, null), configured, true, shown, history, database, now);
  }

  /**
   * @param service whether the service runs
   * @param configured the configured alarms
   * @param complete whether {@code configured} is every configured alarm (not only one app's)
   * @param shown which of them to show; when it hides any, or {@code configured} is not
   *     complete, stored alarms that are no longer configured are not listed either
   * @param history an alarm's history (env, alarm name), newest first
   */
  public StatusView(
      StatusReport report,
      ServiceState service,
      List<ResolvedAlarm> configured,
      boolean complete,
      Predicate<ResolvedAlarm> shown,
      BiFunction<String, String, List<HistoryItem>> history,
      String database,
      Instant now) {
    this.report = report;
    this.service = service;
    this.configured = true;
    this.database = database;
    this.now = now;
    Map<String, AlarmView> views = new HashMap<>();
    report.alarms().forEach(v -> views.put(key(v.env(), v.alarmName()), v));
    Set<String> known = new HashSet<>();
    boolean all = complete;
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
      List<AlarmTransition> ts = transitions(a, history.apply(a.env(), a.spec().alarmName()));
      entries.add(new Entry(a, v, ts, !ts.isEmpty() && ts.get(ts.size() - 1).early()));
    }
    Set<String> apps = null;
    if (all) {
      for (AlarmView v : report.alarms()) {
        if (!known.contains(key(v.env(), v.alarmName()))) {
          unknown.add(v);
        }
      }
    } else { // one app's status: its sources only, not those of 2,500 others
      apps = new HashSet<>();
      for (ResolvedAlarm a : configured) {
        if (shown.test(a)) {
          apps.add(a.app());
        }
      }
    }
    this.sourceApps = apps;
  }

  /** The sources listed: all, or those of the apps shown (a key names its app: {@code file:ENV/APP:...}). */
  private List<CheckpointView> sources() {
    if (sourceApps == null) {
      return report.checkpoints();
    }
    List<CheckpointView> out = new ArrayList<>();
    for (CheckpointView c : report.checkpoints()) {
      String app = appOf(c.sourceKey());
      if (app == null || sourceApps.contains(app)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The app in a source key ({@code TYPE:ENV/APP...}, ENV may be {@code *}), or null. */
  static @Nullable String appOf(String sourceKey) {
    int colon = sourceKey.indexOf(':');
    int slash = colon < 0 ? -1 : sourceKey.indexOf('/', colon + 1);
    if (slash < 0) {
      return null;
    }
    int end = sourceKey.indexOf(':', slash + 1);
    String app = sourceKey.substring(slash + 1, end < 0 ? sourceKey.length() : end);
    return app.isEmpty() ? null : app;
  }

  /** Every stored alarm, without definitions (no configuration to read them from). */
  private StatusView(StatusReport report, ServiceState service, String database, Instant now) {
    this.report = report;
    this.service = service;
    this.configured = false;
    this.database = database;
    this.now = now;
    this.sourceApps = null;
    for (AlarmView v : report.alarms()) {
      long step = v.periodSeconds() < 60 ? 10_000L : 60_000L;
      entries.add(new Entry(null, v, List.of(), v.lastTransition().toEpochMilli() % step != 0));
    }
  }

  /**
   * Reads the state from {@code db} (a read-only connection will do); minute aggregates and history
   * are read only for the alarms shown.
   *
   * @param shown which configured alarms to show
   */
  public static StatusView read(
      Database db,
      List<ResolvedAlarm> configured,
      Predicate<ResolvedAlarm> shown,
      int extraRangeDatapoints,
      Instant now) {
    return read(db, configured, true, shown, extraRangeDatapoints, now);
  }

  /**
   * Reads the state from {@code db} (a read-only connection will do); minute aggregates and history
   * are read only for the alarms shown.
   *
   * @param configured the configured alarms
   * @param complete whether {@code configured} is every configured alarm ({@code status --app}
   *     resolves one app's only)
   * @param shown which of them to show
   */
  public static StatusView read(
      Database db,
      List<ResolvedAlarm> configured,
      boolean complete,
      Predicate<ResolvedAlarm> shown,
      int extraRangeDatapoints,
      Instant now) {
    Set<String> wanted = new HashSet<>();
    Set<String> names = new java.util.LinkedHashSet<>();
    for (ResolvedAlarm a : configured) {
      if (shown.test(a)) {
        wanted.add(key(a.env(), a.spec().alarmName()));
        names.add(a.spec().alarmName());
      }
    }
    boolean all = complete && wanted.size() == configured.size();
    StatusReader reader = new StatusReader(db);
    // a few alarms (one app, one alarm) are read by name; all of them in one scan
    StatusReport report = reader.report(now, extraRangeDatapoints, STUCK_AFTER_ATTEMPTS,
        (env, name) -> all || wanted.contains(key(env, name)),
        all || names.size() > 500 ? null : names);
    return new StatusView(report, ServiceState.of(db), configured, complete, shown,
        (env, name) -> reader.history(env, name, HISTORY_LIMIT), db.config().describe(), now);
  }

  /**
   * Reads every stored alarm from {@code db} without a configuration (its file has errors): states,
   * reasons and minutes as the service last committed them.
   */
  public static StatusView readStoredOnly(Database db, int extraRangeDatapoints, Instant now) {
    StatusReport report =
        new StatusReader(db).report(now, extraRangeDatapoints, STUCK_AFTER_ATTEMPTS);
    return new StatusView(report, ServiceState.of(db), db.config().describe(), now);
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
      if (e.alarm() != null) {
        results.add(new Replay.AlarmResult(e.alarm(), e.view().matchedEvents(),
            e.view().minutes(), e.transitions(), e.view().state(), e.view().reason()));
      }
    }
    Replay.Summary none = new Replay.Summary(0, 0, 0, new EngineStats(0, 0, 0, 0, 0, 0),
        ReaderStats.empty(), null, null);
    ArrayNode shaped =
        (ArrayNode) JSON.readTree(BacktestReport.json(new Replay.Result(results, none), ""))
            .get("alarms");
    ObjectNode root = JSON.createObjectNode();
    root.put("database", database);
    root.put("configuration", configured ? "read" : "has errors: alarms as last committed");
    ObjectNode svc = root.putObject("service");
    svc.put("running", service.running());
    ServiceRun run = service.lastRun();
    if (run != null) {
      svc.put("pid", run.pid());
      svc.put("host", run.hostName());
      svc.put("listenUrl", run.listenUrl());
      svc.put("startedAt", iso(run.startedAt()));
      svc.put("stoppedAt", iso(run.stoppedAt()));
    }
    root.put("commitNumber", report.commitNumber());
    root.put("committedAt", iso(report.committedAt()));
    root.put("nextBoundary", iso(report.nextBoundary()));
    ArrayNode alarms = root.putArray("alarms");
    for (int i = 0; i < entries.size(); i++) {
      AlarmView v = entries.get(i).view();
      ObjectNode o;
      if (configured) {
        o = (ObjectNode) shaped.get(i);
      } else {
        o = JSON.createObjectNode();
        o.put("alarmName", v.alarmName());
        o.put("env", v.env());
        o.put("matchedEvents", v.matchedEvents());
        o.put("finalState", v.state().name());
      }
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
    List<CheckpointView> listed = sources();
    if (listed.size() < report.checkpoints().size()) {
      root.put("sourcesOfOtherApps", report.checkpoints().size() - listed.size());
    }
    for (CheckpointView c : listed) {
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
    ArrayNode undelivered = outbox.putArray("undelivered");
    for (Undelivered u : report.undelivered()) {
      undelivered.addObject().put("status", u.status()).put("alarmName", u.alarmName())
          .put("kind", u.kind()).put("subject", u.subject())
          .put("protocol", u.protocol().toLowerCase(Locale.ROOT))
          .put("endpoint", shown(u)).put("createdAt", iso(u.createdAt()))
          .put("attempts", u.attempts()).put("lastError", u.lastError());
    }
    ObjectNode subs = root.putObject("subscriptions");
    for (SubscriptionStatus st : SubscriptionStatus.values()) {
      subs.put(st.name(), report.subscriptions().stream().filter(x -> x.status() == st).count());
    }
    return JSON.writeValueAsString(root) + "\n";
  }

  /** The text for people. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    header(sb);
    if (report.committedAt() == null) {
      sb.append("No state committed yet in ").append(database).append(".\n");
      return sb.toString();
    }
    sb.append('\n');
    for (Entry e : entries) {
      AlarmView v = e.view();
      sb.append(String.format(Locale.ROOT, "%-40s %-17s since %s%s%n", v.alarmName(),
          v.state(), ISO.format(v.lastTransition()), e.lastEarly() ? " (early)" : ""));
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
    List<CheckpointView> sources = sources();
    if (sources.isEmpty()) {
      sb.append("  none\n");
    }
    for (CheckpointView c : sources) {
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
    int others = report.checkpoints().size() - sources.size();
    if (others > 0) {
      sb.append(String.format(Locale.ROOT, "  (%,d source%s of other apps not listed)%n", others,
          others == 1 ? "" : "s"));
    }
    sb.append(String.format(Locale.ROOT, "outbox: %d pending, %d stuck, %d failed%n",
        report.outbox().pending(), report.outbox().stuck(), report.outbox().failed()));
    for (Undelivered u : report.undelivered()) {
      sb.append(String.format(Locale.ROOT, "  %-7s %s %s %s %s, %d attempt%s: %s%n",
          u.status().equals("PENDING") ? "STUCK" : u.status(), ISO.format(u.createdAt()),
          u.protocol().toLowerCase(Locale.ROOT), shown(u),
          u.kind().equals("SUBSCRIPTION_CONFIRMATION") ? "confirmation request"
              : u.subject() == null ? "notification" : "\"" + u.subject() + "\"",
          u.attempts(), u.attempts() == 1 ? "" : "s",
          u.lastError() == null ? "no error recorded" : oneLine(u.lastError())));
    }
    int listed = report.undelivered().size();
    if (listed < report.outbox().failed() + report.outbox().stuck()
        && listed == StatusReader.UNDELIVERED_LIMIT) {
      sb.append("  (the newest ").append(listed).append(" are listed)\n");
    }
    long confirmed = count(report.subscriptions(), SubscriptionStatus.CONFIRMED);
    long pending = count(report.subscriptions(), SubscriptionStatus.PENDING_CONFIRMATION);
    sb.append(String.format(Locale.ROOT,
        "subscriptions: %d confirmed, %d pending confirmation (mcpwatch subscriptions list)%n",
        confirmed, pending));
    return sb.toString();
  }

  /**
   * The lines above the alarms: what was read, whether the service runs, and the last commit. One
   * line each; add a line here for another fact about the service.
   */
  private void header(StringBuilder sb) {
    sb.append("service: ").append(serviceLine()).append('\n');
    if (report.committedAt() != null) {
      sb.append(String.format(Locale.ROOT,
          "%d alarms; last commit #%d at %s (%s ago), next evaluation %s%n", entries.size(),
          report.commitNumber(), ISO.format(report.committedAt()),
          ago(Duration.between(report.committedAt(), now)),
          report.nextBoundary() == null ? "-" : ISO.format(report.nextBoundary())));
    }
  }

  private String serviceLine() {
    ServiceRun run = service.lastRun();
    if (service.running()) {
      if (run == null || run.stoppedAt() != null) {
        return "running (it recorded no address)";
      }
      return "running, pid " + run.pid() + " on " + run.hostName()
          + (run.listenUrl() == null ? ", HTTP off" : ", listening on " + run.listenUrl())
          + ", since " + ISO.format(run.startedAt());
    }
    if (run == null) {
      return "not running";
    }
    if (run.stoppedAt() != null) {
      return "not running (stopped at " + ISO.format(run.stoppedAt()) + ")";
    }
    return "not running (the last run, pid " + run.pid() + " on " + run.hostName() + " started "
        + ISO.format(run.startedAt()) + ", ended without a clean stop)";
  }

  /** The endpoint as it may be shown: webhook URLs without path, query and user. */
  private static String shown(Undelivered u) {
    try {
      return new Subscriber(Protocol.parse(u.protocol().toLowerCase(Locale.ROOT)), u.endpoint())
          .redactedEndpoint();
    } catch (IllegalArgumentException e) {
      return u.endpoint().replaceAll("^(\\w+://)(?:[^@/]*@)?([^/?#]*).*$", "$1$2");
    }
  }

  private static String oneLine(String s) {
    String t = s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    return t.length() > 300 ? t.substring(0, 300) + "..." : t;
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
