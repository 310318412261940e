/**
 * The mailbox-directory transport: e-mails become {@code .eml} files instead of SMTP traffic (the
 * demo's default when no SMTP server is configured).
 *
 * <p>Start here: {@link io.mcpwatch.notify.mailbox.MailboxNotifier}.
 */
@NullMarked
package io.mcpwatch.notify.mailbox;

import org.jspecify.annotations.NullMarked;
