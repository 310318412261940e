package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmEvaluator;
import io.mcpwatch.alarm.AlarmHistory;
import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.Datapoint;
import io.mcpwatch.alarm.EarlyFiring;
import io.mcpwatch.alarm.Evaluation;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.StateReasonData;
import io.mcpwatch.alarm.StateReasons;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MetricSeries;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.pattern.Observation;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The deterministic engine: log events to metric filters to metric series to alarm evaluation.
 * No I/O; time comes from the injected {@link InstantSource}. Not thread-safe: one thread drives
 * it (or callers synchronize).
 *
 * <pre>{@code
 * Engine engine = Engine.create(alarms, EngineOptions.defaults(), clock, transition -> notify(transition));
 * engine.ingest(new LogEvent("/mcp/teams", ts, line));   // hot path
 * engine.tick();                                           // run due evaluations without an event
 * }</pre>
 *
 * <p>Evaluation boundaries are the minute boundaries (every 10 s when a high-resolution alarm
 * exists); an alarm is evaluated at its own boundaries (minutes, or 10 s for periods of 10, 20 or
 * 30 s), first at the first one after the engine was created. An evaluation at boundary T sees
 * exactly the samples ingested before it ran with timestamps before T. Scheduled transitions are
 * stamped T; early ones (see {@link io.mcpwatch.alarm.EarlyFiring}) the clock's now.
 *
 * <p>A boundary's evaluations may run in slices ({@link #tick(int)}, for a live service that must
 * keep ingesting while thousands of alarms change state): while a boundary T is in progress,
 * events are ingested as usual, and an alarm due at T that has not been evaluated yet is evaluated
 * at T before any sample reaches its series (and before its state is set or an action recorded).
 * So every evaluation at T sees exactly the samples it would have seen had the whole boundary run
 * at once; only the order of the transitions within T differs. A snapshot taken in between
 * resumes the boundary with the alarms not yet evaluated.
 */
public final class Engine {

  private static final long HISTORY_RETENTION_MILLIS = 14L * 86_400_000L;

  private final EngineOptions options;
  private final InstantSource clock;
  private final EngineListener listener;
  private final Function<ResolvedAlarm, FilterBinding> bindings;
  private final List<AlarmRuntime> alarms;
  private final Map<ResolvedAlarm, AlarmRuntime> byAlarm = new IdentityHashMap<>();
  /**
   * The alarms by equality, for a caller whose alarm is an equal copy of the engine's (not the same
   * instance): made on the first such lookup (hashing a ResolvedAlarm hashes its whole spec, which
   * for 10,000 alarms cost more than the lookups that never need it).
   */
  private @Nullable Map<ResolvedAlarm, AlarmRuntime> byEqualAlarm;
  private final Map<String, Route[]> routesByGroup;
  private final List<Route> routes;
  private final List<SeriesState> series;
  private final Map<MetricKey, SeriesState[]> seriesByKey;
  private final boolean anyPerMinute;
  private final long step;
  private final long startMillis;
  private long nextBoundary;
  /**
   * What may have changed since the last {@link #changes()} (issue 14: visiting all 10,000 alarms
   * and series at each of a boundary's 40 slice commits): alarms evaluated, moved, given history
   * or losing it to retention; routes that counted a match (their alarms' matched counts); series
   * whose buckets changed. changes() compares only these with what it last reported.
   */
  private final List<AlarmRuntime> dirtyAlarms = new ArrayList<>();
  private final List<Route> dirtyRoutes = new ArrayList<>();
  private final List<SeriesState> dirtySeries = new ArrayList<>();
  /** Routes that counted a match since the last {@link #matchedSince}. */
  private final List<Route> matchedRoutes = new ArrayList<>();
  /** Alarms whose history the last changes() reported beyond the in-memory bound. */
  private final List<AlarmRuntime> storedBeyondBound = new ArrayList<>();
  /** The boundary whose evaluations are in progress ({@link #tick(int)}), or {@link #NONE}. */
  private long pending = NONE;
  /** With {@link #pending}: the position of the next alarm to consider. */
  private int pendingNext;
  private long transitionCount;
  /** Set by a restore (ingests and evaluations are counted): no restoreSnapshot after it. */
  private boolean restored;

  private static final long NONE = Long.MIN_VALUE;

  private long ingested;
  private long unknownLogGroup;
  private long filterErrors;
  private long notPublished;
  private long droppedSamples;
  private long evaluations;
  /** The alarms not {@link AlarmRuntime#asleep}, by position: a boundary visits only these. */
  private final BitSet awake;
  /** The last boundary whose evaluations completed (for the status of alarms asleep). */
  private long lastDone = NONE;
  private boolean sleeping = true;
  /** The reason data of this engine's transitions, all with one generator (this thread's). */
  private final StateReasonData.Writer reasonData = new StateReasonData.Writer();
  /** The reasons of this engine's transitions (one string per kind of evaluation without data). */
  private final StateReasons.Memo reasons = new StateReasons.Memo();

