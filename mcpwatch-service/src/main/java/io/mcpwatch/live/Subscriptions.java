package io.mcpwatch.live;

import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.IdSource;
import io.mcpwatch.notify.NotificationPlanner;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.UnsubscribeResult;
import io.mcpwatch.notify.MessageSigner;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.StorageException;
import io.mcpwatch.storage.notify.JdbcOutbox;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Subscription administration for {@code mcpwatch subscriptions}, on the configuration's database
 * while the service is stopped (the running service holds the database; it takes the same
 * actions through its confirmation and unsubscribe links).
 */
public final class Subscriptions implements AutoCloseable {
  private final Database db;
  private final JdbcSubscriptionStore store;
  private final SubscriptionManager manager;
  private final InstantSource clock;
  private final BackgroundSigningKeys keys;

  private Subscriptions(
      Database db, SubscriptionManager manager, InstantSource clock, BackgroundSigningKeys keys) {
    this.db = db;
    this.store = new JdbcSubscriptionStore(db);
    this.manager = manager;
    this.clock = clock;
    this.keys = keys;
  }

  /**
   * The notification settings of a configuration whose HTTP endpoint is {@code baseUrl}.
   *
   * @param region the region of ARNs
   */
  static NotifySettings notifySettings(ServiceSettings service, String region, String baseUrl) {
    ServiceSettings.NotificationSettings n = service.notifications();
    return NotifySettings.of(region, baseUrl)
        .withAccountId(n.accountId())
        .withRegionName(n.regionName())
        .withExpiry(n.tokenValidity(), n.pendingExpiry())
        .withMaxTriggerLines(n.maxTriggerLines());
  }

  /** The manager over the database's subscriptions and outbox. */
  static SubscriptionManager manager(
      Database db, NotifySettings settings, MessageSigner keys, InstantSource clock) {
    return new SubscriptionManager(settings, new JdbcSubscriptionStore(db), new JdbcOutbox(db),
        new NotificationPlanner(settings, keys), IdSource.secure(), clock);
  }

  /** The base URL the configuration's links point at. */
  public static String baseUrl(LoadedConfig loaded) {
    ServiceSettings.HttpSettings h = loaded.config().service().http();
    return h.baseUrl();
  }

  /**
   * Opens the configuration's database for writing.
   *
   * @throws StorageException when the database is in use (the service runs) or cannot be opened
   */
  public static Subscriptions open(LoadedConfig loaded, InstantSource clock) {
    ServicePlan plan = ServicePlan.of(loaded, RunOptions.defaults());
    Database db = Database.open(ServicePlan.database(loaded));
    BackgroundSigningKeys keys = null;
    try {
      NotifySettings ns = notifySettings(plan.service(), plan.region(), baseUrl(loaded));
      // existing key files are loaded now (their errors stop the command, as before); a fresh data
      // directory's key is made only when a signature needs it: an RSA key costs up to 2 s of CPU
      // under C1, which every `mcpwatch demo` paid before it started (it clears its data directory)
      keys = BackgroundSigningKeys.start(plan.dataDir().resolve("keys"), clock);
      keys.awaitForStart();
      SubscriptionManager m = manager(db, ns, keys, clock);
      return new Subscriptions(db, m, clock, keys);
    } catch (IOException e) {
      settle(keys);
      db.close();
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot read the signing key: " + e.getMessage());
    } catch (RuntimeException e) {
      settle(keys);
      db.close();
      throw e;
    }
  }

  private static void settle(@Nullable BackgroundSigningKeys keys) {
    if (keys != null) {
      keys.settle();
    }
  }

  /**
   * Subscribes the configured recipients and confirms them at once (the demo has nobody to click
   * the link); their confirmation requests are then skipped by the dispatcher.
   *
   * @return how many subscriptions were confirmed
   */
  public int subscribeConfirmed(List<TopicConfig> topics) {
    return db.transaction(c -> {
      manager.reconcile(topics);
      int n = 0;
      for (Subscription s : store.all()) {
        if (s.status() == SubscriptionStatus.PENDING_CONFIRMATION && s.token() != null) {
          manager.confirm(s.topicArn(), s.token());
          n++;
        }
      }
      return n;
    });
  }

  /** The subscription with this ARN. */
  public Optional<Subscription> byArn(String arn) {
    return store.byArn(arn);
  }

  public List<Subscription> list() {
    return store.all();
  }

  /** Confirms as the link in the confirmation e-mail would. */
  public ConfirmResult confirmToken(String token) {
    Optional<Subscription> s = store.byToken(token);
    if (s.isEmpty()) {
      return new ConfirmResult(ConfirmResult.Outcome.UNKNOWN_TOKEN, null);
    }
    return db.transaction(c -> manager.confirm(s.get().topicArn(), token));
  }

  /**
   * Confirms without the recipient (an administrator vouches for the address), also when the
   * token expired.
   */
  public Optional<Subscription> confirmArn(String arn) {
    return db.transaction(c -> {
      Optional<Subscription> found = store.byArn(arn);
      if (found.isEmpty() || found.get().isConfirmed()) {
        return found;
      }
      Subscription s = found.get();
      Subscription confirmed = new Subscription(s.id(), s.topicArn(), s.protocol(), s.endpoint(),
          SubscriptionStatus.CONFIRMED, s.token(), s.createdAt(), s.tokenIssuedAt(),
          clock.instant());
      store.put(confirmed);
      return Optional.of(confirmed);
    });
  }

  /** A new token and confirmation request (delivered by the running service). */
  public Optional<Subscription> resend(String arn) {
    return db.transaction(c -> manager.requestConfirmation(arn));
  }

  /**
   * Removes a subscription: a confirmed one is unsubscribed (kept as a tombstone, so a reload does
   * not subscribe the address again); a pending one is deleted (the next start subscribes it again
   * if it is still configured).
   */
  public String remove(String arn) {
    return db.transaction(c -> {
      Optional<Subscription> found = store.byArn(arn);
      if (found.isEmpty()) {
        return "no subscription " + arn;
      }
      if (found.get().status() == SubscriptionStatus.PENDING_CONFIRMATION) {
        store.delete(arn);
        return "deleted the pending subscription " + arn;
      }
      UnsubscribeResult r = manager.unsubscribe(arn);
      return r.outcome() == UnsubscribeResult.Outcome.ALREADY_UNSUBSCRIBED
          ? "already unsubscribed: " + arn : "unsubscribed " + arn;
    });
  }

  @Override
  public void close() {
    keys.settle(); // a key made for a signature is written before the database lock is released
    db.close();
  }
}
