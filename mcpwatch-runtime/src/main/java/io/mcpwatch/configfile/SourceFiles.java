package io.mcpwatch.configfile;

import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import io.mcpwatch.lint.Finding;
import io.mcpwatch.lint.Severity;
import io.mcpwatch.source.tail.GlobSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks of {@code validate} that need the file system: every glob of a file or docker source
 * must be a valid glob (an error: {@code mcpwatch run} would refuse it), and one that matches no
 * file now is a warning (the tailer picks files up when they appear, but a typo would go unseen).
 * The first file a glob matches is sampled: ANSI colour codes in it are a warning unless the
 * source has {@code stripAnsi: true}.
 *
 * <p>Globs are read by the tailer's own {@link GlobSet} (relative ones against the configuration
 * file's directory, as {@code mcpwatch run} resolves them); the walk stops at the first match or
 * after {@value #MAX_VISITS} entries (then the glob is not reported).
 */
final class SourceFiles {
  private SourceFiles() {}

  /** Rule id of the glob warning. */
  static final String NO_MATCH = "source-glob-matches-nothing";

  /** Rule id of the ANSI colour warning. */
  static final String ANSI = "source-ansi-colours";

  /** How many bytes of the first matching file are looked at for ANSI escapes. */
  static final int SAMPLE_BYTES = 64 * 1024;

  /** How many directory entries one glob may visit before the check gives up on it. */
  static final int MAX_VISITS = 100_000;

  /**
   * Whether the first {@value #SAMPLE_BYTES} bytes of the file hold an ESC byte, or its JSON escape
   * (backslash-u001b, as Docker's json-file logs carry it). An unreadable file shows nothing.
   */
  static boolean showsAnsi(Path file) {
    byte[] b;
    try (InputStream in = Files.newInputStream(file)) {
      b = in.readNBytes(SAMPLE_BYTES);
    } catch (IOException e) {
      return false;
    }
    String text = new String(b, StandardCharsets.ISO_8859_1);
    return text.indexOf(0x1b) >= 0 || text.toLowerCase(Locale.ROOT).contains("\\u001b[");
  }

  /** {@code check} with the file-system errors and findings added, each list in file order. */
  static ConfigCheck apply(ConfigCheck check, Path baseDirectory) {
    McpwatchConfig config = check.config();
    if (config == null) {
      return check;
    }
    List<ConfigError> errors = new ArrayList<>(check.errors());
    List<Finding> findings = new ArrayList<>(check.findings());
    for (SourceSettings s : config.service().sources()) {
      if (s.type().equals("stdin")) {
        continue;
      }
      for (String glob : s.paths()) {
        boolean relative;
        GlobSet g;
        try {
          relative = !Path.of(glob).isAbsolute();
          g = GlobSet.parse(List.of(relative ? baseDirectory + "/" + glob : glob));
        } catch (InvalidPathException e) {
          errors.add(new ConfigError(s.path(), s.line(), s.column(),
              "the glob " + glob + " is not a path: " + e.getMessage()));
          continue;
        } catch (IllegalArgumentException e) {
          errors.add(new ConfigError(s.path(), s.line(), s.column(), e.getMessage()));
          continue;
        }
        Path sample = s.stripAnsi() ? null : g.firstMatch(MAX_VISITS);
        if (sample != null && showsAnsi(sample)) {
          findings.add(
              new Finding(
                  Severity.WARNING,
                  ANSI,
                  s.path(),
                  s.line(),
                  s.column(),
                  sample
                      + " shows ANSI colour codes (ESC[...m), which stay in the events and break"
                      + " patterns such as [level=\"ERROR:*\", ...]",
                  "add stripAnsi: true to this source (and use --strip-ansi with backtest), or run"
                      + " the server without a terminal"));
        }
        if (g.matchesNothing(MAX_VISITS)) {
          findings.add(
              new Finding(
                  Severity.WARNING,
                  NO_MATCH,
                  s.path(),
                  s.line(),
                  s.column(),
                  "the glob "
                      + glob
                      + " matches no file now"
                      + (relative ? " (relative to " + baseDirectory + ")" : "")
                      + ", or its directory cannot be read by this user; mcpwatch run picks"
                      + " files up when they appear",
                  "check the path; for Docker logs: /var/lib/docker/containers/*/*-json.log"
                      + " (readable by root)"));
        }
      }
    }
    errors.sort(null);
    findings.sort(null);
    return new ConfigCheck(check.file(), config, check.resolution(), errors, findings);
  }
}
