/**
 * Chat incoming webhooks (Slack, Microsoft Teams).
 *
 * <p>Start here: {@link io.mcpwatch.notify.chat.ChatWebhookNotifier} posts {@code slack} and {@code
 * teams} items (the JSON is rendered in core by {@link io.mcpwatch.notify.AlarmMessages}).
 */
@NullMarked
package io.mcpwatch.notify.chat;

import org.jspecify.annotations.NullMarked;
