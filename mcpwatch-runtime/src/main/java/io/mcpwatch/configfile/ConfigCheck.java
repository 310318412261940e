package io.mcpwatch.configfile;

import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.Resolution;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code validate} knows about one file: the errors (YAML syntax, schema, patterns,
 * resolution) and the lint findings.
 *
 * @param file the file as the user named it, for messages
 * @param config the bound configuration, or null when the YAML could not be parsed
 * @param resolution the resolution, or null when the YAML could not be parsed
 * @param errors YAML, binding and resolution errors, in document order
 * @param findings lint findings (any severity), in document order
 */
public record ConfigCheck(
    String file,
    @Nullable McpwatchConfig config,
    @Nullable Resolution resolution,
    List<ConfigError> errors,
    List<Finding> findings) {

  public ConfigCheck {
    Objects.requireNonNull(file, "file");
    errors = List.copyOf(errors);
    findings = List.copyOf(findings);
  }

  /** How many lint findings have the severity. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** Configuration errors plus lint errors. */
  public long errorCount() {
    return errors.size() + count(Severity.ERROR);
  }

  /** 2 with any error, 1 with warnings only, 0 otherwise (infos do not count). */
  public int exitCode() {
    return errorCount() > 0 ? 2 : count(Severity.WARNING) > 0 ? 1 : 0;
  }

  /** Alarms resolved. */
  public int alarmCount() {
    return resolution == null ? 0 : resolution.alarms().size();
  }
}
