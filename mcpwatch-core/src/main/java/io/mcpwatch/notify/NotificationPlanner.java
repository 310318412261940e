package io.mcpwatch.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Pure: turns an alarm state change into outbox items, one per confirmed subscription of each
 * action's topic, each rendered for its protocol (e-mail text with the unsubscribe link, signed SNS
 * JSON for {@code http}/{@code https}/{@code email-json}, chat JSON for {@code slack}/{@code
 * teams}). Also renders confirmation requests.
 *
 * <p>An action whose topic is not configured, or whose topic has no confirmed subscription, yields
 * a failed Action history item (AWS would report success for a topic without subscribers; for a
 * security alert, "nobody was told" must be visible). Ids are name-based UUIDs of the alarm ARN,
 * new state, change time, topic and subscription, so planning the same change twice gives the same
 * items.
 */
public final class NotificationPlanner {
  private final NotifySettings settings;
  private final MessageSigner signer;

  public NotificationPlanner(NotifySettings settings, MessageSigner signer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.signer = Objects.requireNonNull(signer, "signer");
  }

  /**
   * The items and history for one state change.
   *
   * @param notice the state change
   * @param topics the configured topics
   * @param subscriptions the stored subscriptions (only confirmed ones receive anything)
   * @param now the time of recording (envelope Timestamp, item creation and due time)
   */
  public Plan plan(
      AlarmNotice notice, List<TopicConfig> topics, List<Subscription> subscriptions,
      Instant now) {
    List<OutboxItem> items = new ArrayList<>();
    List<ActionHistoryItem> history = new ArrayList<>();
    Set<String> arns = new LinkedHashSet<>();
    notice.actions().forEach(a -> arns.add(settings.actionArn(a)));
    String subject = AlarmMessages.subject(notice, settings);
    String json = AlarmMessages.json(notice, settings);
    String alarmArn = settings.alarmArn(notice.alarmName());
    for (String topicArn : arns) {
      TopicConfig topic = topic(topics, topicArn);
      if (topic == null) {
        history.add(ActionHistoryItem.failure(notice.alarmName(), now, topicArn,
            "no topic with this ARN is configured", null));
        continue;
      }
      List<Subscription> confirmed = new ArrayList<>();
      int pending = 0;
      for (Subscription s : subscriptions) {
        if (s.topicArn().equals(topicArn)) {
          if (s.isConfirmed()) {
            confirmed.add(s);
          } else if (s.status() == SubscriptionStatus.PENDING_CONFIRMATION) {
            pending++;
          }
        }
      }
      if (confirmed.isEmpty()) {
        history.add(ActionHistoryItem.failure(notice.alarmName(), now, topicArn,
            "the topic has no confirmed subscription (" + pending + " pending confirmation)",
            null));
        continue;
      }
      String messageId = uuid("notification", alarmArn, notice.newState().name(),
          notice.stateChangeTime().toString(), topicArn);
      for (Subscription s : confirmed) {
        items.add(notification(notice, topic, s, messageId, subject, json, now));
      }
    }
    return new Plan(items, history);
  }

  private OutboxItem notification(
      AlarmNotice notice, TopicConfig topic, Subscription s, String messageId, String subject,
      String json, Instant now) {
    String body;
    String unsubscribe = null;
    switch (s.protocol()) {
      case EMAIL:
        unsubscribe = settings.links().unsubscribe(s.arn(), s.endpoint());
        body = AlarmMessages.emailText(notice, settings, unsubscribe);
        break;
      case EMAIL_JSON:
        unsubscribe = settings.links().unsubscribe(s.arn(), s.endpoint());
        body = SnsEnvelope.notification(messageId, s.topicArn(), subject, json, now,
            settings.links(), s.arn(), signer).toJson();
        break;
      case HTTP:
      case HTTPS:
        unsubscribe = settings.links().unsubscribe(s.arn(), null);
        body = SnsEnvelope.notification(messageId, s.topicArn(), subject, json, now,
            settings.links(), s.arn(), signer).toJson();
        break;
      case SLACK:
        body = AlarmMessages.slack(notice, settings);
        break;
      case TEAMS:
        body = AlarmMessages.teams(notice, settings);
        break;
      default:
        throw new AssertionError(s.protocol());
    }
    return OutboxItem.pending(uuid(messageId, s.arn()), messageId, MessageKind.NOTIFICATION, s,
        notice.alarmName(), subject, body, unsubscribe, senderName(topic), now);
  }

  /**
   * The confirmation request for a pending subscription (e-mail text with the confirm link, or the
   * signed SubscriptionConfirmation document).
   *
   * @throws IllegalArgumentException for a subscription without token or whose protocol needs no
   *     confirmation
   */
  public OutboxItem confirmation(Subscription s, @Nullable TopicConfig topic, Instant now) {
    String token = s.token();
    if (token == null || !s.protocol().requiresConfirmation()) {
      throw new IllegalArgumentException(
          "no confirmation request for " + s + ": it has no token or needs no confirmation");
    }
    String messageId = uuid("confirmation", s.arn(), token);
    String body;
    String subject = null;
    if (s.protocol() == Protocol.EMAIL) {
      subject = AlarmMessages.CONFIRMATION_SUBJECT;
      body = AlarmMessages.confirmationEmailText(s.topicArn(),
          settings.links().confirm(s.topicArn(), token, s.endpoint()),
          Objects.requireNonNull(s.tokenExpiresAt(settings)));
    } else {
      if (s.protocol() == Protocol.EMAIL_JSON) {
        subject = AlarmMessages.CONFIRMATION_SUBJECT;
      }
      body = SnsEnvelope.subscriptionConfirmation(messageId, token, s.topicArn(), now,
          settings.links(), signer).toJson();
    }
    String sender = topic == null ? settings.defaultSenderName() : senderName(topic);
    return OutboxItem.pending(uuid(messageId, s.arn()), messageId,
        MessageKind.SUBSCRIPTION_CONFIRMATION, s, null, subject, body, null, sender, now);
  }

  private String senderName(TopicConfig topic) {
    return topic.displayName() == null ? settings.defaultSenderName() : topic.displayName();
  }

  private @Nullable TopicConfig topic(List<TopicConfig> topics, String arn) {
    for (TopicConfig t : topics) {
      if (settings.topicArn(t.name()).equals(arn)) {
        return t;
      }
    }
    return null;
  }

  private static String uuid(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
