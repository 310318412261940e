/**
 * SNS-style notifications for alarm state changes, as pure functions and ports: topics and
 * subscriptions with e-mail confirmation, the CloudWatch alarm message (subject, JSON, e-mail text,
 * SNS HTTP envelope, chat messages), and an outbox delivered by one dispatcher with SNS's retry
 * policies.
 *
 * <p>Start here: {@link io.mcpwatch.notify.SubscriptionManager} applies the configured topics
 * ({@link io.mcpwatch.notify.TopicConfig}) to a {@link io.mcpwatch.notify.SubscriptionStore} and
 * handles confirm/unsubscribe links; {@link io.mcpwatch.notify.NotificationPlanner} turns an
 * {@link io.mcpwatch.notify.AlarmNotice} into {@link io.mcpwatch.notify.OutboxItem}s that the caller
 * writes to the {@link io.mcpwatch.notify.Outbox} in the same transaction as the state change; a
 * single {@link io.mcpwatch.notify.NotificationDispatcher} delivers them through {@link
 * io.mcpwatch.notify.Notifier}s (transports live in module mcpwatch-notify). No I/O and no wall
 * clock here: time comes from an injected {@link java.time.InstantSource}.
 */
@NullMarked
package io.mcpwatch.notify;

import org.jspecify.annotations.NullMarked;
