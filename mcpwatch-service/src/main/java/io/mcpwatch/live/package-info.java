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
 * engine state + checkpoints + outbox items in one storage transaction. The dispatcher thread
 * delivers the outbox and reports outcomes back to the engine thread as Action history.
 *
 * <p>Restart: the last commit restores the engine and resumes every file source at its committed
 * checkpoint, so no line is lost or counted twice. An HTTP ingest request is answered only once
 * its events are committed (or after 5 s), so a client that got its 200 lost nothing. Stdin lines
 * not yet committed when the process dies are lost: a pipe cannot be re-read.
 */
@NullMarked
package io.mcpwatch.live;

import org.jspecify.annotations.NullMarked;
