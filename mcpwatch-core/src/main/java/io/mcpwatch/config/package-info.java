/**
 * The configuration model: a location-aware node tree (parsed from YAML outside core), the binder
 * that turns it into immutable records while collecting every error with its key path and
 * line:column, and the resolution of environments x apps x alarms into {@link
 * io.mcpwatch.config.ResolvedAlarm}s.
 *
 * <p>Start at {@link io.mcpwatch.config.ConfigBinder#bind} (tree to {@link
 * io.mcpwatch.config.McpwatchConfig} plus errors), then {@link
 * io.mcpwatch.config.ConfigResolver#resolve} (to resolved alarms plus errors). Each top-level
 * section has its own binder class ({@code EnvironmentsSection}, {@code AppsSection}, {@code
 * AlarmsSection}, {@code OverridesSection}, {@code TopicsSection}, {@code PatternOptionsSection});
 * alarm fields are the {@link io.mcpwatch.config.AlarmField}s, bound by {@code
 * AlarmSettingsSection} wherever they may be written. The live-service sections (sources, storage,
 * http, smtp, notifications, engine) are bound by {@code ServiceSection} into {@link
 * io.mcpwatch.config.ServiceSettings}.
 *
 * <p>Secrets: any string or number value written as exactly {@code ${NAME}} comes from the
 * environment map given to {@link io.mcpwatch.config.ConfigBinder#bind(ConfigNode, java.util.Map)};
 * an unset variable is an error naming the key and the variable. Passwords, tokens and subscriber
 * URLs never appear in messages or {@code toString()}.
 */
@NullMarked
package io.mcpwatch.config;

import org.jspecify.annotations.NullMarked;
