/**
 * The notification ports of {@code io.mcpwatch.notify} in the database. Start here: {@link
 * io.mcpwatch.storage.notify.JdbcOutbox} (give it to the {@code NotificationDispatcher}; the run
 * loop's {@code StateStore.commit} enqueues into it in the state change's transaction) and {@link
 * io.mcpwatch.storage.notify.JdbcSubscriptionStore} (give it to the {@code SubscriptionManager}).
 * Times are stored to the millisecond.
 */
@NullMarked
package io.mcpwatch.storage.notify;

import org.jspecify.annotations.NullMarked;
