/**
 * The live service behind {@code mcpwatch run} and {@code mcpwatch demo}: the parts of mcpwatch
 * wired together on the real clock. Start here: {@link io.mcpwatch.live.LiveService#start}
 * with a {@link io.mcpwatch.live.ServicePlan}.
 *
 * <p>Data flow: a thread per source ({@code FileSource}: a {@code FileTailer} with exact
 * checkpoints; {@code StdinSource}) decodes lines into events and queues them, with the checkpoints
 * valid after them, in a bounded {@code Inbox}; HTTP ingest queues events in the server's bounded
 * {@code EventQueue}. One engine thread ({@code EngineLoop}) drains both, ticks the engine at least
 * every 50 ms, turns transitions into outbox items ({@code SubscriptionManager.plan}) and commits
 * engine state + checkpoints + outbox items in one storage transaction. At a minute boundary the
 * batches already queued are ingested and committed first, and a boundary that moves many alarms
 * runs in slices, each committed with its outbox items, with batches ingested in between. The dispatcher thread
 * delivers the outbox and reports outcomes back to the engine thread as Action history.
 *
 * <p>AWS: {@code LiveService} mounts mcpwatch-aws's endpoints (CloudWatch Logs into the same
 * {@code EventQueue}; the CloudWatch read side from {@code LiveReadModel}, which reads the last
 * commit like {@code status}; SetAlarmState as a task on the engine thread).
 *
 * <p>Start-up: {@code run} warms up logging, Flyway and Jetty on a second thread ({@code WarmUp})
 * while it reads the configuration. {@code start} then opens the database (its lock, Flyway),
 * starts loading the SNS signing key ({@code BackgroundSigningKeys}) and reads the last commit on a
 * second thread ({@code OpeningStorage}) while the starting thread builds the engine ({@code
 * EngineLoop.prepare}); it awaits both, and the key's files, before the subscriptions are
 * reconciled and before any thread starts. A fresh data directory's key is made after the start
 * (its RSA prime search costs up to seconds of CPU under C1), or when a signature needs it first;
 * {@code stop} awaits it. A failed start reports what a sequential start would (the database
 * first) and leaves no thread or lock.
 *
 * <p>Restart: the last commit restores the engine and resumes every file source at its committed
 * checkpoint, so no line is lost or counted twice. An HTTP ingest request is answered only once
 * its events are committed (or after 5 s), so a client that got its 200 lost nothing. Stdin lines
 * not yet committed when the process dies are lost: a pipe cannot be re-read.
 *
 * <p>Metrics: {@code Telemetry} holds the Prometheus registry behind {@code GET /metrics}; its
 * {@code ServiceCollector} reads the counters above at scrape time (alarm states and the metrics'
 * last minute come from the engine thread as a task, {@code EngineGauges}), so the per-event path
 * does no extra work.
 *
 * <p>Reading: {@code LiveReadModel} implements {@link io.mcpwatch.readmodel.ReadModel} from the
 * database through a read-only connection (the alarm list cached per commit: the engine thread
 * bumps its version after each commit) and from the engine loop's last triggering lines; the web
 * console ({@code io.mcpwatch.server.console}) and {@link io.mcpwatch.live.LiveService#readModel}
 * users read it.
 */
@NullMarked
package io.mcpwatch.live;

import org.jspecify.annotations.NullMarked;
