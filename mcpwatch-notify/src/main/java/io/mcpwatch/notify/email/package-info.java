/**
 * E-mail delivery over SMTP with Jakarta Mail (Eclipse Angus).
 *
 * <p>Start here: {@link io.mcpwatch.notify.email.SmtpNotifier} delivers {@code email} and {@code
 * email-json} items with {@link io.mcpwatch.notify.email.SmtpSettings}; {@link
 * io.mcpwatch.notify.email.MimeMessages} builds the message (also used by the mailbox transport).
 * Headers are set only through Jakarta Mail's APIs, from values stripped of control characters, so
 * alarm names and log lines cannot add headers or break the message structure.
 */
@NullMarked
package io.mcpwatch.notify.email;

import org.jspecify.annotations.NullMarked;
