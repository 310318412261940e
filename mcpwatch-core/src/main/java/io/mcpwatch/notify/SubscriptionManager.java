package io.mcpwatch.notify;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Topics and subscriptions: applies the configuration, handles the confirm and unsubscribe links,
 * drops unconfirmed subscriptions after {@link NotifySettings#pendingExpiry()}, and plans alarm
 * notifications against the current topics and subscriptions.
 *
 * <p>Every method writes through the {@link SubscriptionStore} and {@link Outbox} ports; the caller
 * runs each call in one storage transaction. Methods are synchronized (one writer).
 *
 * <p>Life cycle: a configured {@code email}/{@code email-json}/{@code http}/{@code https}
 * subscriber becomes a PENDING_CONFIRMATION subscription with a random token and a confirmation
 * request in the outbox; {@link #confirm} makes it CONFIRMED (tokens work for {@link
 * NotifySettings#tokenValidity()}); {@link #expirePending()} deletes it if nobody confirmed within
 * {@link NotifySettings#pendingExpiry()} of the latest request (the next configuration load then
 * subscribes it again, like re-applying Terraform). {@code slack}/{@code teams} subscriptions are
 * CONFIRMED at once (see {@link Protocol}). {@link #unsubscribe} leaves an UNSUBSCRIBED tombstone
 * so reloads do not pester someone who opted out; {@link #requestConfirmation} re-subscribes.
 */
public final class SubscriptionManager {
  private final NotifySettings settings;
  private final SubscriptionStore store;
  private final Outbox outbox;
  private final NotificationPlanner planner;
  private final IdSource ids;
  private final InstantSource clock;
  private volatile List<TopicConfig> topics = List.of();

  public SubscriptionManager(
      NotifySettings settings,
      SubscriptionStore store,
      Outbox outbox,
      NotificationPlanner planner,
      IdSource ids,
      InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.store = Objects.requireNonNull(store, "store");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Makes the stored subscriptions match {@code desired} ({@link SubscriptionReconciler}), queues a
   * confirmation request for every new subscription that needs one, and remembers the topics for
   * {@link #plan}.
   */
  public synchronized ReconcileReport reconcile(List<TopicConfig> desired) {
    Instant now = clock.instant();
    List<TopicConfig> copy = List.copyOf(desired);
    List<Subscription> added = new ArrayList<>();
    List<Subscription> removed = new ArrayList<>();
    List<OutboxItem> confirmations = new ArrayList<>();
    for (SubscriptionChange c : SubscriptionReconciler.reconcile(settings, copy, store.all())) {
      if (c instanceof SubscriptionChange.Remove) {
        Subscription s = ((SubscriptionChange.Remove) c).subscription();
        store.delete(s.arn());
        removed.add(s);
      } else {
        SubscriptionChange.Add a = (SubscriptionChange.Add) c;
        Subscription s = create(a, now);
        store.put(s);
        added.add(s);
        if (s.status() == SubscriptionStatus.PENDING_CONFIRMATION) {
          confirmations.add(planner.confirmation(s, a.topic(), now));
        }
      }
    }
    outbox.enqueue(confirmations);
    topics = copy;
    return new ReconcileReport(added, removed, confirmations.size());
  }

  private Subscription create(SubscriptionChange.Add a, Instant now) {
    Subscriber sub = a.subscriber();
    String id = ids.newSubscriptionId();
    if (sub.protocol().requiresConfirmation()) {
      return new Subscription(id, a.topicArn(), sub.protocol(), sub.endpoint(),
          SubscriptionStatus.PENDING_CONFIRMATION, ids.newToken(), now, now, null);
    }
    return new Subscription(id, a.topicArn(), sub.protocol(), sub.endpoint(),
        SubscriptionStatus.CONFIRMED, null, now, null, now);
  }

  /** The confirmation link's action (SNS ConfirmSubscription). */
  public synchronized ConfirmResult confirm(String topicArn, String token) {
    Optional<Subscription> found = store.byToken(token);
    if (found.isEmpty() || !found.get().topicArn().equals(topicArn)) {
      return new ConfirmResult(ConfirmResult.Outcome.UNKNOWN_TOKEN, null);
    }
    Subscription s = found.get();
    if (s.isConfirmed()) {
      return new ConfirmResult(ConfirmResult.Outcome.ALREADY_CONFIRMED, s);
    }
    Instant now = clock.instant();
    Instant expires = s.tokenExpiresAt(settings);
    if (s.status() != SubscriptionStatus.PENDING_CONFIRMATION
        || expires == null || !now.isBefore(expires)) {
      return new ConfirmResult(ConfirmResult.Outcome.EXPIRED, s);
    }
    Subscription confirmed = s.confirmedAt(now);
    store.put(confirmed);
    return new ConfirmResult(ConfirmResult.Outcome.CONFIRMED, confirmed);
  }

  /** The unsubscribe link's action. */
  public synchronized UnsubscribeResult unsubscribe(String subscriptionArn) {
    Optional<Subscription> found = store.byArn(subscriptionArn);
    if (found.isEmpty()) {
      return new UnsubscribeResult(UnsubscribeResult.Outcome.UNKNOWN, null);
    }
    Subscription s = found.get();
    switch (s.status()) {
      case PENDING_CONFIRMATION:
        return new UnsubscribeResult(UnsubscribeResult.Outcome.PENDING_CONFIRMATION, s);
      case UNSUBSCRIBED:
        return new UnsubscribeResult(UnsubscribeResult.Outcome.ALREADY_UNSUBSCRIBED, s);
      default:
        Subscription gone = s.unsubscribed();
        store.put(gone);
        return new UnsubscribeResult(UnsubscribeResult.Outcome.UNSUBSCRIBED, gone);
    }
  }

  /**
   * Deletes pending subscriptions whose latest confirmation request is at least {@link
   * NotifySettings#pendingExpiry()} old; call it periodically (e.g. hourly) and before {@link
   * #reconcile} at start-up.
   *
   * @return the deleted subscriptions
   */
  public synchronized List<Subscription> expirePending() {
    Instant now = clock.instant();
    List<Subscription> dropped = new ArrayList<>();
    for (Subscription s : store.all()) {
      if (s.status() == SubscriptionStatus.PENDING_CONFIRMATION
          && (s.tokenIssuedAt() == null
              || !now.isBefore(s.tokenIssuedAt().plus(settings.pendingExpiry())))) {
        store.delete(s.arn());
        dropped.add(s);
      }
    }
    return dropped;
  }

  /**
   * Issues a new token and queues a new confirmation request for a pending or unsubscribed
   * subscription (a "send me a new link" or "resubscribe" button). A confirmed subscription, or
   * one whose protocol needs no confirmation, is returned unchanged.
   *
   * @return the subscription after the call, or empty when unknown
   */
  public synchronized Optional<Subscription> requestConfirmation(String subscriptionArn) {
    Optional<Subscription> found = store.byArn(subscriptionArn);
    if (found.isEmpty()
        || found.get().isConfirmed()
        || !found.get().protocol().requiresConfirmation()) {
      return found;
    }
    Instant now = clock.instant();
    Subscription pending = found.get().pendingWithToken(ids.newToken(), now);
    store.put(pending);
    outbox.enqueue(List.of(planner.confirmation(pending, topic(pending.topicArn()), now)));
    return Optional.of(pending);
  }

  /**
   * The outbox items and history for one alarm state change, against the topics of the last
   * {@link #reconcile} and the stored subscriptions; the caller enqueues {@code items} and records
   * {@code history} in the transaction that records the state change.
   */
  public Plan plan(AlarmNotice notice) {
    return planner.plan(notice, topics, store.all(), clock.instant());
  }

  /**
   * {@link #plan(AlarmNotice)} for each notice, in order, against one read of the stored
   * subscriptions (a minute boundary can change thousands of alarms at once).
   */
  public List<Plan> plan(List<AlarmNotice> notices) {
    if (notices.isEmpty()) {
      return List.of();
    }
    List<Subscription> all = store.all();
    Instant now = clock.instant();
    List<Plan> plans = new ArrayList<>(notices.size());
    for (AlarmNotice n : notices) {
      plans.add(planner.plan(n, topics, all, now));
    }
    return plans;
  }

  /** The topics of the last {@link #reconcile}. */
  public List<TopicConfig> topics() {
    return topics;
  }

  /** Every stored subscription. */
  public List<Subscription> subscriptions() {
    return store.all();
  }

  private @Nullable TopicConfig topic(String topicArn) {
    for (TopicConfig t : topics) {
      if (settings.topicArn(t.name()).equals(topicArn)) {
        return t;
      }
    }
    return null;
  }
}
