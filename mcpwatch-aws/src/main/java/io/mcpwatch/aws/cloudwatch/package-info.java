/**
 * CloudWatch's read side, without the wire. Start at {@link
 * io.mcpwatch.aws.cloudwatch.CloudWatchService} (one method per operation) and {@link
 * io.mcpwatch.aws.cloudwatch.CloudWatchReadModel}, the small interface the live service
 * implements (alarms with definition and state, history items, per-minute datapoints, and the
 * SetAlarmState command); the console reads the same model.
 */
@NullMarked
package io.mcpwatch.aws.cloudwatch;

import org.jspecify.annotations.NullMarked;
