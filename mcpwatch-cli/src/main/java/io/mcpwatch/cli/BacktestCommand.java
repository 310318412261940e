package io.mcpwatch.cli;

import io.mcpwatch.replay.BacktestHtml;
import io.mcpwatch.replay.BacktestReport;
import io.mcpwatch.replay.Expectations;
import io.mcpwatch.replay.Replay;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.LiteralPrefilter;
import io.mcpwatch.source.read.AssumedTimes;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.InputFormat;
import io.mcpwatch.source.read.ReadOptions;
import io.mcpwatch.source.read.ReaderStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
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
      "INPUT is a file or - for stdin: JSON Lines, `aws logs filter-log-events`/`get-log-events`/",
      "`get-query-results` JSON, a CloudWatch export to S3 (000000.gz), a Logs Insights CSV download,",
      "Docker json-file logs, or plain text (--timestamp-format; --assume-start for lines without",
      "times). The format is detected per input; .gz is decompressed."
    })
final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** This command line's configuration, read while picocli parsed it (null: none). */
  private final @Nullable ConfigPrefetch prefetch;

  BacktestCommand() {
    this(null);
  }

  BacktestCommand(@Nullable ConfigPrefetch prefetch) {
    this.prefetch = prefetch;
  }

  @Option(names = {"-c", "--config"}, defaultValue = ConfigOption.DEFAULT, paramLabel = "FILE",
      description = "The configuration file (default: ${DEFAULT-VALUE}; see mcpwatch init), or"
          + " Terraform: a .tf file or a directory of them.")
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

  @Option(names = "--input-format", paramLabel = "FORMAT", description = "auto (default), jsonl, cloudwatch, s3-export, insights-csv, insights-json, docker or text.")
  String inputFormat = "auto";

  @Option(names = "--strip-ansi", description = "Remove ANSI colour codes (ESC[31m) from each line before matching.")
  boolean stripAnsi;

  @Option(names = "--assume-start", paramLabel = "TIME", description = "Text lines without a time (uvicorn's default): the first is at TIME (ISO-8601 UTC); the times are assumed and reported so.")
  @Nullable String assumeStart;

  @Option(names = "--assume-rate", paramLabel = "N/s", description = "With --assume-start: lines per second (10/s, 600/min, 0.5; default 1/s).")
  @Nullable String assumeRate;

  @Option(names = "--log-group", paramLabel = "GROUP", description = "Log group of events whose input names none.")
  @Nullable String logGroup;

  @Option(names = "--timestamp-format", paramLabel = "FMT", description = "For text input: iso (default), python, epoch-ms, epoch-s or a DateTimeFormatter pattern.")
  @Nullable String timestampFormat;

  @Option(names = "--no-early", description = "Evaluate only at period boundaries, like CloudWatch (no early firing).")
  boolean noEarly;

  @Option(names = "--expect", paramLabel = "FILE", description = {
      "CI mode: lines 'ALARM TIME STATE' (transitions into or out of ALARM) or 'ALARM never fires';",
      "exit 1 with a diff when the replay differs."})
  @Nullable Path expect;

  @Option(names = "--no-progress", description = "Never show the progress bar on stderr.")
  boolean noProgress;

  @Override
  public Integer call() {
    // the prefetch's configuration is resolved but maybe not linted yet: the lint's outcome is
    // awaited before anything is printed, and before any other error is reported
    @Nullable LoadedConfig early = prefetch == null ? null : prefetch.early(config);
    if (early == null || prefetch == null) {
      return backtest(
          TerraformSupport.isTerraform(config)
              ? TerraformSupport.load(config, vars, varFiles)
              : ConfigFiles.load(config),
          null);
    }
    try {
      return backtest(early, prefetch);
    } catch (RuntimeException e) {
      prefetch.load(); // a configuration error wins, as when the file was loaded first
      throw e;
    }
  }

  /**
   * The backtest of {@code loaded}'s alarms; {@code lint}, when not null, gives the configuration's
   * lint findings (and errors) later.
   */
  private Integer backtest(LoadedConfig loaded, @Nullable ConfigPrefetch lint) {
    // loops, not streams, over what may be 10,000s of alarms (C1 compiles each stream stage)
    List<ResolvedAlarm> alarms = new ArrayList<>();
    for (ResolvedAlarm a : loaded.alarms()) {
      if (a.env().equals(env) && (app == null || a.app().equals(app))) {
        alarms.add(a);
      }
    }
    if (alarms.isEmpty()) {
      TreeSet<String> envs = new TreeSet<>();
      TreeSet<String> apps = new TreeSet<>();
      loaded.alarms().forEach(a -> { envs.add(a.env()); apps.add(a.app()); });
      throw new UserError(2, config + ": no alarms for --env " + env + (app != null ? " --app " + app : "")
          + "; environments: " + String.join(", ", envs) + "; apps: " + String.join(", ", apps));
    }
    PrintWriter err = spec.commandLine().getErr();
    Instant fromT = parseTime("--from", from);
    Instant toT = parseTime("--to", to);
    if (fromT != null && toT != null && toT.isBefore(fromT)) {
      throw new UserError(2, "--to " + to + " is before --from " + from);
    }
    String defaultGroup = logGroup;
    if (defaultGroup == null && app != null) {
      defaultGroup = alarms.get(0).logGroup();
    }
    ReadOptions options;
    try {
      options = readOptions(alarms, InputFormat.fromCliName(inputFormat), defaultGroup, timestampFormat,
          stripAnsi, assumedTimes());
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    }
    @Nullable Expectations expectations = expect == null ? null : readExpectations(expect);
    List<EventReader> readers = new ArrayList<>();
    long totalBytes = 0;
    EventReader reader;
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
      // event-time order across all inputs (Insights CSV is newest first, S3 objects unsorted),
      // sorted with bounded memory; closing it closes the inputs and deletes its run files
      reader = EventReaders.inTimeOrder(readers);
      readers = new ArrayList<>(List.of(reader));
      EngineOptions engineOptions = engineOptions(loaded, noEarly);
      Replay.Result result;
      try (ProgressBar bar = progressBar(totalBytes)) {
        LongConsumer progress = bar == null ? n -> {} : n -> bar.stepTo(reader.stats().bytes());
        if (lint != null) { // a lint error stops a long replay
          LongConsumer shown = progress;
          progress = n -> {
            lint.failFast();
            shown.accept(n);
          };
        }
        result = Replay.run(alarms, reader, engineOptions, fromT, toT, progress);
      }
      LoadedConfig linted = lint == null ? loaded : lint.load();
      long warnings = 0;
      for (io.mcpwatch.lint.Finding f : linted.findings()) {
        if (f.severity() == io.mcpwatch.lint.Severity.WARNING) {
          warnings++;
        }
      }
      if (warnings > 0) {
        err.println("mcpwatch: " + config + " has " + warnings + " lint warning(s); mcpwatch validate -c " + config + " shows them");
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.json) {
        BacktestReport.json(result, env, out); // streamed: 10,000 alarms make some 6 MB
        out.print("\n");
      } else {
        out.print(format == Format.html ? BacktestHtml.render(result, env) : BacktestReport.text(result, env));
      }
      out.flush();
      ReaderStats rs = result.summary().reader();
      if (rs.assumedTimes() > 0) {
        err.println("mcpwatch: the times of " + rs.assumedTimes() + " events are assumed (--assume-start " + assumeStart
            + ", --assume-rate " + (assumeRate == null ? "1/s" : assumeRate) + "), not read from the input");
      }
      if (result.summary().eventsReplayed() == 0) {
        err.println("mcpwatch: nothing replayed: " + (result.summary().eventsRead() > 0
            ? "all " + result.summary().eventsRead() + " events are outside --from/--to" : whyNothing(rs)));
        return 1;
      }
      if (expectations != null) {
        List<String> diff = expectations.diff(result);
        if (!diff.isEmpty()) {
          err.println("mcpwatch: the backtest differs from " + expect + " (- expected, + replayed):");
          diff.forEach(d -> err.println("  " + d));
          err.flush();
          return 1;
        }
        err.println("mcpwatch: the backtest matches " + expect + " (" + expectations.alarmCount() + " alarms checked)");
      }
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

  /**
   * How a backtest reads its inputs: only the alarms' log groups are decoded, and with each group's
   * {@link LiteralPrefilter} a message no pattern can match is not decoded at all.
   *
   * @throws IllegalArgumentException for a bad timestamp format
   */
  static ReadOptions readOptions(List<ResolvedAlarm> alarms, InputFormat format, @Nullable String defaultGroup,
      @Nullable String timestampFormat, boolean stripAnsi, @Nullable AssumedTimes assumedTimes) {
    // The engine routes by these groups only: the readers need not decode other groups' messages.
    Set<String> alarmGroups = new HashSet<>();
    for (ResolvedAlarm a : alarms) {
      alarmGroups.add(a.logGroup());
    }
    return ReadOptions.defaults()
        .withFormat(format)
        .withDefaultLogGroup(defaultGroup)
        .withTimestampFormat(timestampFormat)
        .withWantedLogGroups(alarmGroups)
        // ANSI codes may split a required literal in the raw bytes: no prefilter when stripping
        .withPrefilters(stripAnsi ? null : prefilters(alarms))
        .withStripAnsi(stripAnsi)
        .withAssumedTimes(assumedTimes);
  }

  /**
   * The engine of a backtest: the file's {@code engine:} section exactly as {@code run} reads it
   * ({@link LoadedConfig#engineOptions}), keeping every bucket and no history (a replay reads
   * neither back).
   */
  static EngineOptions engineOptions(LoadedConfig loaded, boolean noEarly) {
    return loaded.engineOptions(noEarly).withRetainAll(true).withHistory(false);
  }

  private static Expectations readExpectations(Path file) {
    String text;
    try {
      text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(1, file + ": cannot read: no such file");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UserError(1, file + ": cannot read: " + e.getMessage());
    }
    try {
      return Expectations.parse(file.toString(), text);
    } catch (IllegalArgumentException e) {
      throw new UserError(2, e.getMessage());
    }
  }

  private @Nullable AssumedTimes assumedTimes() {
    if (assumeStart == null) {
      if (assumeRate != null) {
        throw new UserError(2, "--assume-rate needs --assume-start TIME (the time of the first line)");
      }
      return null;
    }
    Instant start = parseTime("--assume-start", assumeStart);
    double rate;
    try {
      rate = assumeRate == null ? 1.0 : AssumedTimes.parseRate(assumeRate);
    } catch (IllegalArgumentException e) {
      throw new UserError(2, "--assume-rate " + e.getMessage().substring("rate ".length()).replace("'", ""));
    }
    return new AssumedTimes(start.toEpochMilli(), rate);
  }

  /** One line: why no event came out of the inputs. */
  private String whyNothing(ReaderStats rs) {
    String where = inputs.size() == 1 ? (inputs.get(0).equals("-") ? "stdin" : inputs.get(0)) : "the inputs";
    if (rs.untimed() > 0) {
      return rs.untimed() + " lines of " + where + " carry no timestamp (uvicorn's default format); give them times"
          + " with --assume-start TIME --assume-rate N/s, or name their format with --timestamp-format";
    }
    if (rs.malformed() + rs.oversized() > 0) {
      return (rs.malformed() + rs.oversized()) + " records of " + where + " could not be read"
          + (rs.firstErrors().isEmpty() ? "" : ", first: " + rs.firstErrors().get(0));
    }
    return where + " holds no events";
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
    // groups with the same patterns (one per app, from one template) share one prefilter (all
    // patterns of a run are compiled with the configuration's one set of pattern options)
    Map<List<String>, Optional<LiteralPrefilter>> byTexts = new HashMap<>();
    for (Map.Entry<String, List<FilterPattern>> e : patterns.entrySet()) {
      List<FilterPattern> ps = e.getValue();
      List<String> texts = new ArrayList<>(ps.size());
      for (FilterPattern p : ps) {
        texts.add(p.text());
      }
      Optional<LiteralPrefilter> p =
          byTexts.computeIfAbsent(texts, t -> Optional.ofNullable(LiteralPrefilter.of(ps)));
      if (p.isPresent()) {
        out.put(e.getKey(), p.get());
      }
    }
    return out;
  }
}
