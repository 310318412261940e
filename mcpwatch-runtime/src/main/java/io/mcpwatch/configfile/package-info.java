/**
 * Reading configuration files: YAML to a location-aware {@link io.mcpwatch.config.ConfigNode} tree
 * (Jackson's YAML streaming parser), then binding, resolution and linting from core.
 *
 * <p>Start at {@link io.mcpwatch.configfile.ConfigFiles#load} (for commands that run alarms: any
 * error is a {@link io.mcpwatch.configfile.ConfigFileException}) or {@link io.mcpwatch.configfile.ConfigFiles#check}
 * (for {@code validate}: everything, never throws for configuration mistakes).
 */
@NullMarked
package io.mcpwatch.configfile;

import org.jspecify.annotations.NullMarked;
