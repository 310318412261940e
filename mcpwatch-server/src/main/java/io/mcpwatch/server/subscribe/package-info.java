/**
 * The pages behind the links in notifications: confirming and cancelling subscriptions, and the
 * signing certificate.
 *
 * <p>Start here: {@link io.mcpwatch.server.subscribe.SubscriptionPages} answers {@code GET
 * /confirmation.html} (and the configured confirm path) with SNS's "Subscription confirmed!" page,
 * {@code GET /unsubscribe.html} (and the configured unsubscribe path) with "Subscription removed!",
 * the SNS query-API forms {@code GET /?Action=ConfirmSubscription} and {@code ?Action=Unsubscribe}
 * with SNS's XML responses, and the configured SigningCertURL path with the PEM certificate. It
 * acts through {@link io.mcpwatch.server.subscribe.SubscriptionActions}, which the run loop
 * implements over the real {@link io.mcpwatch.notify.SubscriptionManager} (inside a storage
 * transaction); tests use fakes. Everything echoed is escaped.
 */
@NullMarked
package io.mcpwatch.server.subscribe;

import org.jspecify.annotations.NullMarked;
