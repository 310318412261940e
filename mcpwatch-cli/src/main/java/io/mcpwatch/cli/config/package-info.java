/**
 * Reading configuration files: YAML to a location-aware {@link io.mcpwatch.config.ConfigNode} tree
 * (Jackson's YAML streaming parser), then binding, resolution and linting from core.
 *
 * <p>Start at {@link io.mcpwatch.cli.config.ConfigFiles#load} (for commands that run alarms: any
 * error is a {@link io.mcpwatch.cli.UserError}) or {@link io.mcpwatch.cli.config.ConfigFiles#check}
 * (for {@code validate}: everything, never throws for configuration mistakes).
 */
@NullMarked
package io.mcpwatch.cli.config;

import org.jspecify.annotations.NullMarked;
