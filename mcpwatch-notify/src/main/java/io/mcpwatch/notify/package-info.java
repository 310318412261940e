/** Notifier transports: SMTP e-mail, SNS-style HTTP, chat webhooks, mailbox directory. */
@NullMarked
package io.mcpwatch.notify;

import org.jspecify.annotations.NullMarked;
