package io.mcpwatch.streams;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.config.Topic;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.notify.MessageSigner;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.Subscriber;
import io.mcpwatch.notify.Subscription;
import io.mcpwatch.notify.SubscriptionStatus;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.notify.chat.ChatWebhookNotifier;
import io.mcpwatch.notify.email.SmtpNotifier;
import io.mcpwatch.notify.email.SmtpSettings;
import io.mcpwatch.notify.http.SnsHttpNotifier;
import io.mcpwatch.notify.mailbox.MailboxNotifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the notification sub-topology needs from the configuration: the ARN settings, the topics
 * with their subscribers, the signer of SNS envelopes and the transports.
 *
 * <p><b>Subscriptions.</b> The streams deployment serves no confirm or unsubscribe pages, so every
 * configured subscriber counts as CONFIRMED (as {@code mcpwatch demo} does), with a subscription id
 * that is a name-based UUID of topic ARN and endpoint: every instance computes the same
 * subscriptions, so a re-planned item has the same id on any instance.
 *
 * @param transports registers the notifiers (and retry policies) on a task's dispatcher
 */
record Notifications(
    NotifySettings settings, MessageSigner signer, List<TopicConfig> topics, Transports transports) {
  static final String DEFAULT_REGION = "us-east-1";

  Notifications {
    topics = List.copyOf(topics);
  }

  /** Registers a task's transports; {@code clock} is the task's wall clock. */
  @FunctionalInterface
  interface Transports {
    void register(NotificationDispatcher.Builder builder, InstantSource clock);
  }

  /**
   * From the configuration file, as the live service does: SMTP when {@code smtp:} is configured,
   * else {@code .eml} files under {@code notifications.mailboxDir} (relative to the file);
   * SNS-style HTTP; chat webhooks; the configured retry policies.
   */
  static Notifications of(LoadedConfig loaded, MessageSigner signer) {
    ServiceSettings service = loaded.config().service();
    String region = loaded.config().region() == null
        ? DEFAULT_REGION : loaded.config().region().value();
    NotifySettings ns = NotifySettings.of(region, service.http().baseUrl())
        .withAccountId(service.notifications().accountId())
        .withExpiry(service.notifications().tokenValidity(), service.notifications().pendingExpiry())
        .withMaxTriggerLines(service.notifications().maxTriggerLines());
    Path base = loaded.file().toAbsolutePath().getParent();
    Path mailbox = base.resolve(service.notifications().mailboxDir()).normalize();
    String from = service.notifications().from();
    ServiceSettings.SmtpSettings smtp = service.smtp();
    ServiceSettings.RetrySettings retry = service.notifications().retry();
    Transports t = (b, clock) -> {
      if (smtp != null) {
        b.notifier(new SmtpNotifier(SmtpSettings.fromConfig(smtp), clock), Protocol.EMAIL, Protocol.EMAIL_JSON);
      } else {
        b.notifier(new MailboxNotifier(mailbox, from, clock), Protocol.EMAIL, Protocol.EMAIL_JSON);
      }
      b.notifier(SnsHttpNotifier.create(), Protocol.HTTP, Protocol.HTTPS);
      b.notifier(ChatWebhookNotifier.create(), Protocol.SLACK, Protocol.TEAMS);
      for (Protocol p : Protocol.values()) {
        b.retryPolicy(p, retry.forProtocol(p));
      }
    };
    return new Notifications(ns, signer, topics(loaded), t);
  }

  /** The configured topics with their subscribers. */
  static List<TopicConfig> topics(LoadedConfig loaded) {
    List<TopicConfig> out = new ArrayList<>();
    for (Topic t : loaded.config().topics()) {
      List<Subscriber> subs = new ArrayList<>();
      for (io.mcpwatch.config.Subscriber s : t.subscribers()) {
        subs.add(Subscriber.of(s.protocol().key(), s.endpoint()));
      }
      out.add(new TopicConfig(t.name(), null, subs));
    }
    return out;
  }

  /** Every configured subscriber as a confirmed subscription with a stable id. */
  List<Subscription> subscriptions() {
    List<Subscription> out = new ArrayList<>();
    for (TopicConfig t : topics) {
      String topicArn = settings.topicArn(t.name());
      for (Subscriber s : t.subscribers()) {
        String id = UUID.nameUUIDFromBytes((topicArn + "\n" + s.key())
            .getBytes(StandardCharsets.UTF_8)).toString();
        out.add(new Subscription(id, topicArn, s.protocol(), s.endpoint(),
            SubscriptionStatus.CONFIRMED, null, Instant.EPOCH, null, Instant.EPOCH));
      }
    }
    return out;
  }
}
