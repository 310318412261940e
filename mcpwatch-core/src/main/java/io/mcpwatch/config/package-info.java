/**
 * The configuration model: a location-aware node tree (parsed from YAML outside core), the binder
 * that turns it into immutable records while collecting every error with its key path and
 * line:column, and the resolution of environments x apps x alarms into {@link
 * io.mcpwatch.config.ResolvedAlarm}s.
 */
@NullMarked
package io.mcpwatch.config;

import org.jspecify.annotations.NullMarked;
