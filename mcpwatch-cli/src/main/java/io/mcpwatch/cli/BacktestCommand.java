package io.mcpwatch.cli;

import io.mcpwatch.replay.BacktestHtml;
import io.mcpwatch.replay.BacktestReport;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.LiteralPrefilter;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.InputFormat;
import io.mcpwatch.source.read.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcpwatch backtest}: what each alarm would have done on real logs. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replays log events in event time through the alarm engine and shows, per alarm, its metric,",
      "every state transition with CloudWatch's reason, and how often it would have fired.",
      "INPUT is a file (JSON Lines, `aws logs filter-log-events` JSON, Docker json-file logs, or",
      "plain text with --timestamp-format; .gz is decompressed) or - for stdin."
    })
final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration (see mcpwatch init), or Terraform: a .tf file or a directory of them.")
  Path config;

  @Option(names = "--var", paramLabel = "NAME=VALUE", description = "When -c is Terraform: set a root variable.")
  List<String> vars = new ArrayList<>();

  @Option(names = "--var-file", paramLabel = "FILE", description = "When -c is Terraform: a .tfvars file.")
  List<String> varFiles = new ArrayList<>();

  @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment whose alarms are replayed.")
  String env;

  @Option(names = "--app", paramLabel = "APP", description = "Only this app's alarms; events without a log group are routed to it.")
  @Nullable String app;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Input files, or - for stdin.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--from", paramLabel = "TIME", description = "Skip events before TIME (ISO-8601 UTC, e.g. 2026-03-02T10:05:00Z).")
  @Nullable String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Skip events after TIME; the last evaluation is at the last boundary not after it.")
  @Nullable String to;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, or html (one self-contained file: a chart and the datapoint distribution per alarm).")
  Format format = Format.text;

  enum Format {
    text,
    json,
    html
  }

  @Option(names = "--input-format", paramLabel = "FORMAT", description = "auto (default), jsonl, cloudwatch, docker or text.")
  String inputFormat = "auto";

  @Option(names = "--log-group", paramLabel = "GROUP", description = "Log group of events whose input names none.")
  @Nullable String logGroup;

  @Option(names = "--timestamp-format", paramLabel = "FMT", description = "For text input: iso (default), python, epoch-ms, epoch-s or a DateTimeFormatter pattern.")
  @Nullable String timestampFormat;

  @Option(names = "--no-early", description = "Evaluate only at period boundaries, like CloudWatch (no early firing).")
  boolean noEarly;

  @Option(names = "--no-progress", description = "Never show the progress bar on stderr.")
  boolean noProgress;

  @Override
  public Integer call() {
    LoadedConfig loaded =
        TerraformSupport.isTerraform(config)
            ? TerraformSupport.load(config, vars, varFiles)
            : ConfigFiles.load(config);
    List<ResolvedAlarm> alarms =
        loaded.alarms().stream()
            .filter(a -> a.env().equals(env) && (app == null || a.app().equals(app)))
            .collect(Collectors.toList());
    if (alarms.isEmpty()) {
      TreeSet<String> envs = new TreeSet<>();
      TreeSet<String> apps = new TreeSet<>();
      loaded.alarms().forEach(a -> { envs.add(a.env()); apps.add(a.app()); });
      throw new UserError(2, config + ": no alarms for --env " + env + (app != null ? " --app " + app : "")
          + "; environments: " + String.join(", ", envs) + "; apps: " + String.join(", ", apps));
    }
    PrintWriter err = spec.commandLine().getErr();
    long warnings = loaded.findings().stream().filter(f -> f.severity() == io.mcpwatch.lint.Severity.WARNING).count();
    if (warnings > 0) {
      err.println("mcpwatch: " + config + " has " + warnings + " lint warning(s); mcpwatch validate -c " + config + " shows them");
    }
    Instant fromT = parseTime("--from", from);
    Instant toT = parseTime("--to", to);
    if (fromT != null && toT != null && toT.isBefore(fromT)) {
      throw new UserError(2, "--to " + to + " is before --from " + from);
    }
    String defaultGroup = logGroup;
    if (defaultGroup == null && app != null) {
      defaultGroup = alarms.get(0).logGroup();
    }
    // The engine routes by these groups only: the readers need not decode other groups' messages.
    Set<String> alarmGroups =
        alarms.stream().map(ResolvedAlarm::logGroup).collect(Collectors.toSet());
    ReadOptions options;
    try {
      options = ReadOptions.defaults()
          .withFormat(InputFormat.fromCliName(inputFormat))
          .withDefaultLogGroup(defaultGroup)
          .withTimestampFormat(timestampFormat)
          .withWantedLogGroups(alarmGroups)
          .withPrefilters(prefilters(alarms));
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    }
    List<EventReader> readers = new ArrayList<>();
    long totalBytes = 0;
    try {
      for (String in : inputs) {
        if (in.equals("-")) {
          try {
            readers.add(EventReaders.open(System.in, "stdin", options));
          } catch (IOException e) {
            throw new UserError(1, "stdin: cannot read: " + e.getMessage());
          }
          totalBytes = -1;
        } else {
          Path p = Path.of(in);
          try {
            readers.add(EventReaders.open(p, options));
          } catch (NoSuchFileException e) {
            throw new UserError(1, in + ": cannot read: no such file");
          } catch (IOException e) {
            throw new UserError(1, in + ": cannot read: " + e.getMessage());
          }
          if (totalBytes >= 0) {
            totalBytes = in.endsWith(".gz") ? -1 : totalBytes + sizeOf(p);
          }
        }
      }
      EventReader reader = readers.size() == 1 ? readers.get(0) : EventReaders.merge(readers);
      // no alarm history: the report never reads it
      EngineOptions engineOptions = EngineOptions.defaults().withEarlyFiring(!noEarly).withRetainAll(true)
          .withHistory(false);
      Replay.Result result;
      try (ProgressBar bar = progressBar(totalBytes)) {
        LongConsumer progress = bar == null ? n -> {} : n -> bar.stepTo(reader.stats().bytes());
        result = Replay.run(alarms, reader, engineOptions, fromT, toT, progress);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(format == Format.json
          ? BacktestReport.json(result, env) + "\n"
          : format == Format.html ? BacktestHtml.render(result, env) : BacktestReport.text(result, env));
      out.flush();
      if (result.summary().eventsReplayed() > 0 && defaultGroup == null
          && result.summary().engine().unknownLogGroupEvents() == result.summary().eventsReplayed()) {
        err.println("mcpwatch: no event was routed to an alarm: the inputs carry no log group of env " + env
            + "; pass --app APP (or --log-group GROUP)");
      }
      return 0;
    } catch (java.io.UncheckedIOException e) {
      throw new UserError(1, "cannot read input: " + e.getCause().getMessage());
    } finally {
      for (EventReader r : readers) {
        try {
          r.close();
        } catch (IOException ignored) {
          // closing a read-only input cannot lose anything
        }
      }
    }
  }

  private @Nullable ProgressBar progressBar(long totalBytes) {
    if (noProgress || System.console() == null || (totalBytes >= 0 && totalBytes < 64L << 20)) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("backtest")
        .setInitialMax(totalBytes < 0 ? -1 : totalBytes)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" MiB", 1L << 20)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static @Nullable Instant parseTime(String option, @Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new UserError(2, option + " " + value + ": expected an ISO-8601 UTC time like 2026-03-02T10:05:00Z");
    }
  }


  /**
   * Per log group, the byte-level prefilter of all its alarms' patterns: the replay runs no other
   * pattern on a message and shows none, so a message it rejects need not be decoded.
   */
  private static Map<String, LiteralPrefilter> prefilters(List<ResolvedAlarm> alarms) {
    Map<String, List<FilterPattern>> patterns = new HashMap<>();
    for (ResolvedAlarm a : alarms) {
      patterns.computeIfAbsent(a.logGroup(), g -> new ArrayList<>()).add(a.filter().pattern());
    }
    Map<String, LiteralPrefilter> out = new HashMap<>();
    patterns.forEach((g, ps) -> {
      LiteralPrefilter p = LiteralPrefilter.of(ps);
      if (p != null) {
        out.put(g, p);
      }
    });
    return out;
  }
}
