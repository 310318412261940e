package io.mcpwatch.notify;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one dispatcher that delivers the {@link Outbox}: each {@link #runDue()} sends every item due
 * at the clock's current time through its protocol's {@link Notifier} and records the attempt.
 *
 * <p><b>Retries.</b> A {@link TemporaryDeliveryException} (or any unexpected runtime exception from
 * a notifier, or a protocol without a notifier) reschedules the item after the protocol's {@link
 * RetryPolicy} delay until its retries are used up; a {@link PermanentDeliveryException} fails it
 * at once. Before sending, the item's subscription is checked: a notification goes only to a
 * subscription that is still confirmed, a confirmation request only to one still pending; others
 * are skipped (recorded as failed).
 *
 * <p><b>History.</b> Each final outcome of a notification reports one Action history item to the
 * callback: {@code Successfully executed action <topic arn>} or {@code Failed to execute action
 * <topic arn>. Reason: ...}. Failed attempts that will be retried are only recorded as attempts.
 *
 * <p><b>Delivery guarantee.</b> An item is marked delivered right after its notifier returns, so in
 * normal operation every item is delivered exactly once. If the process dies between the send and
 * the mark (or the mark fails), the item is still pending and is sent again: at-least-once, with
 * the same SNS MessageId, e-mail Message-ID and mailbox file name, so receivers can de-duplicate.
 *
 * <p><b>Lanes.</b> With an {@linkplain Builder#lanes executor}, delivery runs in one lane per
 * destination ({@link #laneOf}: every e-mail goes through the one SMTP relay, each webhook host is
 * its own): a lane delivers its items one after another on the executor, and {@link #runDue()}
 * starts only lanes that are idle, so a hung SMTP server delays e-mail only, never a webhook.
 * Without an executor everything is delivered in order on the calling thread.
 *
 * <p><b>Threads.</b> Exactly one dispatcher may run against an outbox; {@link #runDue()} is
 * synchronized. The caller owns the schedule (e.g. a named daemon thread calling {@link #runDue()}
 * every second, and once right after a state change is committed).
 */
public final class NotificationDispatcher {
  private static final int MAX_ROUNDS = 1000;

  private final Outbox outbox;
  private final InstantSource clock;
  private final Map<Protocol, Notifier> notifiers;
  private final Map<Protocol, RetryPolicy> policies;
  private final @Nullable SubscriptionStore subscriptions;
  private final Consumer<ActionHistoryItem> history;
  private final int batchSize;
  private final int stuckAfterAttempts;
  private final @Nullable Executor lanes;
  /** Lanes with a delivery running on the executor (guarded by this). */
  private final Set<String> busy = new HashSet<>();

  private NotificationDispatcher(Builder b) {
    this.outbox = b.outbox;
    this.clock = b.clock;
    this.notifiers = new EnumMap<>(b.notifiers);
    this.policies = new EnumMap<>(b.policies);
    this.subscriptions = b.subscriptions;
    this.history = b.history;
    this.batchSize = b.batchSize;
    this.stuckAfterAttempts = b.stuckAfterAttempts;
    this.lanes = b.lanes;
  }

  public static Builder builder(Outbox outbox, InstantSource clock) {
    return new Builder(outbox, clock);
  }

  /**
   * Delivers every item due now (including immediate retries that become due during the run).
   * Storage exceptions from the outbox or the history callback propagate; items already marked
   * stay marked and the rest are picked up by the next run.
   */
  /**
   * ALARM notifications before everything else due at the same time (a stable sort: otherwise the
   * outbox's order), so that a responder's e-mail never waits behind a burst of OK messages, such
   * as the one the first evaluation after a start sends.
   */
  static final Comparator<OutboxItem> ALARMS_FIRST =
      Comparator.comparingInt(i -> isAlarm(i) ? 0 : 1);

  /** Whether the item notifies of a change to ALARM (its CloudWatch subject starts so). */
  static boolean isAlarm(OutboxItem item) {
    String subject = item.subject();
    return item.kind() == MessageKind.NOTIFICATION
        && subject != null
        && subject.startsWith("ALARM: ");
  }

  public synchronized DispatchReport runDue() {
    if (lanes != null) {
      return startLanes(lanes);
    }
    int delivered = 0;
    int retrying = 0;
    int failed = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<OutboxItem> due = new ArrayList<>(outbox.due(clock.instant(), batchSize));
      if (due.isEmpty()) {
        break;
      }
      due.sort(ALARMS_FIRST);
      for (OutboxItem item : due) {
        OutboxStatus s = deliver(item);
        if (s == OutboxStatus.DELIVERED) {
          delivered++;
        } else if (s == OutboxStatus.PENDING) {
          retrying++;
        } else {
          failed++;
        }
      }
    }
    return new DispatchReport(delivered, retrying, failed);
  }

  /**
   * Starts a lane task for every idle lane with due items; items of busy lanes wait for the next
   * run (they are neither fetched for a second send nor reordered). Reports what was started as
   * retrying: outcomes arrive asynchronously.
   */
  private DispatchReport startLanes(Executor executor) {
    Set<String> running = Set.copyOf(busy); // before fetching: a lane that ends meanwhile waits
    List<OutboxItem> due = new ArrayList<>(outbox.due(clock.instant(), batchSize * 10));
    due.sort(ALARMS_FIRST);
    Map<String, List<OutboxItem>> byLane = new LinkedHashMap<>();
    for (OutboxItem item : due) {
      String lane = laneOf(item);
      if (!running.contains(lane)) {
        byLane.computeIfAbsent(lane, k -> new ArrayList<>()).add(item);
      }
    }
    int started = 0;
    for (Map.Entry<String, List<OutboxItem>> e : byLane.entrySet()) {
      String lane = e.getKey();
      List<OutboxItem> items = e.getValue();
      busy.add(lane);
      started += items.size();
      try {
        executor.execute(() -> runLane(lane, items));
      } catch (RuntimeException rejected) {
        busy.remove(lane); // the executor is shutting down: the items stay pending
      }
    }
    return new DispatchReport(0, started, 0);
  }

  private void runLane(String lane, List<OutboxItem> items) {
    try {
      for (OutboxItem item : items) {
        deliver(item);
      }
    } finally {
      synchronized (this) {
        busy.remove(lane);
      }
    }
  }

  /**
   * The destination an item waits on: {@code email} for every e-mail protocol (one SMTP relay),
   * otherwise the endpoint's scheme and authority, e.g. {@code https://hooks.slack.com}.
   */
  static String laneOf(OutboxItem item) {
    if (item.protocol().isEmail()) {
      return "email";
    }
    String e = item.endpoint();
    int scheme = e.indexOf("://");
    int from = scheme < 0 ? 0 : scheme + 3;
    int end = e.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = e.indexOf(c, from);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    int at = e.lastIndexOf('@', end - 1);
    String authority = e.substring(Math.max(from, at + 1), end);
    return e.substring(0, from).toLowerCase(Locale.ROOT) + authority.toLowerCase(Locale.ROOT);
  }

  /** What is stuck: pending items with at least {@code stuckAfterAttempts} attempts, and more. */
  public OutboxHealth health() {
    return outbox.health(clock.instant(), stuckAfterAttempts);
  }

  /** The policy used for a protocol. */
  public RetryPolicy retryPolicy(Protocol protocol) {
    return policies.getOrDefault(protocol, RetryPolicy.defaultFor(protocol));
  }

  private OutboxStatus deliver(OutboxItem item) {
    int number = item.attempts() + 1;
    String skip = skipReason(item);
    if (skip != null) {
      outbox.markFailed(item.id(), new Attempt(number, clock.instant(), AttemptOutcome.SKIPPED,
          skip));
      report(item, false, skip);
      return OutboxStatus.FAILED;
    }
    Notifier notifier = notifiers.get(item.protocol());
    String error = null;
    boolean permanent = false;
    try {
      if (notifier == null) {
        throw new TemporaryDeliveryException(
            "no transport is configured for protocol " + item.protocol().id());
      }
      notifier.send(item);
    } catch (DeliveryException e) {
      error = detail(e.getMessage());
      permanent = e instanceof PermanentDeliveryException;
    } catch (RuntimeException e) {
      // Messages of unexpected exceptions may carry endpoint URLs; keep only the type.
      error = "unexpected " + e.getClass().getName() + " in the " + item.protocol().id()
          + " transport";
    }
    Instant at = clock.instant();
    if (error == null) {
      // Outside the try: a failure to record success must not be mistaken for a failed send.
      outbox.markDelivered(item.id(), new Attempt(number, at, AttemptOutcome.DELIVERED, ""));
      report(item, true, "");
      return OutboxStatus.DELIVERED;
    }
    if (permanent) {
      outbox.markFailed(item.id(), new Attempt(number, at, AttemptOutcome.PERMANENT_FAILURE,
          error));
      report(item, false, error);
      return OutboxStatus.FAILED;
    }
    RetryPolicy policy = retryPolicy(item.protocol());
    Attempt attempt = new Attempt(number, at, AttemptOutcome.TEMPORARY_FAILURE, error);
    if (number > policy.numRetries()) {
      outbox.markFailed(item.id(), attempt);
      report(item, false, "gave up after " + number + " attempts; last error: " + error);
      return OutboxStatus.FAILED;
    }
    outbox.markAttempt(item.id(), attempt, at.plus(policy.delayBeforeRetry(number)));
    return OutboxStatus.PENDING;
  }

  private @Nullable String skipReason(OutboxItem item) {
    if (subscriptions == null) {
      return null;
    }
    Optional<Subscription> s = subscriptions.byArn(item.subscriptionArn());
    if (item.kind() == MessageKind.NOTIFICATION) {
      return s.isPresent() && s.get().isConfirmed() ? null
          : "the subscription is no longer confirmed";
    }
    return s.isPresent() && s.get().status() == SubscriptionStatus.PENDING_CONFIRMATION ? null
        : "the subscription is no longer pending confirmation";
  }

  private void report(OutboxItem item, boolean ok, String reason) {
    String alarm = item.alarmName();
    if (alarm == null || item.kind() != MessageKind.NOTIFICATION) {
      return;
    }
    Instant at = clock.instant();
    history.accept(ok
        ? ActionHistoryItem.success(alarm, at, item.topicArn(), item.subscriptionArn())
        : ActionHistoryItem.failure(alarm, at, item.topicArn(), reason, item.subscriptionArn()));
  }

  private static String detail(@Nullable String message) {
    return message == null || message.isBlank() ? "no detail" : Text.oneLine(message, 500);
  }

  /** Configures a {@link NotificationDispatcher}. */
  public static final class Builder {
    private final Outbox outbox;
    private final InstantSource clock;
    private final Map<Protocol, Notifier> notifiers = new EnumMap<>(Protocol.class);
    private final Map<Protocol, RetryPolicy> policies = new EnumMap<>(Protocol.class);
    private @Nullable SubscriptionStore subscriptions;
    private Consumer<ActionHistoryItem> history = h -> { };
    private int batchSize = 100;
    private int stuckAfterAttempts = 4;
    private @Nullable Executor lanes;

    private Builder(Outbox outbox, InstantSource clock) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The transport for these protocols (replaces an earlier one). */
    public Builder notifier(Notifier notifier, Protocol... protocols) {
      Objects.requireNonNull(notifier, "notifier");
      for (Protocol p : protocols) {
        notifiers.put(p, notifier);
      }
      return this;
    }

    /** Overrides the SNS default retry policy for a protocol. */
    public Builder retryPolicy(Protocol protocol, RetryPolicy policy) {
      policies.put(Objects.requireNonNull(protocol, "protocol"),
          Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /** Checks each item's subscription before sending (recommended). */
    public Builder subscriptions(SubscriptionStore store) {
      this.subscriptions = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Receives the Action history items. */
    public Builder history(Consumer<ActionHistoryItem> callback) {
      this.history = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /** Items fetched per {@link Outbox#due} call; default 100. */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batchSize: expected at least 1; found " + size);
      }
      this.batchSize = size;
      return this;
    }

    /** A pending item with at least this many attempts counts as stuck; default 4. */
    public Builder stuckAfterAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException(
            "stuckAfterAttempts: expected at least 1; found " + attempts);
      }
      this.stuckAfterAttempts = attempts;
      return this;
    }

    /**
     * Delivers in one lane per destination on {@code executor} (one task per busy lane at a time),
     * so that one hung endpoint delays only its own items.
     */
    public Builder lanes(Executor executor) {
      this.lanes = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public NotificationDispatcher build() {
      return new NotificationDispatcher(this);
    }
  }
}
