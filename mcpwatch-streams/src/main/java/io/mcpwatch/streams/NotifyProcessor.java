package io.mcpwatch.streams;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.notify.ActionHistoryItem;
import io.mcpwatch.notify.AlarmNotice;
import io.mcpwatch.notify.InMemorySubscriptionStore;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.Plan;
import io.mcpwatch.notify.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task of the notification sub-topology: reads the transitions topic (key env/alarmName, so
 * one task owns all of an alarm's transitions), skips a transition whose id is already in the
 * changelogged {@code notified} store (id → wall time of planning; kept {@link #REMEMBER}), plans its outbox items with the core {@link
 * NotificationPlanner} (planning time = the transition's time, so a re-plan gives identical items)
 * into the changelogged {@code outbox} store ({@link StoreOutbox}), and on a wall-clock punctuator
 * runs the core {@link NotificationDispatcher} over that store with the real transports.
 *
 * <p>Everything the task writes (the id, the planned items, the deletion of a delivered item)
 * commits in the task's exactly-once transaction with its input offsets. A send is not part of it:
 * if the instance dies after a send and before the next commit, the new owner restores the store
 * with the item still pending and sends it again (the same Message-ID and mailbox file name).
 */
final class NotifyProcessor implements Processor<String, String, Void, Void> {
  static final String NOTIFIED = "notified";
  /** How long a delivered transition id is remembered (far beyond any replay after a failover). */
  static final Duration REMEMBER = Duration.ofDays(7);
  private static final long PRUNE_EVERY_MILLIS = Duration.ofHours(1).toMillis();
  private static final Logger log = LoggerFactory.getLogger(NotifyProcessor.class);

  private final Map<String, ResolvedAlarm> alarms = new HashMap<>();
  private final Notifications notifications;
  private final NotificationPlanner planner;
  private final List<Subscription> subscriptions;
  private final long tickMillis;
  private @Nullable KeyValueStore<String, Long> notified;
  private @Nullable StoreOutbox outbox;
  private @Nullable NotificationDispatcher dispatcher;
  private @Nullable ProcessorContext<Void, Void> context;
  private long lastPrune;
  private long duplicates;

  NotifyProcessor(List<ResolvedAlarm> alarms, Notifications notifications, long tickMillis) {
    alarms.forEach(a -> this.alarms.put(a.env() + "/" + a.spec().alarmName(), a));
    this.notifications = notifications;
    this.planner = new NotificationPlanner(notifications.settings(), notifications.signer());
    this.subscriptions = notifications.subscriptions();
    this.tickMillis = tickMillis;
  }

  @Override
  public void init(ProcessorContext<Void, Void> ctx) {
    context = ctx;
    notified = ctx.getStateStore(NOTIFIED);
    outbox = new StoreOutbox(ctx.getStateStore(StoreOutbox.STORE));
    InstantSource clock = () -> Instant.ofEpochMilli(ctx.currentSystemTimeMs());
    InMemorySubscriptionStore subs = new InMemorySubscriptionStore();
    subscriptions.forEach(subs::put);
    NotificationDispatcher.Builder b = NotificationDispatcher.builder(outbox, clock)
        .subscriptions(subs)
        .history(NotifyProcessor::history);
    notifications.transports().register(b, clock);
    dispatcher = b.build();
    lastPrune = ctx.currentSystemTimeMs();
    ctx.schedule(Duration.ofMillis(tickMillis), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(Record<String, String> r) {
    if (r.value() == null || notified == null || outbox == null || context == null) {
      return;
    }
    TransitionJson.Read t;
    try {
      t = TransitionJson.parse(r.value());
    } catch (RuntimeException e) {
      log.warn("transitions topic: a record that is not a transition was skipped (key {}): {}",
          r.key(), e.getMessage());
      return;
    }
    if (notified.get(t.id()) != null) {
      duplicates++;
      log.debug("transition {} was already planned; skipped ({} duplicates)", t.id(), duplicates);
      return;
    }
    // remembered by wall time (with the event clock, transition times may be years old)
    notified.put(t.id(), context.currentSystemTimeMs());
    ResolvedAlarm a = alarms.get(t.env() + "/" + t.alarmName());
    if (a == null) {
      log.warn("transition {}: no such alarm in the configuration; no notification", t.id());
      return;
    }
    Plan p;
    try {
      p = planner.plan(notice(a, t), notifications.topics(), subscriptions,
          Instant.ofEpochMilli(t.timeMillis()));
    } catch (RuntimeException e) {
      log.warn("transition {}: cannot plan its notifications: {}", t.id(), e.getMessage());
      return;
    }
    outbox.enqueue(p.items());
    p.history().forEach(NotifyProcessor::history);
  }

  /** Duplicate transition records seen by this task since it started. */
  long duplicates() {
    return duplicates;
  }

  private static AlarmNotice notice(ResolvedAlarm a, TransitionJson.Read t) {
    Instant at = Instant.ofEpochMilli(t.timeMillis());
    // The topic carries no trigger lines and no configuration time: the notice has none, and the
    // transition's time stands for AlarmConfigurationUpdatedTimestamp.
    return new AlarmNotice(a.spec(), AlarmState.valueOf(t.oldState()),
        AlarmState.valueOf(t.newState()), t.reason(), at, at, t.actions(), List.of(), 0,
        a.logGroup(), a.filter().pattern().text());
  }

  private void punctuate(long wallMillis) {
    try {
      if (dispatcher != null) {
        dispatcher.runDue();
      }
    } catch (RuntimeException e) {
      log.error("notification dispatch failed (retried at the next tick): {}", e.toString());
    }
    if (wallMillis - lastPrune >= PRUNE_EVERY_MILLIS && notified != null) {
      lastPrune = wallMillis;
      long before = wallMillis - REMEMBER.toMillis();
      try (KeyValueIterator<String, Long> it = notified.all()) {
        while (it.hasNext()) {
          var kv = it.next();
          if (kv.value < before) {
            notified.delete(kv.key);
          }
        }
      }
    }
  }

  private static void history(ActionHistoryItem h) {
    log.info("{}: {}", h.alarmName(), h.summary());
  }
}
