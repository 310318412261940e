package io.mcpwatch.live;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.AlarmStatus;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.engine.Engine;
import io.mcpwatch.engine.EngineChanges;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.ActionHistoryItem;
import io.mcpwatch.notify.AlarmNotice;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.notify.Plan;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.server.ingest.EventQueue;
import io.mcpwatch.storage.StorageException;
import io.mcpwatch.storage.state.IngestToken;
import io.mcpwatch.storage.state.SourceCheckpoint;
import io.mcpwatch.storage.state.StateCommit;
import io.mcpwatch.storage.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine thread: the only thread that touches the {@link Engine}. Each round it runs queued
 * tasks, ingests queued source batches and HTTP events, ticks the engine (so boundaries and early
 * firing are timely), plans notifications for the transitions, and commits: engine state, the
 * sources' checkpoints valid after the ingested batches, and the new outbox items, in one
 * transaction. A source's position counts as committed only once that commit returned.
 *
 * <p>A due minute boundary does not hold up what is already queued: the batches waiting when the
 * loop finds the boundary due are ingested (the engine's clock held just before the boundary, as
 * if this thread had been a little faster) and committed first, so their HTTP requests are
 * answered before the boundary's evaluations, planning and commit run. A boundary that moves many
 * alarms runs in slices ({@link Engine#tick(int)}, {@link #BOUNDARY_SLICE} transitions each):
 * each slice's transitions are planned and committed with their outbox items in one transaction,
 * and the batches that arrived meanwhile are ingested and committed between slices (the engine
 * evaluates an alarm at the boundary before any of their samples reaches it, so the result is
 * that of one undivided boundary). Many transitions at once
 * (the first boundary after a start moves every alarm out of INSUFFICIENT_DATA) are logged as one
 * summary line; each alarm's line is then at debug level.
 *
 * <p>Commits happen at once after a transition, otherwise at most every {@code commitInterval}
 * while events arrive; a failed commit is retried (everything since the last good commit is in
 * the next one); the HTTP requests waiting for it are answered 503 at once. Only a {@linkplain
 * StorageException#isFatal fatal} failure (the database file deleted or replaced) ends the loop.
 */
final class EngineLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EngineLoop.class);
  private static final int MAX_BATCHES_PER_ROUND = 64;
  private static final long MAX_IDLE_MILLIS = 50;
  private static final int MAX_PROBLEMS_PER_SUMMARY = 10;
  /** More transitions than this in one round are logged as one summary line (each at debug). */
  static final int MAX_TRANSITION_LINES = 10;
  /**
   * A boundary's evaluations run in slices of about this many transitions, each planned and
   * committed before the next, with the queued batches ingested in between (issue 14: the first
   * boundary after a start moves all 10,000 alarms and held ingest for seconds).
   */
  static final int BOUNDARY_SLICE = 250;
  /**
   * A full commit (the first after a start, after a reconfiguration or a failed commit) writes
   * at most this many new, untouched alarms and series; the next commits write the rest, this
   * many each, with whatever they commit anyway ({@link StateStore#commit(StateCommit, int)};
   * issue 14: the first start with 10,000 alarms wrote them in one transaction of up to 1 s,
   * which every HTTP request waited for).
   */
  static final int FULL_COMMIT_PART = 1000;

  private final StateStore store;
  private final SubscriptionManager subscriptions;
  private final InstantSource clock;
  /** The engine's clock: {@link #clock}, held before a due boundary while the queue is drained. */
  private final HeldClock engineClock;
  private final Inbox inbox;
  private final @Nullable EventQueue http;
  private final RunListener listener;
  private final Runnable wakeDispatcher;
  private final Supplier<OutboxHealth> outboxHealth;
  private final long commitIntervalNanos;
  private final long statsIntervalNanos;
  private final TriggerLines triggers;
  private final Telemetry telemetry;
  private volatile Runnable afterCommit = () -> {};
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private final long startNanos = System.nanoTime();

  private Engine engine;
  private Map<String, ResolvedAlarm> byName = Map.of();
  private final List<AlarmTransition> fresh;
  private final List<OutboxItem> pendingItems = new ArrayList<>();
  /** The identities of the HTTP batches ingested since the last commit (PutLogEvents digests). */
  private final List<IngestToken> pendingTokens = new ArrayList<>();
  private final Map<String, SourceCheckpoint> pendingCheckpoints = new LinkedHashMap<>();
  private boolean dirty;
  private boolean commitNow;
  /**
   * The next commit writes the whole snapshot (compared with the stored state) instead of {@link
   * Engine#changes()}: the first commit, after a reconfiguration and after a failed commit.
   */
  private boolean fullCommit = true;
  private long lastCommitNanos;
  private long commitBackoffNanos;
  /** The engine's next boundary as last seen (a boundary may also run inside an ingest). */
  private long nextBoundaryMillis;

  private InputCounts input = InputCounts.ZERO;
  private long httpEvents;
  private long transitions;
  private long commits;
  private long commitFailures;
  private long maxCommitMillis;
  private int problemsLogged;
  /** Unknown-log-group events counted by engines replaced by a reload. */
  private long unknownBefore;
  private RunStats lastSummary = RunStats.zero();
  private long nextSummaryNanos;
  private volatile RunStats latest = RunStats.zero();

  /** History items per alarm the engine keeps in memory once committed. */
  static final int HISTORY_IN_MEMORY = 1;

  private volatile boolean stopRequested;
  private volatile @Nullable Throwable failure;

  EngineLoop(
      List<ResolvedAlarm> alarms,
      EngineOptions options,
      @Nullable EngineSnapshot restored,
      StateStore store,
      SubscriptionManager subscriptions,
      InstantSource clock,
      Inbox inbox,
      @Nullable EventQueue http,
      RunListener listener,
      Runnable wakeDispatcher,
      Supplier<OutboxHealth> outboxHealth,
      int maxTriggerLines,
      Duration commitInterval,
      Duration statsInterval,
      Telemetry telemetry) {
    this(prepare(alarms, options, clock), restored, store, subscriptions, clock, inbox, http,
        listener, wakeDispatcher, outboxHealth, maxTriggerLines, commitInterval, statsInterval,
        telemetry);
  }

  /**
   * The loop of an engine {@link #prepare}d with the same {@code clock}; {@code restored} (the last
   * commit) is restored into it here: the same engine as {@link Engine#restore}.
   */
  EngineLoop(
      Prepared prepared,
      @Nullable EngineSnapshot restored,
      StateStore store,
      SubscriptionManager subscriptions,
      InstantSource clock,
      Inbox inbox,
      @Nullable EventQueue http,
      RunListener listener,
      Runnable wakeDispatcher,
      Supplier<OutboxHealth> outboxHealth,
      int maxTriggerLines,
      Duration commitInterval,
      Duration statsInterval,
      Telemetry telemetry) {
    this.store = store;
    this.telemetry = telemetry;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.engineClock = prepared.clock;
    this.fresh = prepared.fresh;
    this.inbox = inbox;
    this.http = http;
    this.listener = listener;
    this.wakeDispatcher = wakeDispatcher;
    this.outboxHealth = outboxHealth;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.statsIntervalNanos = statsInterval.toNanos();
    this.triggers = new TriggerLines(maxTriggerLines);
    this.engine = prepared.engine;
    if (restored != null) {
      engine.restoreSnapshot(restored);
    }
    alarmsChanged();
    this.nextBoundaryMillis = engine.nextBoundary().toEpochMilli();
    this.dirty = true; // the first commit records the (new or restored) engine at once
    this.commitNow = true;
    this.nextSummaryNanos = startNanos + statsIntervalNanos;
  }

  // ---------------------------------------------------------------- other threads

  /** Runs {@code task} on the engine thread (before the next batch). */
  /** Runs {@code hook} on the engine thread after every successful commit (must not throw). */
  void afterCommit(Runnable hook) {
    this.afterCommit = hook;
  }

  /** The last log lines that matched the alarm's filter; safe from any thread. */
  List<TriggerLine> triggerLines(String env, String alarmName) {
    return triggers.published(env, alarmName);
  }

  void submit(Runnable task) {
    tasks.add(task);
    inbox.wake();
  }

  /**
   * AWS SetAlarmState, from an HTTP thread: the engine sets the state until the alarm's next
   * evaluation; a change is planned and committed like any transition.
   */
  void setAlarmState(
      String alarmName, AlarmState state, String reason, @Nullable String reasonDataJson) {
    submit(
        () -> {
          if (engine.setAlarmState(alarmName, state, reason, reasonDataJson, clock.instant())) {
            dirty = true;
            commitNow = true;
          }
        });
  }

  /** Records a delivery outcome in the alarm's history (from the dispatcher's thread). */
  void actionOutcome(ActionHistoryItem item) {
    submit(() -> recordAction(item));
  }

  /** Asks the loop to process what is queued, commit and end. */
  void requestStop() {
    stopRequested = true;
    inbox.wake();
  }

  /** Waits for the loop to end. */
  boolean await(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the loop ended abnormally, or null. */
  @Nullable Throwable failure() {
    return failure;
  }

  /**
   * Asks the engine thread for the alarm states and the metrics' last complete minute; completes
   * once the thread ran it (never, if the loop ended).
   */
  CompletableFuture<EngineGauges> gauges() {
    CompletableFuture<EngineGauges> f = new CompletableFuture<>();
    submit(() -> {
      try {
        f.complete(readGauges());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  /** Engine thread: one walk over the alarms, one minute lookup per distinct metric. */
  private EngineGauges readGauges() {
    long minute = Math.floorDiv(clock.millis(), 60_000L) * 60_000L - 60_000L;
    List<EngineGauges.AlarmGauge> alarms = new ArrayList<>();
    Map<MetricKey, EngineGauges.MetricGauge> metrics = new LinkedHashMap<>();
    for (AlarmStatus st : engine.statuses()) {
      ResolvedAlarm a = st.alarm();
      AlarmSpec spec = a.spec();
      alarms.add(new EngineGauges.AlarmGauge(a.env(), a.app(), spec.alarmName(), st.state(),
          st.lastTransition()));
      MetricKey key =
          new MetricKey(a.env(), spec.namespace(), spec.metricName(), spec.dimensions());
      if (!metrics.containsKey(key)) {
        EngineGauges.MetricGauge g = new EngineGauges.MetricGauge(key, 0, 0, Double.NaN,
            Double.NaN);
        for (MinuteAggregate m : engine.minutes(a)) {
          if (m.start().toEpochMilli() == minute) {
            g = new EngineGauges.MetricGauge(key, m.sampleCount(), m.sum(), m.min(), m.max());
          }
        }
        metrics.put(key, g);
      }
    }
    return new EngineGauges(Instant.ofEpochMilli(minute), alarms,
        new ArrayList<>(metrics.values()));
  }

  /** The counters as of the last round (any thread). */
  RunStats stats() {
    return latest;
  }

  // ---------------------------------------------------------------- the loop

  @Override
  public void run() {
    try {
      while (true) {
        boolean stopping = stopRequested; // everything queued before the request is processed
        int work = beforeBoundary();
        work += evaluateDueBoundary();
        work += runTasks() + drainSources() + drainHttp();
        if (!engine.boundaryInProgress()) {
          engine.tick(BOUNDARY_SLICE);
        }
        afterIngest(List.of());
        maybeCommit(stopping);
        if (dirty && store.hasUnwritten()) {
          work++; // the next part of a full commit in parts, without waiting
        }
        summary();
        if (stopping && work == 0 && inbox.isEmpty() && tasks.isEmpty()
            && (http == null || http.size() == 0)) {
          // the final commit (a no-op when nothing changed), with what a full commit in parts
          // has not written yet
          while (commit() && store.hasUnwritten()) {
            dirty = true;
          }
          return;
        }
        if (work == 0) {
          long untilBoundary = engine.nextBoundary().toEpochMilli() - clock.millis();
          inbox.await(Math.max(1, Math.min(MAX_IDLE_MILLIS, untilBoundary)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StorageException e) {
      failure = e; // logged in one line where it was thrown when fatal
      if (!e.isFatal()) {
        log.error("the engine loop failed: {}", e.toString(), e);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("the engine loop failed: {}", e.toString(), e);
    } finally {
      done.countDown();
    }
  }

  /**
   * When a boundary is due (or in progress: before each slice) and batches are queued: ingests
   * them, with the engine's clock held just before a boundary not yet started, and commits them,
   * so that the boundary's work does not delay their answers. The engine sees exactly what it would have seen had this thread taken them a moment
   * earlier: their samples count in the boundary's evaluation (timestamps before it), nothing is
   * evaluated twice and nothing is skipped. At most one round's batches; a failed commit leaves
   * them for the next (the usual retry).
   */
  private int beforeBoundary() {
    long boundary = engine.nextBoundary().toEpochMilli();
    boolean inProgress = engine.boundaryInProgress();
    if ((!inProgress && clock.millis() < boundary)
        || (inbox.isEmpty() && (http == null || http.size() == 0))) {
      return 0;
    }
    int n;
    if (!inProgress) {
      engineClock.holdBefore(boundary); // between slices the engine evaluates what a batch reaches
    }
    try {
      n = drainSources() + drainHttp();
      if (dirty && System.nanoTime() - lastCommitNanos >= commitBackoffNanos) {
        commit();
      }
    } finally {
      engineClock.release();
    }
    return n;
  }

  /**
   * Runs one slice ({@link #BOUNDARY_SLICE} transitions) of a boundary that is due or in progress,
   * timed, at the start of each round, and before a batch when none is in progress: the engine
   * would start it inside the next ingest anyway (a boundary that passes while a batch is ingested
   * is still run there, untimed). Returns 1 while the boundary is still in progress.
   */
  private int evaluateDueBoundary() {
    if (engineClock.isHeld()) {
      return 0;
    }
    if (!engine.boundaryInProgress()) {
      if (clock.millis() < nextBoundaryMillis) {
        return 0;
      }
      nextBoundaryMillis = engine.nextBoundary().toEpochMilli();
      if (clock.millis() < nextBoundaryMillis) {
        return 0;
      }
    }
    long t0 = System.nanoTime();
    boolean done = engine.tick(BOUNDARY_SLICE);
    telemetry.boundary(System.nanoTime() - t0);
    nextBoundaryMillis = engine.nextBoundary().toEpochMilli();
    return done ? 0 : 1;
  }

  private int runTasks() {
    int n = 0;
    for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
      t.run();
      n++;
    }
    return n;
  }

  private int drainSources() {
    int n = 0;
    for (SourceBatch b = null; n < MAX_BATCHES_PER_ROUND && (b = inbox.poll()) != null; n++) {
      for (String notice : b.notices()) {
        log.info("{}: {}", b.source().label(), notice);
        listener.sourceNotice(b.source().label(), notice);
      }
      ingest(b.events());
      input = input.plus(b.counts());
      if (!b.events().isEmpty()) {
        dirty = true;
      }
      if (b.checkpoints() != null) {
        pendingCheckpoints.put(
            b.source().key(), SourceCheckpoint.files(b.checkpoints(), b.gaps()));
        dirty = true;
      }
      for (String problem : b.problems()) {
        if (problemsLogged++ < MAX_PROBLEMS_PER_SUMMARY) {
          log.warn("{}: skipped a line: {}", b.source().label(), problem);
        }
      }
    }
    return n;
  }

  private int drainHttp() {
    if (http == null) {
      return 0;
    }
    int n = 0;
    for (EventQueue.Batch q = null; n < MAX_BATCHES_PER_ROUND && (q = http.pollBatch()) != null;
        n++) {
      List<LogEvent> b = q.events();
      ingest(b);
      if (q.token() != null) { // committed with the events: a retry after a restart counts nothing
        pendingTokens.add(new IngestToken(q.token(), clock.millis()));
      }
      httpEvents += b.size();
      dirty = true;
      commitNow = true; // its client waits for the commit before it gets its 200
    }
    return n;
  }

  private void ingest(List<LogEvent> events) {
    if (!engine.boundaryInProgress()) {
      evaluateDueBoundary(); // per batch, so that a boundary is rarely started (untimed) by ingest
    }
    for (LogEvent e : events) {
      engine.ingest(e);
    }
    afterIngest(events);
  }

  /** Remembers triggering lines, then reports and plans the transitions of what was ingested. */
  private void afterIngest(List<LogEvent> events) {
    if (!events.isEmpty()) {
      triggers.update(events, engine::matchedSince);
    }
    if (fresh.isEmpty()) {
      return;
    }
    List<AlarmTransition> ts = List.copyOf(fresh);
    fresh.clear();
    logTransitions(ts);
    List<AlarmTransition> withActions = new ArrayList<>();
    for (AlarmTransition t : ts) {
      transitions++;
      listener.transition(t);
      if (!t.actions().isEmpty()) {
        withActions.add(t);
      }
    }
    plan(withActions);
    dirty = true;
    commitNow = true;
  }

  /**
   * One line per transition; more than {@link #MAX_TRANSITION_LINES} at once (10,000 alarms leave
   * INSUFFICIENT_DATA together at the first boundary) are one summary line, each at debug level.
   */
  private static void logTransitions(List<AlarmTransition> ts) {
    boolean each = ts.size() <= MAX_TRANSITION_LINES;
    if (each || log.isDebugEnabled()) {
      for (AlarmTransition t : ts) {
        String format = "{} {} -> {}{}: {}";
        Object[] args = {t.alarm().spec().alarmName(), t.oldState(), t.newState(),
            t.early() ? " (early)" : "", t.reason()};
        if (each) {
          log.info(format, args);
        } else {
          log.debug(format, args);
        }
      }
    }
    if (!each) {
      log.info("{}", transitionSummary(ts));
    }
  }

  /** "10000 alarms changed state at T: INSUFFICIENT_DATA -> OK 10000 (a, b, c, ...)". */
  static String transitionSummary(List<AlarmTransition> ts) {
    Map<String, Integer> byChange = new LinkedHashMap<>();
    for (AlarmTransition t : ts) {
      byChange.merge(t.oldState() + " -> " + t.newState(), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    b.append(ts.size()).append(" alarms changed state at ").append(ts.get(0).time()).append(": ");
    String sep = "";
    for (Map.Entry<String, Integer> e : byChange.entrySet()) {
      b.append(sep).append(e.getKey()).append(' ').append(e.getValue());
      sep = ", ";
    }
    b.append(" (");
    for (int i = 0; i < 3 && i < ts.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(ts.get(i).alarm().spec().alarmName());
    }
    b.append(ts.size() > 3 ? ", ...)" : ")");
    b.append("; each alarm's line at debug level (-Dmcpwatch.log.level=DEBUG)");
    return b.toString();
  }

  /** Plans the notifications of transitions with actions, reading the subscriptions once. */
  private void plan(List<AlarmTransition> ts) {
    if (ts.isEmpty()) {
      return;
    }
    List<AlarmNotice> notices = new ArrayList<>(ts.size());
    List<Plan> plans;
    try {
      for (AlarmTransition t : ts) {
        notices.add(notice(t));
      }
      plans = subscriptions.plan(notices);
    } catch (RuntimeException e) {
      plans = null; // find which: one at a time, as before
    }
    if (plans == null) {
      for (AlarmTransition t : ts) {
        plan(t);
      }
      return;
    }
    for (Plan p : plans) {
      pendingItems.addAll(p.items());
      p.history().forEach(this::recordAction);
    }
  }

  private void plan(AlarmTransition t) {
    Plan p;
    try {
      p = subscriptions.plan(notice(t));
    } catch (RuntimeException e) {
      log.error("cannot plan the notifications of {}: {}", t.alarm().spec().alarmName(),
          e.toString());
      return;
    }
    pendingItems.addAll(p.items());
    p.history().forEach(this::recordAction);
  }

  private AlarmNotice notice(AlarmTransition t) {
    ResolvedAlarm a = t.alarm();
    long periodMillis = a.spec().periodSeconds() * 1000L;
    long end = Math.floorDiv(t.time().toEpochMilli() + 59_999L, 60_000L) * 60_000L;
    long start = end - periodMillis * a.spec().evaluationPeriods();
    List<TriggerLine> lines = triggers.since(a, Instant.ofEpochMilli(start));
    long count = lines.size();
    if (a.filter().transformation().defaultValue() == null) {
      count = 0;
      for (MinuteAggregate m : engine.minutes(a)) {
        long ms = m.start().toEpochMilli();
        if (ms >= start && ms < end) {
          count += m.sampleCount();
        }
      }
    }
    return new AlarmNotice(a.spec(), t.oldState(), t.newState(), t.reason(), t.time(),
        configuredAt(a), t.actions(), lines, count, a.logGroup(), a.filter().pattern().text());
  }

  /** When the alarm's configuration last changed (its newest ConfigurationUpdate item). */
  private Instant configuredAt(ResolvedAlarm a) {
    return engine.configuredAt(a);
  }

  private void recordAction(ActionHistoryItem item) {
    ResolvedAlarm a = byName.get(item.alarmName());
    if (a == null) {
      return; // removed from the configuration meanwhile
    }
    String reason = null;
    if (!item.succeeded()) {
      int i = item.summary().indexOf(". Reason: ");
      reason = i < 0 ? item.summary() : item.summary().substring(i + ". Reason: ".length());
    }
    engine.recordAction(a, item.timestamp(), item.actionArn(), reason);
    dirty = true;
  }

  // ---------------------------------------------------------------- commits

  private void maybeCommit(boolean stopping) {
    if (!dirty) {
      return;
    }
    long since = System.nanoTime() - lastCommitNanos;
    if (since < commitBackoffNanos) {
      return;
    }
    if (commitNow || stopping || since >= commitIntervalNanos) {
      commit();
    }
  }

  /** True when nothing was to be committed or the commit succeeded. */
  private boolean commit() {
    if (!dirty) {
      return true;
    }
    long httpBatches = http == null ? 0 : http.taken(); // polled on this thread: all ingested
    long t0 = System.nanoTime();
    lastCommitNanos = t0;
    // what changed since the previous commit; always taken, so that the next is relative to this
    EngineChanges changes = engine.changes();
    try {
      boolean written = false;
      if (!fullCommit && store.knowsCommittedState()) {
        try {
          store.commitChanges(changes, pendingCheckpoints, pendingItems, pendingTokens);
          written = true;
        } catch (IllegalStateException e) {
          log.warn("committing the changes alone failed ({}); committing the whole state",
              e.getMessage());
        }
      }
      if (!written) {
        store.commit(new StateCommit(engine.snapshot(), pendingCheckpoints, pendingItems),
            FULL_COMMIT_PART, pendingTokens);
      }
      fullCommit = false;
      if (!store.hasUnwritten()) {
        engine.committed(); // all stored: the engine may let go of the history it reported
      }
    } catch (StorageException e) {
      fullCommit = true;
      if (e.isFatal()) {
        commitFailures++;
        if (http != null) {
          http.commitFailed(httpBatches, "storage lost");
        }
        log.error("FATAL: {}", e.getMessage());
        throw e; // ends the loop: the service stops and `mcpwatch run` exits with status 1
      }
      commitFailed(e, httpBatches);
      return false;
    } catch (RuntimeException e) {
      fullCommit = true;
      commitFailed(e, httpBatches);
      return false;
    }
    long nanos = System.nanoTime() - t0;
    telemetry.commit(nanos);
    long ms = nanos / 1_000_000;
    maxCommitMillis = Math.max(maxCommitMillis, ms);
    commits++;
    commitBackoffNanos = 0;
    afterCommit.run();
    if (http != null) {
      http.committedThrough(httpBatches);
    }
    boolean items = !pendingItems.isEmpty();
    pendingItems.clear();
    pendingCheckpoints.clear();
    pendingTokens.clear();
    // a full commit in parts: the next round commits the next part
    dirty = store.hasUnwritten();
    commitNow = dirty;
    if (items) {
      wakeDispatcher.run();
    }
    return true;
  }

  private void commitFailed(RuntimeException e, long httpBatches) {
    commitFailures++;
    commitBackoffNanos = Math.min(Math.max(commitBackoffNanos * 2, 100_000_000L),
        5_000_000_000L);
    log.error("commit failed (retrying in {} ms; nothing is lost while the service runs): {}",
        commitBackoffNanos / 1_000_000, e.getMessage());
    if (http != null) {
      http.commitFailed(httpBatches, "storage unavailable"); // 503 now, never a 200 unstored
    }
  }

  // ---------------------------------------------------------------- configuration

  /** Replaces the alarms, keeping the state of those that stay (engine thread only). */
  void reconfigure(List<ResolvedAlarm> alarms) {
    unknownBefore += engine.stats().unknownLogGroupEvents();
    engine = engine.reconfigure(alarms);
    fullCommit = true;
    alarmsChanged();
    nextBoundaryMillis = engine.nextBoundary().toEpochMilli();
    dirty = true;
    commitNow = true;
  }

  private void alarmsChanged() {
    Map<String, ResolvedAlarm> m = new HashMap<>();
    engine.statuses().forEach(s -> m.putIfAbsent(s.alarm().spec().alarmName(), s.alarm()));
    byName = m;
    triggers.reset(engine.statuses());
  }

  // ---------------------------------------------------------------- stats

  private void summary() {
    long now = System.nanoTime();
    RunStats s = currentStats(now, latest);
    latest = s;
    if (now < nextSummaryNanos) {
      return;
    }
    nextSummaryNanos = now + statsIntervalNanos;
    OutboxHealth h;
    try {
      h = outboxHealth.get();
    } catch (RuntimeException e) {
      h = new OutboxHealth(-1, -1, -1, null, Duration.ZERO);
    }
    s = withOutbox(s, h);
    latest = s;
    log.info("{}", s.line(lastSummary));
    listener.stats(s);
    lastSummary = s;
    problemsLogged = 0;
  }

  private RunStats currentStats(long now, RunStats previous) {
    return new RunStats(
        Duration.ofNanos(now - startNanos),
        input.lines(),
        input.bytes(),
        input.events(),
        httpEvents,
        input.malformed(),
        input.oversized(),
        input.invalidUtf8(),
        engine.stats().unknownLogGroupEvents() + unknownBefore,
        transitions,
        commits,
        commitFailures,
        maxCommitMillis,
        previous.outboxPending(),
        previous.outboxStuck());
  }

  /**
   * The engine's clock: the service's, or held just before a boundary while the batches queued
   * before it are ingested (engine thread only).
   */
  /**
   * An engine built before its loop (a start builds it while the database opens): the loop's held
   * clock and transition list are made with it.
   */
  static final class Prepared {
    private final HeldClock clock;
    private final List<AlarmTransition> fresh = new ArrayList<>();
    private final Engine engine;

    private Prepared(List<ResolvedAlarm> alarms, EngineOptions options, InstantSource clock) {
      this.clock = new HeldClock(clock);
      // history is stored by every commit and read back from the database (console, AWS,
      // status): the engine keeps only each alarm's newest stored item in memory (issue 14:
      // 10,000 alarms' transitions outgrew the heap within minutes)
      this.engine = Engine.create(alarms, options.withHistoryInMemory(HISTORY_IN_MEMORY),
          this.clock, fresh::add);
    }
  }

  /**
   * Builds the engine of a loop on {@code clock}: its alarms in INSUFFICIENT_DATA, as {@link
   * Engine#create}.
   *
   * @throws IllegalArgumentException as {@link Engine#create}
   */
  static Prepared prepare(List<ResolvedAlarm> alarms, EngineOptions options, InstantSource clock) {
    return new Prepared(alarms, options, clock);
  }

  static final class HeldClock implements InstantSource {
    private final InstantSource clock;
    private long before = Long.MIN_VALUE;

    HeldClock(InstantSource clock) {
      this.clock = clock;
    }

    /** Until {@link #release}: at most {@code boundaryMillis - 1}. */
    void holdBefore(long boundaryMillis) {
      before = boundaryMillis;
    }

    void release() {
      before = Long.MIN_VALUE;
    }

    boolean isHeld() {
      return before != Long.MIN_VALUE;
    }

    @Override
    public long millis() {
      long now = clock.millis();
      return isHeld() ? Math.min(now, before - 1) : now;
    }

    @Override
    public Instant instant() {
      return isHeld() ? Instant.ofEpochMilli(millis()) : clock.instant();
    }
  }

  private static RunStats withOutbox(RunStats s, OutboxHealth h) {
    return new RunStats(s.uptime(), s.lines(), s.bytes(), s.sourceEvents(), s.httpEvents(),
        s.malformed(), s.oversized(), s.invalidUtf8(), s.unknownLogGroup(), s.transitions(),
        s.commits(), s.commitFailures(), s.maxCommitMillis(), h.pending(), h.stuck());
  }
}
