package io.mcpwatch.cli;

import ch.qos.logback.classic.Level;
import io.mcpwatch.demo.Demo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcpwatch demo}: the live service on the ADR-0003 configuration, simulated servers. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the live service on the built-in ADR-0003 configuration (4 MCP servers x dev and"
          + " prod, 32 alarms) with simulated servers writing uvicorn and Python log files in real"
          + " time: normal traffic, then an OBO failure burst, a 404 scan and a 5xx outage. Shows"
          + " each alarm state change with its reason and writes the e-mails as .eml files.",
      "Example: ./mcpwatch demo --duration 3m"
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Stop after TIME (e.g. 90s, 3m, 1h); default: run until Ctrl-C.")
  @Nullable Duration duration;

  @Option(names = "--fast",
      description = "Run the clock 10x faster, so 5-minute periods (and the alarms' return to"
          + " OK) pass in 30 s.")
  boolean fast;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "mcpwatch-demo",
      description = "Where the demo writes its configuration, logs, state and e-mails (default:"
          + " ${DEFAULT-VALUE}); cleared at the next demo.")
  Path dir;

  @Option(names = "--verbose", description = "Also show the service's own log lines (stderr).")
  boolean verbose;

  @Override
  public Integer call() throws InterruptedException {
    if (!verbose && LoggerFactory.getLogger("io.mcpwatch") instanceof ch.qos.logback.classic.Logger) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.mcpwatch")).setLevel(Level.WARN);
    }
    return Demo.run(dir, InitCommand.template(), duration, fast, spec.commandLine().getOut());
  }

  /** {@code 90s}, {@code 3m}, {@code 1h}, or ISO-8601 ({@code PT3M}). */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        if (v.startsWith("pt")) {
          return positive(Duration.parse(v.toUpperCase(Locale.ROOT)), value);
        }
        char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        long n = Long.parseLong(Character.isDigit(unit) ? v : v.substring(0, v.length() - 1));
        switch (unit) {
          case 'd':
            return positive(Duration.ofDays(n), value);
          case 'h':
            return positive(Duration.ofHours(n), value);
          case 'm':
            return positive(Duration.ofMinutes(n), value);
          case 's':
            return positive(Duration.ofSeconds(n), value);
          default:
            if (Character.isDigit(unit)) {
              return positive(Duration.ofSeconds(n), value);
            }
            throw new NumberFormatException(value); // an unknown unit
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new IllegalArgumentException(
            "expected a duration like 90s, 3m, 1h or 1d; found " + value);
      }
    }

    private static Duration positive(Duration d, String value) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("expected a positive duration; found " + value);
      }
      return d;
    }
  }
}