  private Engine(
      List<ResolvedAlarm> resolved,
      EngineOptions options,
      InstantSource clock,
      EngineListener listener,
      Function<ResolvedAlarm, FilterBinding> bindings) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.bindings = bindings;
    Wiring w = new Wiring(List.copyOf(resolved), options, bindings);
    this.alarms = List.copyOf(w.alarms);
    this.routesByGroup = w.routesByGroup;
    this.routes = w.routes;
    this.series = w.series;
    this.seriesByKey = w.seriesByKey;
    boolean perMinute = false;
    for (Route r : routes) {
      perMinute |= r.minuteFlags != null;
    }
    this.anyPerMinute = perMinute;
    boolean highResolution = false;
    for (AlarmRuntime a : alarms) {
      highResolution |= a.spec.highResolution();
    }
    this.step = highResolution ? 10_000L : 60_000L;
    this.startMillis = clock.millis();
    this.nextBoundary = Math.floorDiv(startMillis, step) * step + step;
    Instant created = Instant.ofEpochMilli(startMillis);
    this.awake = new BitSet(alarms.size());
    awake.set(0, alarms.size());
    List<HistoryItem> createdItems = List.of();
    if (options.history()) {
      List<AlarmSpec> specs = new ArrayList<>(alarms.size());
      alarms.forEach(a -> specs.add(a.spec));
      createdItems = AlarmHistory.created(specs, created);
    }
    for (int i = 0; i < alarms.size(); i++) {
      place(alarms.get(i), i, options.history() ? createdItems.get(i) : null);
    }
    for (int i = 0; i < series.size(); i++) {
      SeriesState st = series.get(i);
      st.position = i;
      touch(st);
    }
  }

  /**
   * Puts alarm {@code i} in place at creation: a method of its own, so that the JIT compiles it
   * after a few hundred alarms instead of interpreting the loop for each of 10,000.
   */
  private void place(AlarmRuntime a, int i, @Nullable HistoryItem created) {
    a.position = i;
    a.firstBoundary = Math.floorDiv(startMillis, a.stepMillis) * a.stepMillis + a.stepMillis;
    a.transitionedMillis = startMillis;
    a.configuredMillis = startMillis;
    if (created != null) {
      a.addHistory(created);
    }
    byAlarm.put(a.alarm, a);
    a.route.alarms.add(a);
    touch(a); // the first changes() reports every alarm
  }

  private void touch(AlarmRuntime a) {
    if (!a.dirty) {
      a.dirty = true;
      dirtyAlarms.add(a);
    }
  }

  private void touch(SeriesState st) {
    if (!st.dirty) {
      st.dirty = true;
      dirtySeries.add(st);
    }
  }

  /**
   * Creates an engine whose alarms start in INSUFFICIENT_DATA ({@code Unchecked: Initial alarm
   * creation}), each with a ConfigurationUpdate history item stamped with the clock's now.
   *
   * @throws IllegalArgumentException when two alarms of one environment share a name
   */
  public static Engine create(
      List<ResolvedAlarm> alarms,
      EngineOptions options,
      InstantSource clock,
      EngineListener listener) {
    return new Engine(alarms, options, clock, listener, FilterBinding::of);
  }

  /** For tests: filters supplied by {@code bindings} instead of {@link ResolvedAlarm#filter()}. */
  static Engine create(
      List<ResolvedAlarm> alarms,
      EngineOptions options,
      InstantSource clock,
      EngineListener listener,
      Function<ResolvedAlarm, FilterBinding> bindings) {
    return new Engine(alarms, options, clock, listener, bindings);
  }

  /**
   * Restores an engine from a snapshot, for a restart or a configuration change: alarms present in
   * the snapshot (same environment and alarm name) keep their state, reason, timestamps, counters
   * and history; one whose configuration changed gets a ConfigurationUpdate "updated" item (spec
   * 3.1: an update leaves the state unchanged). New alarms start as in {@link #create}. Buckets of
   * series that are still watched are restored, and evaluation resumes at the snapshot's next
   * boundary (missed boundaries run on the next {@link #tick}).
   */
  public static Engine restore(
      List<ResolvedAlarm> alarms,
      EngineOptions options,
      InstantSource clock,
      EngineListener listener,
      EngineSnapshot snapshot) {
    return restore(alarms, options, clock, listener, snapshot, FilterBinding::of);
  }

  static Engine restore(
      List<ResolvedAlarm> alarms,
      EngineOptions options,
      InstantSource clock,
      EngineListener listener,
      EngineSnapshot snapshot,
      Function<ResolvedAlarm, FilterBinding> bindings) {
    Engine e = new Engine(alarms, options, clock, listener, bindings);
    e.restoreFrom(snapshot);
    return e;
  }

  /**
   * Restores {@code snapshot} into this engine, which {@link #create} has just made: the result is
   * the engine that {@link #restore} makes with the same alarms, options and clock (a live service
   * builds the engine while its database opens and restores the last commit once it is read).
   *
   * @throws IllegalStateException when this engine has ingested, evaluated or been restored
   *     already (call it before its first {@link #changes()} too)
   */
  public void restoreSnapshot(EngineSnapshot snapshot) {
    if (restored || ingested != 0 || evaluations != 0 || transitionCount != 0) {
      throw new IllegalStateException("restoreSnapshot: only on an engine just created");
    }
    restoreFrom(snapshot);
  }

  /** A new engine for a changed alarm list, keeping state as {@link #restore} does. */
  public Engine reconfigure(List<ResolvedAlarm> newAlarms) {
    return restore(newAlarms, options, clock, listener, snapshot(), bindings);
  }

  /** The engine's state, to persist and {@link #restore} later. */
  public EngineSnapshot snapshot() {
    List<EngineSnapshot.AlarmSnapshot> as = new ArrayList<>(alarms.size());
    for (AlarmRuntime a : alarms) {
      as.add(alarmSnapshot(a));
    }
    List<EngineSnapshot.SeriesSnapshot> ss = new ArrayList<>(series.size());
    for (SeriesState st : series) {
      ss.add(seriesSnapshot(st));
    }
    return new EngineSnapshot(nextBoundary, as, ss);
  }

  /**
   * The alarms and series that changed since the previous call (on the first call, all of them),
   * as {@link EngineSnapshot} parts keyed by their position in {@link #snapshot()}. Costs in
   * proportion to what changed: only the alarms and series the engine marked as possibly changed
   * since the previous call are compared (a few fields each) and snapshotted if they did; a store
   * that persisted the previous state writes just these (issue 14: a commit that snapshots and
   * compares every alarm stalls the live service at 10,000 alarms, and a boundary run in 40
   * slices visited all of them at each slice's commit).
   */
  public EngineChanges changes() {
    for (Route r : dirtyRoutes) {
      r.dirty = false;
      r.alarms.forEach(this::touch);
    }
    dirtyRoutes.clear();
    SortedMap<Integer, EngineSnapshot.AlarmSnapshot> as = new TreeMap<>();
    for (AlarmRuntime a : dirtyAlarms) {
      a.dirty = false;
      if (a.changedSinceReported()) {
        a.markReported();
        as.put(a.position, alarmSnapshot(a));
        if (a.history.size() > options.historyInMemory() && !a.awaitingStore) {
          a.awaitingStore = true; // once, however many commits fail meanwhile
          storedBeyondBound.add(a);
        }
      }
    }
    dirtyAlarms.clear();
    SortedMap<Integer, EngineSnapshot.SeriesSnapshot> ss = new TreeMap<>();
    for (SeriesState st : dirtySeries) {
      st.dirty = false;
      long m = st.series.modifications();
      if (m != st.reportedModifications) {
        st.reportedModifications = m;
        ss.put(st.position, seriesSnapshot(st));
      }
    }
    dirtySeries.clear();
    return new EngineChanges(nextBoundary, alarms.size(), series.size(), as, ss);
  }

  /**
   * For tests of this package: true when {@link #changes()} would report nothing, by comparing
   * every alarm and series (not only those marked as possibly changed).
   */
  boolean everythingReported() {
    for (AlarmRuntime a : alarms) {
      if (a.changedSinceReported()) {
        return false;
      }
    }
    for (SeriesState st : series) {
      if (st.series.modifications() != st.reportedModifications) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells the engine that everything {@link #changes()} has reported so far is stored durably (the
   * caller committed those changes, or a {@link #snapshot()} taken after them): of each alarm's
   * stored history items, only the newest {@link EngineOptions#historyInMemory()} stay in memory
   * (the history lives on in the store, which the readers of a live service read). Items not
   * reported yet always stay. Without a bound this does nothing. Call it only after a commit
   * succeeded: items dropped from memory are never reported again.
   */
  public void committed() {
    int limit = options.historyInMemory();
    for (AlarmRuntime a : storedBeyondBound) {
      a.dropStoredBeyond(limit);
      a.awaitingStore = false;
    }
    storedBeyondBound.clear();
  }

  private static EngineSnapshot.AlarmSnapshot alarmSnapshot(AlarmRuntime a) {
    return new EngineSnapshot.AlarmSnapshot(a.alarm.env(), a.spec.alarmName(), a.spec, a.state,
        a.reason, a.reasonData, a.transitionedMillis, a.lastEvaluated,
        a.matchedBase + a.route.matched, a.configuredMillis, List.copyOf(a.history));
  }

  private static EngineSnapshot.SeriesSnapshot seriesSnapshot(SeriesState st) {
    List<EngineSnapshot.Bucket> buckets = new ArrayList<>();
    st.series.forEachBucket((start, sum, count, min, max) ->
        buckets.add(new EngineSnapshot.Bucket(start, sum, count, min, max)));
    return new EngineSnapshot.SeriesSnapshot(st.series.key(), st.series.unit(), buckets);
  }

  private void restoreFrom(EngineSnapshot snapshot) {
    restored = true;
    Map<String, EngineSnapshot.AlarmSnapshot> saved = new HashMap<>();
    snapshot.alarms().forEach(s -> saved.put(s.env() + "/" + s.alarmName(), s));
    Instant now = Instant.ofEpochMilli(clock.millis());
    // the snapshot's engine may have stepped by 10 s and this one by 60 s: stay on our grid
    nextBoundary = Math.floorDiv(snapshot.nextBoundaryMillis() + step - 1, step) * step;
    for (AlarmRuntime a : alarms) {
      EngineSnapshot.AlarmSnapshot s = saved.get(a.alarm.env() + "/" + a.spec.alarmName());
      if (s == null) {
        continue;
      }
      a.state = s.state();
      a.reason = s.reason();
      a.reasonData = s.reasonData();
      a.transitionedMillis = s.transitionedMillis();
      a.lastEvaluated = s.lastEvaluatedMillis();
      a.matchedBase = s.matchedEvents();
      // evaluation resumes at the snapshot's next boundary (ceil to the alarm's own step)
      a.firstBoundary =
          Math.floorDiv(nextBoundary + a.stepMillis - 1, a.stepMillis) * a.stepMillis;
      a.configuredMillis = s.configuredMillis();
      a.history.clear();
      a.unreported = 0;
      if (options.history()) {
        a.history.addAll(s.history());
        a.unreported = a.history.size(); // stored or not: the first changes() reports them all
      }
      if (!s.spec().equals(a.spec)) {
        a.configuredMillis = now.toEpochMilli();
        if (options.history()) {
          a.addHistory(AlarmHistory.updated(s.spec(), a.spec, now, a.state));
        }
      }
    }
    Map<MetricKey, List<SeriesState>> byKey = new HashMap<>();
    series.forEach(st -> byKey.computeIfAbsent(st.series.key(), k -> new ArrayList<>()).add(st));
    for (EngineSnapshot.SeriesSnapshot s : snapshot.series()) {
      for (SeriesState st : byKey.getOrDefault(s.key(), List.of())) {
        if (Objects.equals(st.series.unit(), s.unit())) {
          for (EngineSnapshot.Bucket b : s.buckets()) {
            st.series.addAggregate(b.startMillis(), b.sum(), b.count(), b.min(), b.max());
          }
        }
      }
    }
  }

  /**
   * Runs the evaluations due at boundaries up to the clock's now, then routes the event by log group
   * to its filters, records their observations and checks early firing. Never throws for a bad
   * event (a throwing filter is counted in {@link EngineStats#filterErrors()}).
   */
  public void ingest(LogEvent e) {
    long now = clock.millis();
    if (now >= dueFrom()) {
      runDue(now);
    }
    ingested++;
    Route[] rs = routesByGroup.get(e.logGroup());
    if (rs == null) {
      unknownLogGroup++;
      return;
    }
    long ts = e.timestampMillis();
    String message = e.message();
    for (Route r : rs) {
      Observation o;
      try {
        o = r.binding.observe(message);
      } catch (RuntimeException ex) {
        filterErrors++;
        continue;
      }
      record(r, ts, o, now);
    }
  }

  /**
   * For a parallel replay: a matcher that computes, on another thread, what {@link #ingest} would
   * compute from an event's message (each route's observation), with its own copies of the filters.
   * Handing its results to {@link #ingest(Observed)} in the events' order has exactly the effect of
   * {@link #ingest(LogEvent)} on each event, early firing and late events included: the matching is
   * what takes the time, and it depends on nothing but the message.
   */
  public EventMatcher matcher() {
    return new EventMatcher(this, routesByGroup);
  }

  /**
   * {@code o}, which the matcher of another engine created from the same alarms and options
   * observed, as this engine's observation (a replay that fed an engine speculatively and must
   * start over feeds the events it kept to a new one without matching them again).
   *
   * @throws IllegalArgumentException when the other engine routes the event's log group otherwise
   */
  public Observed adopt(Observed o) {
    if (o.engine == this) {
      return o;
    }
    Route[] rs = null; // no alarm reads the event's log group
    if (o.routes != null) {
      rs = o.routes.length == 0 ? null : routesByGroup.get(o.routes[0].logGroup);
      if (rs == null || rs.length != o.routes.length) {
        throw new IllegalArgumentException(
            "the observation comes from an engine with other alarms");
      }
    }
    return new Observed(this, o.timestampMillis, rs, o.observations);
  }

  /**
   * {@link #ingest(LogEvent)} for an event whose message a {@link #matcher()} of this engine has
   * already matched.
   *
   * @throws IllegalArgumentException when {@code o} comes from another engine's matcher
   */
  public void ingest(Observed o) {
    if (o.engine != this) {
      throw new IllegalArgumentException("the observation comes from another engine's matcher");
    }
    long now = clock.millis();
    if (now >= dueFrom()) {
      runDue(now);
    }
    ingested++;
    Route[] rs = o.routes;
    if (rs == null) {
      unknownLogGroup++;
      return;
    }
    Observation[] obs = o.observations;
    for (int i = 0; i < obs.length; i++) {
      Observation ob = obs[i];
      if (ob == null) {
        filterErrors++;
      } else {
        record(rs[i], o.timestampMillis, ob, now);
      }
    }
  }

  /** What one route's observation of an event does. */
  private void record(Route r, long ts, Observation o, long now) {
    if (o instanceof Observation.Published) {
      Observation.Published p = (Observation.Published) o;
      if (p.isDefault()) {
        publishDefault(r, ts, p.value());
      } else {
        r.matched++;
        if (!r.dirty) {
          r.dirty = true;
          dirtyRoutes.add(r);
        }
        if (!r.matchedMarked) {
          r.matchedMarked = true;
          matchedRoutes.add(r);
        }
        if (r.minuteFlags != null) {
          r.minuteFlags.matched(minuteOf(ts));
        }
        publish(r, ts, p, now);
      }
    } else if (o instanceof Observation.NotPublished) {
      notPublished++;
      if (r.minuteFlags != null) {
        r.minuteFlags.matched(minuteOf(ts));
      }
    }
  }

  /** Runs every evaluation at boundaries up to the clock's now that has not run yet. */
  public void tick() {
    long now = dueNow();
    if (now >= nextBoundary) {
      runDue(now);
    }
  }

  /** The clock's now; a boundary in progress counts as due even if the clock stepped back. */
  private long dueNow() {
    long now = clock.millis();
    return pending == NONE ? now : Math.max(now, pending);
  }

  /**
   * {@link #tick()} in slices: returns once the evaluations of a boundary made at least {@code
   * maxTransitions} transitions, leaving the rest of that boundary in progress (see the class
   * comment) for the next call; {@link #tick()} and an ingest of an event after the boundary's
   * successor finish it.
   *
   * @return true when every evaluation due by the clock's now has run
   */
  public boolean tick(int maxTransitions) {
    if (maxTransitions < 1) {
      throw new IllegalArgumentException("maxTransitions: expected at least 1; found "
          + maxTransitions);
    }
    long now = dueNow();
    return now < nextBoundary || runDue(now, transitionCount + maxTransitions);
  }

  /** True while a boundary's evaluations run in slices ({@link #tick(int)}). */
  public boolean boundaryInProgress() {
    return pending != NONE;
  }

  /** The time from which an ingest runs due evaluations (a boundary in progress is not forced). */
  private long dueFrom() {
    return pending == NONE ? nextBoundary : nextBoundary + step;
  }

  /** Every alarm's current status, in config order. */
  public List<AlarmStatus> statuses() {
    List<AlarmStatus> out = new ArrayList<>(alarms.size());
    for (AlarmRuntime a : alarms) {
      out.add(new AlarmStatus(a.alarm, a.state, a.reason, a.reasonData,
          Instant.ofEpochMilli(a.transitionedMillis),
          evaluatedAt(a) == Long.MIN_VALUE ? null : Instant.ofEpochMilli(evaluatedAt(a)),
          a.matchedBase + a.route.matched));
    }
    return out;
  }

  /** Receives an alarm's matched-event count ({@link #matchedSince}). */
  @FunctionalInterface
  public interface MatchedCount {
    /**
     * @param position the alarm's position in {@link #statuses()}
     * @param matchedEvents its matched-event count, as in {@link AlarmStatus#matchedEvents()}
     */
    void alarm(int position, long matchedEvents);
  }

  /**
   * The last boundary at which the alarm's state was decided: for an alarm asleep, the newest
   * boundary of its step that completed or is in progress (each one it slept through decided the
   * same, before any sample that wakes it).
   */
  private long evaluatedAt(AlarmRuntime a) {
    long b = pending != NONE ? pending : lastDone;
    if (!a.asleep || b == NONE) {
      return a.lastEvaluated;
    }
    return Math.max(a.lastEvaluated, Math.floorDiv(b, a.stepMillis) * a.stepMillis);
  }

  /**
   * Hands {@code to} the matched-event count of every alarm whose filter matched an event since
   * the previous call (of each alarm that shares a matching filter too; each once), for a caller
   * that checks after every batch which alarms matched. Costs in proportion to those alarms
   * (issue 14: reading all 10,000 alarms' counts after every batch took half the engine thread).
   */
  public void matchedSince(MatchedCount to) {
    for (Route r : matchedRoutes) {
      r.matchedMarked = false;
      for (AlarmRuntime a : r.alarms) {
        to.alarm(a.position, a.matchedBase + r.matched);
      }
    }
    matchedRoutes.clear();
  }

  /** Counters since creation. */
  public EngineStats stats() {
    return new EngineStats(ingested, unknownLogGroup, filterErrors, notPublished, droppedSamples,
        evaluations);
  }

  /** Minute aggregates of the alarm's metric that have samples (within retention), oldest first. */
  public List<MinuteAggregate> minutes(ResolvedAlarm alarm) {
    return runtime(alarm).series.series.minutes();
  }

  /**
   * The alarm's history the engine holds in memory, oldest first (DescribeAlarmHistory returns it
   * newest first): all of it (14 days; for the engine's lifetime with {@link
   * EngineOptions#retainAll()}), or its newest items only when {@link
   * EngineOptions#historyInMemory()} is bounded and a caller stored the rest ({@link
   * #committed()}); empty when {@link EngineOptions#history()} is off.
   */
  public List<HistoryItem> history(ResolvedAlarm alarm) {
    return List.copyOf(runtime(alarm).history);
  }

  /**
   * When the alarm's configuration last changed ({@code AlarmConfigurationUpdatedTimestamp}): its
   * creation, or the restore that found its configuration changed (its newest ConfigurationUpdate
   * item, also when the engine no longer holds that item in memory).
   */
  public Instant configuredAt(ResolvedAlarm alarm) {
    return Instant.ofEpochMilli(runtime(alarm).configuredMillis);
  }

  /**
   * Appends an Action history item for an action the notification layer executed (spec 3.8).
   *
   * @param failureReason null when the action succeeded
   */
  public void recordAction(
      ResolvedAlarm alarm, Instant time, String action, @Nullable String failureReason) {
    AlarmRuntime a = runtime(alarm);
    settle(a);
    if (options.history()) {
      touch(a);
      a.addHistory(sharingText(a, AlarmHistory.action(a.spec.alarmName(), time, action,
          failureReason)));
    }
  }

  /**
   * The item with the summary and data strings of an equal recent Action item of the same alarm,
   * when there is one: every success of an alarm's action has the same texts (~330 bytes), so
   * its items share one copy.
   */
  private static HistoryItem sharingText(AlarmRuntime a, HistoryItem item) {
    Iterator<HistoryItem> newest = a.history.descendingIterator();
    for (int n = 0; n < 8 && newest.hasNext(); n++) {
      HistoryItem h = newest.next();
      if (h.type() == HistoryItem.Type.Action && h.summary().equals(item.summary())
          && h.data().equals(item.data())) {
        return new HistoryItem(item.alarmName(), item.alarmType(), item.timestamp(),
            item.type(), h.summary(), h.data());
      }
    }
    return item;
  }

  /** The alarms' runtime state, for tests of this package. */
  List<AlarmRuntime> runtimes() {
    return alarms;
  }

  /** The engine's next evaluation boundary in epoch milliseconds, for tests of this package. */
  long nextBoundaryMillis() {
    return nextBoundary;
  }

  /** The next boundary at which evaluations will run. */
  public Instant nextBoundary() {
    return Instant.ofEpochMilli(nextBoundary);
  }

  // ---------------------------------------------------------------- samples

  private void publish(Route r, long ts, Observation.Published p, long now) {
    double v = p.value();
    if (!Double.isFinite(v)) {
      droppedSamples++;
      return;
    }
    SeriesState[] targets = r.dynamic ? dynamicTargets(r, p) : r.targets;
    if (targets.length == 0) {
      droppedSamples++;
      return;
    }
    for (SeriesState st : targets) {
      settle(st);
      if (!st.series.add(ts, v)) {
        droppedSamples++;
        continue;
      }
      touch(st);
      for (AlarmRuntime a : st.earlyWatchers) {
        observeEarly(a, ts, v, now);
      }
    }
  }

  private void publishDefault(Route r, long ts, double value) {
    if (r.minuteFlags != null) {
      long minute = minuteOf(ts);
      if (r.minuteFlags.nonMatch(minute)) {
        addToTargets(r, minute, value);
      }
      return;
    }
    addToTargets(r, ts, value);
  }

  private void addToTargets(Route r, long ts, double value) {
    if (!Double.isFinite(value) || r.targets.length == 0) {
      droppedSamples++;
      return;
    }
    for (SeriesState st : r.targets) {
      settle(st);
      if (!st.series.add(ts, value)) {
        droppedSamples++;
        continue;
      }
      touch(st);
      for (AlarmRuntime a : st.earlyWatchers) {
        a.earlyBoundary = Long.MIN_VALUE; // default samples are not folded: rebuild on the next
      }
    }
  }

  private SeriesState[] dynamicTargets(Route r, Observation.Published p) {
    Map<String, String> dims = new HashMap<>(r.staticDims);
    dims.putAll(p.dimensions());
    SeriesState[] candidates = seriesByKey.get(new MetricKey(r.env,
        r.transformation.metricNamespace(), r.transformation.metricName(), dims));
    if (candidates == null) {
      return new SeriesState[0];
    }
    return Arrays.stream(candidates)
        .filter(st -> r.unitCompatible(st.series.unit()))
        .toArray(SeriesState[]::new);
  }

  private static long minuteOf(long ts) {
    return Math.floorDiv(ts, 60_000L) * 60_000L;
  }

  // ---------------------------------------------------------------- early firing

  /** See {@link EarlyFiring}: fire now when M of the N newest windows at T already breach. */
  /**
   * Early firing (see {@code alarm/package-info}): keeps the alarm's cache of the N windows of its
   * next evaluation up to date with a sample just added to its series, and fires when a window
   * newly breaches and M of N now do. The cache is rebuilt from the series once per boundary and
   * then folded sample by sample, so a sample costs O(1), not a scan of its window. The transition
   * itself is decided by the evaluator on the series, so the cache can only make it earlier.
   */
  private void observeEarly(AlarmRuntime a, long ts, double v, long now) {
    // an alarm already evaluated at a boundary in progress watches the one after it
    long t = a.nextBoundaryFrom(a.lastEvaluated >= nextBoundary ? a.lastEvaluated + 1
        : nextBoundary);
    long p = a.periodMillis;
    int n = a.spec.evaluationPeriods();
    if (ts >= t || ts < t - n * p) {
      return;
    }
    if (a.earlyBoundary != t) {
      MetricSeries s = a.series.series; // already holds this sample
      a.earlyBoundary = t;
      a.earlyCount = 0;
      for (int i = 0; i < n; i++) {
        a.earlyValue[i] = s.statistic(t - (i + 1) * p, t - i * p, a.spec.statistic());
        a.earlyBreaching[i] = breaches(a, a.earlyValue[i]);
        if (a.earlyBreaching[i]) {
          a.earlyCount++;
        }
      }
    } else {
      int i = (int) ((t - 1 - ts) / p);
      a.earlyValue[i] = fold(a.spec.statistic(), a.earlyValue[i], v);
      if (a.earlyBreaching[i] || !breaches(a, a.earlyValue[i])) {
        return;
      }
      a.earlyBreaching[i] = true;
      a.earlyCount++;
    }
    if (a.state != AlarmState.ALARM && EarlyFiring.certain(a.spec, a.earlyCount)) {
      Evaluation ev = AlarmEvaluator.evaluate(a.spec, range(a, t, emptyRange(a, t)), a.state);
      if (ev.state() == AlarmState.ALARM) { // always, by the argument in alarm/package-info
        transition(a, now, now, ev, true);
      }
    }
  }

  /** A window's statistic after one more sample {@code v}; NaN stands for "no samples". */
  private static double fold(Statistic statistic, double acc, double v) {
    boolean empty = Double.isNaN(acc);
    switch (statistic) {
      case Sum:
        return empty ? v : acc + v;
      case SampleCount:
        return empty ? 1 : acc + 1;
      case Maximum:
        return empty ? v : Math.max(acc, v);
      case Minimum:
        return empty ? v : Math.min(acc, v);
      default:
        return Double.NaN; // Average is never eligible for early firing
    }
  }

  private static boolean breaches(AlarmRuntime a, double value) {
    return !Double.isNaN(value) && a.spec.comparison().breaches(value, a.spec.threshold());
  }

  // ---------------------------------------------------------------- evaluation

  private void runDue(long now) {
    runDue(now, Long.MAX_VALUE);
  }

  /**
   * Runs the boundaries up to {@code now}; stops inside one once {@link #transitionCount} reached
   * {@code stopAt} (the rest stays {@link #pending}). True when nothing due is left.
   */
  private boolean runDue(long now, long stopAt) {
    while (nextBoundary <= now) {
      if (!processBoundary(nextBoundary, stopAt)) {
        return false;
      }
      nextBoundary += step;
      if (nextBoundary + step <= now && quiescent()) {
        // nothing can change until new data arrives: skip the idle boundaries, but apply the
        // retention of the last skipped one
        long last = Math.floorDiv(now, step) * step;
        if (!options.retainAll()) {
          evict(Math.floorDiv(last, 60_000L) * 60_000L);
        }
        nextBoundary = last + step;
        lastDone = last; // the alarms asleep decided the same at each
      }
    }
    return true;
  }

  /** Runs (or continues) boundary t; false when it stopped at {@code stopAt} transitions. */
  private boolean processBoundary(long t, long stopAt) {
    boolean minute = t % 60_000L == 0;
    if (pending != t) {
      if (anyPerMinute && minute) {
        for (Route r : routes) {
          if (r.minuteFlags != null) {
            r.minuteFlags.close(t,
                m -> addToTargets(r, m, Objects.requireNonNull(r.defaultValue)));
          }
        }
      }
      if (minute && !options.retainAll()) {
        // before the evaluations (they read nothing older than the horizon), so that samples
        // ingested while they run in slices are refused exactly as after a boundary run at once
        evict(t);
      }
      pending = t;
      pendingNext = 0;
    }
    for (int i = awake.nextSetBit(pendingNext); i >= 0; i = awake.nextSetBit(i + 1)) {
      AlarmRuntime a = alarms.get(i);
      if (a.dueAt(t)) {
        evaluate(a, t);
        if (transitionCount >= stopAt && i + 1 < alarms.size()) {
          pendingNext = i + 1;
          return false;
        }
      }
    }
    pending = NONE;
    lastDone = t;
    return true;
  }

  /**
   * Before a sample reaches {@code st}: with a boundary in progress, evaluates the watchers not
   * yet evaluated at it; then wakes the watchers asleep (their range is no longer sure to be
   * empty).
   */
  private void settle(SeriesState st) {
    if (pending != NONE) {
      for (AlarmRuntime a : st.watchers) {
        settle(a);
      }
    }
    if (st.asleep > 0) {
      for (AlarmRuntime a : st.watchers) {
        wake(a);
      }
    }
  }

  /** Tests of this package compare an engine whose idle alarms never sleep. */
  void neverSleep() {
    sleeping = false;
  }

  private void sleep(AlarmRuntime a) {
    if (sleeping && !a.asleep) {
      a.asleep = true;
      a.series.asleep++;
      awake.clear(a.position);
    }
  }

  private void wake(AlarmRuntime a) {
    if (a.asleep) {
      long at = evaluatedAt(a);
      if (at != a.lastEvaluated) {
        a.lastEvaluated = at;
        touch(a); // its last evaluation moves
      }
      a.asleep = false;
      a.series.asleep--;
      awake.set(a.position);
    }
  }

  private void settle(AlarmRuntime a) {
    // an alarm asleep is decided at the boundary in progress as at every boundary it slept
    // through (wake() brings its lastEvaluated up to date)
    if (pending != NONE && !a.asleep && a.dueAt(pending)) {
      evaluate(a, pending);
    }
  }

  private void evaluate(AlarmRuntime a, long t) {
    evaluations++;
    touch(a); // its last evaluation moves
    boolean empty = emptyRange(a, t);
    if (empty && a.idleIn == a.state) { // decided as last time
      a.lastEvaluated = t;
      sleep(a);
      return;
    }
    Evaluation ev = AlarmEvaluator.evaluate(a.spec, range(a, t, empty), a.state);
    a.lastEvaluated = t;
    a.idleIn = empty && ev.state() == a.state ? a.state : null;
    if (ev.state() != a.state) {
      transition(a, t, t, ev, false);
    } else if (a.idleIn != null) {
      // the next evaluations decide the same until data or a new state comes: thousands of idle
      // alarms cost nothing at a boundary
      sleep(a);
    }
  }

  /** Whether the alarm's series has no sample in its evaluation range at boundary t. */
  private static boolean emptyRange(AlarmRuntime a, long t) {
    return a.series.series.maxTimestamp() < t - a.rangeSize * a.periodMillis;
  }

  /** The evaluation range at boundary t, oldest first ({@code empty}: {@link #emptyRange}). */
  private static List<Datapoint> range(AlarmRuntime a, long t, boolean empty) {
    int e = a.rangeSize;
    long p = a.periodMillis;
    MetricSeries s = a.series.series;
    List<Datapoint> out = new ArrayList<>(e);
    for (int i = e - 1; i >= 0; i--) {
      long end = t - i * p;
      out.add(empty ? Datapoint.missing(end - p) : s.datapoint(end - p, end, a.spec.statistic()));
    }
    return out;
  }

  private void transition(AlarmRuntime a, long time, long queryTime, Evaluation ev, boolean early) {
    AlarmSpec spec = a.spec;
    AlarmState old = a.state;
    String oldReason = a.reason;
    String oldData = a.reasonData;
    String reason = reasons.of(spec, ev);
    String data = reasonData.json(spec, ev, queryTime);
    touch(a);
    a.state = ev.state();
    a.reason = reason;
    a.reasonData = data;
    a.transitionedMillis = time;
    transitionCount++;
    Instant at = Instant.ofEpochMilli(time);
    if (options.history()) {
      a.addHistory(AlarmHistory.stateUpdate(spec.alarmName(), at, old, oldReason, oldData,
          a.state, reason, data));
    }
    boolean quietStart =
        !options.notifyInitialOk()
            && old == AlarmState.INSUFFICIENT_DATA
            && a.state == AlarmState.OK
            && StateReasons.INITIAL.equals(oldReason);
    listener.onTransition(new AlarmTransition(a.alarm, at, old, a.state, reason, data, early,
        spec.actionsEnabled() && !quietStart ? actionsFor(spec, a.state) : List.of()));
  }

  /**
   * AWS {@code SetAlarmState}: puts every alarm named {@code alarmName} (in any environment) in
   * {@code state} at {@code at}, until its next evaluation decides again from the data. A change
   * of state is a transition like any other (history item, listener, the new state's actions when
   * actions are enabled); the same state only replaces the reason, as on CloudWatch.
   *
   * @param reasonDataJson the StateReasonData, or null ({@code {}} is recorded)
   * @return false when no alarm has this name
   */
  public boolean setAlarmState(
      String alarmName, AlarmState state, String reason, @Nullable String reasonDataJson,
      Instant at) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    String data = reasonDataJson == null ? "{}" : reasonDataJson;
    boolean found = false;
    for (AlarmRuntime a : alarms) {
      if (!a.spec.alarmName().equals(alarmName)) {
        continue;
      }
      found = true;
      settle(a);
      touch(a);
      wake(a); // the next boundary decides again from the data
      AlarmState old = a.state;
      String oldReason = a.reason;
      String oldData = a.reasonData;
      a.reason = reason;
      a.reasonData = data;
      if (old == state) {
        continue;
      }
      a.state = state;
      a.transitionedMillis = at.toEpochMilli();
      if (options.history()) {
        a.addHistory(AlarmHistory.stateUpdate(a.spec.alarmName(), at, old, oldReason, oldData,
            state, reason, data));
      }
      listener.onTransition(new AlarmTransition(a.alarm, at, old, state, reason, data, false,
          a.spec.actionsEnabled() ? actionsFor(a.spec, state) : List.of()));
    }
    return found;
  }

  private static List<String> actionsFor(AlarmSpec spec, AlarmState state) {
    switch (state) {
      case ALARM:
        return spec.alarmActions();
      case OK:
        return spec.okActions();
      case INSUFFICIENT_DATA:
        return spec.insufficientDataActions();
      default:
        throw new AssertionError(state);
    }
  }

  /** True when no evaluation can change any state before new data is ingested. */
  private boolean quiescent() {
    for (AlarmRuntime a : alarms) {
      if (a.asleep) {
        continue; // idle: nothing changes before a sample wakes it
      }
      if (a.lastEvaluated == Long.MIN_VALUE
          || a.series.series.maxTimestamp() >= a.lastEvaluated - a.rangeMillis()) {
        return false;
      }
    }
    for (Route r : routes) {
      if (r.minuteFlags != null && r.minuteFlags.hasOpenMinutes()) {
        return false;
      }
    }
    return true;
  }

  private void evict(long t) {
    for (SeriesState st : series) {
      long m = st.series.modifications();
      st.series.evictBefore(t - st.retentionSpanMillis);
      if (st.series.modifications() != m) {
        touch(st);
      }
    }
    for (Route r : routes) {
      if (r.minuteFlags != null) {
        long horizon = t;
        for (SeriesState st : r.targets) {
          horizon = Math.min(horizon, st.series.horizonMillis());
        }
        r.minuteFlags.evictBefore(horizon);
      }
    }
    long oldest = t - HISTORY_RETENTION_MILLIS;
    for (AlarmRuntime a : alarms) {
      while (!a.history.isEmpty() && a.history.peekFirst().timestamp().toEpochMilli() < oldest) {
        a.history.pollFirst();
        touch(a);
      }
      a.droppedFromFront();
    }
  }

  private AlarmRuntime runtime(ResolvedAlarm alarm) {
    AlarmRuntime a = byAlarm.get(alarm);
    if (a == null) {
      Map<ResolvedAlarm, AlarmRuntime> equal = byEqualAlarm;
      if (equal == null) {
        equal = new HashMap<>();
        for (AlarmRuntime r : alarms) {
          equal.put(r.alarm, r);
        }
        byEqualAlarm = equal;
      }
      a = equal.get(alarm);
    }
    if (a == null) {
      throw new IllegalArgumentException("unknown alarm " + alarm.env() + "/"
          + alarm.spec().alarmName());
    }
    return a;
  }
}
