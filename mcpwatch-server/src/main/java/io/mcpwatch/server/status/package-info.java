/**
 * Read-only alarm pages, the target of the "View this alarm" links in notifications. Start here:
 * {@link io.mcpwatch.server.status.AlarmPages}, fed by an {@link
 * io.mcpwatch.server.status.AlarmStatus} the service supplies.
 */
@NullMarked
package io.mcpwatch.server.status;

import org.jspecify.annotations.NullMarked;
