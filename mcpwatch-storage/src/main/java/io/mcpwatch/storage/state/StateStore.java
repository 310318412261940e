package io.mcpwatch.storage.state;

import io.mcpwatch.engine.EngineChanges;
import io.mcpwatch.engine.EngineSnapshot;
import io.mcpwatch.notify.OutboxItem;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.PruneResult;
import io.mcpwatch.storage.notify.JdbcOutbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The service's durable state: one atomic {@link #commit} per processed batch and {@link #load} on
 * start.
 *
 * <p><b>Exactly once.</b> A commit writes what the batch changed in the engine (alarm states,
 * reasons and timestamps, new history items, changed buckets), the sources' checkpoints after the
 * batch and the batch's outbox items in <em>one</em> transaction. After a crash at any instant the
 * database holds either the previous commit or this one, never a part; the service restores the
 * engine and the sources from {@link #load} and reads again from the committed checkpoints, so
 * every event counts once. Buckets are stored as absolute values (never incremented), outbox items
 * are keyed by id, so repeating work after a crash cannot double anything.
 *
 * <p><b>Cost.</b> The store remembers what it committed last and writes only the difference: a
 * batch that touched two buckets and no alarm state writes two bucket rows, the changed alarm
 * counters and the header. History items are appended, never rewritten. {@link #commit} finds the
 * difference by comparing a full snapshot with the committed state (every alarm and series); the
 * live service uses {@link #commitChanges} with {@link io.mcpwatch.engine.Engine#changes()}
 * instead, which visits only what changed (at 10,000 alarms the full comparison stalled ingest
 * for seconds), and falls back to a full commit for its first commit, after a reconfiguration
 * and after a failed commit, in parts ({@link #commit(StateCommit, int)}: many new alarms are
 * written a part per commit, not in one transaction). A minute boundary that moves every alarm's last evaluation is one
 * UPDATE statement.
 *
 * <p><b>Configuration changes.</b> Commit the reconfigured engine's snapshot: alarms that are gone
 * are marked removed (with an {@code Alarm "NAME" deleted} history item) and their history stays
 * readable until retention removes it; series no longer watched keep their buckets as history.
 *
 * <pre>{@code
 * StateStore store = StateStore.create(db, clock);
 * Optional<SavedState> saved = store.load();
 * Engine engine = saved.isPresent()
 *     ? Engine.restore(alarms, options, clock, listener, saved.get().engine())
 *     : Engine.create(alarms, options, clock, listener);
 * FileTailer tailer = saved.flatMap(s -> s.files("teams"))
 *     .map(cps -> FileTailer.resume(globs, tailOptions, cps, clock))
 *     .orElseGet(() -> FileTailer.start(globs, tailOptions, clock));
 * while (running) {
 *   TailBatch batch = tailer.poll();
 *   // ingest batch.lines(), engine.tick(); the listener plans outbox items for transitions
 *   store.commit(StateCommit.of(engine.snapshot())
 *       .withFiles("teams", batch.checkpoints())
 *       .withOutbox(planned));
 * }
 * }</pre>
 *
 * <p>Prunes old history, buckets and finished outbox items (see {@link
 * io.mcpwatch.storage.Retention}) inside a commit at most once an hour. Single writer: one store
 * per database; its methods are synchronized.
 */
public final class StateStore {

  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final Database db;
  private final InstantSource clock;
  private final JdbcOutbox outbox;
  private @Nullable Committed committed;
  private @Nullable Instant lastPrune;
  /** A full commit in parts: what it has not written yet, and how much each commit adds. */
  private NavigableMap<Integer, EngineSnapshot.AlarmSnapshot> unwrittenAlarms = new TreeMap<>();

  private NavigableMap<Integer, EngineSnapshot.SeriesSnapshot> unwrittenSeries = new TreeMap<>();
  private int partSize = Integer.MAX_VALUE;

  private StateStore(Database db, InstantSource clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.outbox = new JdbcOutbox(db);
  }

  /** A store on {@code db}; {@code clock} stamps commits, removals and pruning. */
  public static StateStore create(Database db, InstantSource clock) {
    return new StateStore(db, clock);
  }

  /** The last committed state, or empty when nothing was ever committed (a fresh database). */
  public synchronized Optional<SavedState> load() {
    Committed c = db.read(StateSql::load);
    if (!db.isReadOnly()) {
      committed = c;
      forgetUnwritten();
    }
    return c.hasMeta
        ? Optional.of(new SavedState(c.commitSeq, c.committedAt, c.snapshot(), c.checkpoints))
        : Optional.empty();
  }

  /**
   * Commits one batch atomically (see the class comment) and returns its commit number.
   *
   * @throws io.mcpwatch.storage.StorageException when the database fails; nothing of this commit is
   *     stored then, and the next commit writes everything that differs from the stored state
   * @throws IllegalStateException when called inside another transaction (a commit must be final
   *     when it returns)
   */
  public synchronized long commit(StateCommit commit) {
    return commit(commit, Integer.MAX_VALUE);
  }

  /**
   * {@link #commit(StateCommit)} in parts, for a commit of many new alarms (the first start with
   * 10,000 alarms wrote them in one transaction of up to a second, issue 14): writes everything
   * but the new alarms and series that are exactly as the engine created them (an alarm in
   * INSUFFICIENT_DATA, never evaluated, nothing matched, only its creation item; a series without
   * buckets) beyond the first {@code partSize} of each; each following {@link #commitChanges}
   * writes {@code partSize} more of them (and any of them that changed since, in the version it
   * is given) until none is left ({@link #hasUnwritten}).
   *
   * <p>A crash in between leaves a database without some alarms and series that nothing had
   * touched yet: a restart creates them anew, as it would have, and loses nothing that any commit
   * acknowledged (every event's effect, every transition and its outbox items are written in the
   * commit that holds them). Until then the stored state lacks them: readers of the database (the
   * console, {@code status}) see them once they are written, a moment after the start.
   *
   * @param partSize how many new alarms (and series) each commit writes, at least 1
   */
  public synchronized long commit(StateCommit commit, int partSize) {
    return commit(commit, partSize, List.of());
  }

  /**
   * {@link #commit(StateCommit, int)} that also stores the identities of the ingested batches it
   * holds ({@link #ingestTokens}), in the same transaction.
   */
  public synchronized long commit(StateCommit commit, int partSize, List<IngestToken> tokens) {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(tokens, "tokens");
    if (partSize < 1) {
      throw new IllegalArgumentException("partSize: expected at least 1; found " + partSize);
    }
    if (db.isInTransaction()) {
      throw new IllegalStateException("commit must not run inside another transaction");
    }
    Instant now = clock.instant();
    boolean prune = lastPrune == null || !now.isBefore(lastPrune.plus(PRUNE_EVERY));
    StateDiff[] diff = new StateDiff[1];
    try {
      db.transaction(
          c -> {
            Committed base = committed != null ? committed : StateSql.load(c);
            StateDiff d = StateDiff.between(base, commit, now, partSize);
            StateSql.write(c, d);
            writeTokens(c, tokens);
            if (!commit.outbox().isEmpty()) {
              outbox.enqueue(commit.outbox());
            }
            if (prune) {
              db.prune(now);
            }
            diff[0] = d;
            return null;
          });
    } catch (RuntimeException e) {
      committed = null; // the outcome may be unknown (a lost connection): re-read before the next
      forgetUnwritten();
      throw e;
    }
    StateDiff d = Objects.requireNonNull(diff[0]);
    committed = d.next;
    unwrittenAlarms = d.unwrittenAlarms;
    unwrittenSeries = d.unwrittenSeries;
    this.partSize = partSize;
    if (prune) {
      lastPrune = now;
    }
    return d.next.commitSeq;
  }

  /**
   * True when {@link #commitChanges} can be used: this store knows the committed state (it loaded
   * or committed it and no commit failed since).
   */
  public synchronized boolean knowsCommittedState() {
    return committed != null;
  }

  /**
   * True while a {@linkplain #commit(StateCommit, int) full commit in parts} has alarms or series
   * left to write: the caller keeps committing (its changes, or nothing new) until this is false.
   */
  public synchronized boolean hasUnwritten() {
    return !unwrittenAlarms.isEmpty() || !unwrittenSeries.isEmpty();
  }

  private void forgetUnwritten() {
    unwrittenAlarms = new TreeMap<>();
    unwrittenSeries = new TreeMap<>();
  }

  /**
   * Commits one batch like {@link #commit}, given only what changed in the engine since the state
   * this store committed last ({@link io.mcpwatch.engine.Engine#changes()} called right after the
   * engine's previous commit). Writes the same rows as a commit of the full snapshot would, without
   * comparing every alarm and series.
   *
   * @throws IllegalStateException when this store does not {@linkplain #knowsCommittedState know
   *     the committed state}, or the changes do not fit it; nothing is written then, and the caller
   *     commits a full snapshot instead
   */
  public synchronized long commitChanges(
      EngineChanges changes,
      Map<String, SourceCheckpoint> checkpoints,
      List<OutboxItem> items) {
    return commitChanges(changes, checkpoints, items, List.of());
  }

  /**
   * {@link #commitChanges(EngineChanges, Map, List)} that also stores the identities of the
   * ingested batches it holds ({@link #ingestTokens}), in the same transaction.
   */
  public synchronized long commitChanges(
      EngineChanges changes,
      Map<String, SourceCheckpoint> checkpoints,
      List<OutboxItem> items,
      List<IngestToken> tokens) {
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(tokens, "tokens");
    if (db.isInTransaction()) {
      throw new IllegalStateException("commit must not run inside another transaction");
    }
    Committed base = committed;
    if (base == null) {
      throw new IllegalStateException("the committed state is not known: commit a snapshot");
    }
    Instant now = clock.instant();
    boolean prune = lastPrune == null || !now.isBefore(lastPrune.plus(PRUNE_EVERY));
    // base (and the unwritten parts) become the new state in place: unknown (re-read by the next
    // full commit) until the transaction succeeded
    committed = null;
    StateDiff d;
    try {
      d = StateDiff.changes(base, changes, checkpoints, now, unwrittenAlarms, unwrittenSeries,
          partSize);
      db.transaction(
          c -> {
            StateSql.write(c, d);
            writeTokens(c, tokens);
            if (!items.isEmpty()) {
              outbox.enqueue(items);
            }
            if (prune) {
              db.prune(now);
            }
            return null;
          });
    } catch (RuntimeException e) {
      forgetUnwritten();
      throw e;
    }
    committed = d.next;
    if (prune) {
      lastPrune = now;
    }
    return d.next.commitSeq;
  }

  /**
   * The ingested batches' identities committed at or after {@code since} (oldest first): what a
   * restarted service must still recognise as already counted.
   */
  public List<IngestToken> ingestTokens(Instant since) {
    return db.read(
        c -> {
          List<IngestToken> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT token, taken_ms FROM ingest_tokens WHERE taken_ms >= ?"
                      + " ORDER BY taken_ms, token")) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new IngestToken(rs.getString(1), rs.getLong(2)));
              }
            }
          }
          return out;
        });
  }

  private static void writeTokens(Connection c, List<IngestToken> tokens) throws SQLException {
    if (tokens.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO ingest_tokens (token, taken_ms) VALUES (?, ?)"
                + " ON CONFLICT (token) DO NOTHING")) {
      for (IngestToken t : tokens) {
        ps.setString(1, t.token());
        ps.setLong(2, t.takenAtMillis());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Prunes now (commits also prune, hourly). */
  public synchronized PruneResult prune() {
    Instant now = clock.instant();
    PruneResult r = db.prune(now);
    lastPrune = now;
    return r;
  }
}
