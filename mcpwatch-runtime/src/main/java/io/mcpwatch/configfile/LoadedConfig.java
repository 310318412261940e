package io.mcpwatch.configfile;

import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.metrics.DefaultValueMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A configuration without errors, ready to run.
 *
 * @param file the file it was read from
 * @param config the bound configuration (topics, subscribers, environments, apps)
 * @param alarms every resolved alarm, environment x app x alarm
 * @param findings lint warnings and infos (never errors), for commands to print
 */
public record LoadedConfig(
    Path file, McpwatchConfig config, List<ResolvedAlarm> alarms, List<Finding> findings) {
  public LoadedConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(config, "config");
    alarms = List.copyOf(alarms);
    findings = List.copyOf(findings);
  }

  /**
   * The engine options of the file's {@code engine:} section ({@code earlyFiring}, {@code
   * evaluationRangeExtra}, {@code defaultValueMode}, {@code notifyInitialOk}). The one place that
   * turns the section into {@link EngineOptions}: {@code run} and {@code backtest} both build their
   * engine from it, so a backtest gives the answer the live service would.
   *
   * @param noEarly {@code --no-early}: evaluate only at period boundaries whatever the file says
   */
  public EngineOptions engineOptions(boolean noEarly) {
    ServiceSettings.EngineSettings es = config.service().engine();
    return EngineOptions.defaults()
        .withEarlyFiring(es.earlyFiring() && !noEarly)
        .withExtraRangeDatapoints(es.extraRangeDatapoints())
        .withDefaultValueMode(
            DefaultValueMode.valueOf(es.defaultValueMode().trim().toUpperCase(Locale.ROOT)))
        .withNotifyInitialOk(es.notifyInitialOk());
  }
}
