package io.mcpwatch.streams;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.notify.http.SigningKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mcpwatch-streams.jar}: {@code run -c FILE} starts an instance of the Kafka Streams
 * deployment; {@code status -c FILE} prints every alarm's state from the transitions topic. The
 * {@code ./mcpwatch} launcher runs this jar for {@code mcpwatch streams ...}.
 */
@Command(
    name = "mcpwatch streams",
    mixinStandardHelpOptions = true,
    description = "Alarm evaluation scaled out on Kafka Streams (docs/streams.md)",
    subcommands = {StreamsMain.Run.class, StreamsMain.Status.class})
public final class StreamsMain implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit code. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new StreamsMain());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigFileException) {
            err.println("mcpwatch streams: " + e.getMessage());
            return 2;
          }
          if (e instanceof KafkaException) {
            err.println("mcpwatch streams: Kafka: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Loaded configuration plus the kafka: section. */
  record Loaded(LoadedConfig config, StreamsSettings settings) {
    static Loaded of(Path file) {
      LoadedConfig c = ConfigFiles.load(file);
      return new Loaded(c, StreamsSettingsReader.read(file, System.getenv()));
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Start one instance (start more, anywhere, with the same file to scale out)")
  static final class Run implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, defaultValue = "mcpwatch.yaml", paramLabel = "FILE",
        description = "The configuration file (default: ${DEFAULT-VALUE}; see mcpwatch init).")
    Path config;

    @Option(names = "--no-early", description = "turn early firing off")
    boolean noEarly;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      Loaded l = Loaded.of(config);
      PrintWriter err = spec.commandLine().getErr();
      l.config().findings().forEach(f -> err.println("mcpwatch streams: " + f.severity() + ": "
          + f.message()));
      // the transitions topic is the history: no per-alarm history in the snapshots (smaller writes)
      EngineOptions options = EngineOptions.defaults().withEarlyFiring(!noEarly).withHistory(false);
      StreamsSettings s = l.settings();
      Notifications notifications;
      try {
        notifications = Notifications.of(l.config(),
            SigningKeys.loadOrCreate(s.stateDir().resolve("signing-keys"), InstantSource.system()));
      } catch (IOException | IllegalArgumentException e) {
        err.println("mcpwatch streams: notifications: " + e.getMessage());
        return 2;
      }
      KafkaStreams streams = new KafkaStreams(
          StreamsTopology.build(l.config().alarms(), options, s, notifications),
          s.streamsProperties());
      CountDownLatch stopped = new CountDownLatch(1);
      streams.setStateListener((now, before) -> {
        err.println("mcpwatch streams: " + before + " -> " + now);
        if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
          stopped.countDown();
        }
      });
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        streams.close(Duration.ofSeconds(30));
        stopped.countDown();
      }, "mcpwatch-streams-shutdown"));
      Set<String> groups = new LinkedHashSet<>();
      l.config().alarms().forEach(a -> groups.add(a.logGroup()));
      err.println("mcpwatch streams: " + l.config().alarms().size() + " alarms over "
          + groups.size() + " log groups; " + s.inputTopics() + " -> " + s.transitionsTopic()
          + " (application " + s.applicationId() + ", " + s.partitions() + " partitions, clock "
          + s.clock().name().toLowerCase(java.util.Locale.ROOT) + ", exactly_once_v2)");
      streams.start();
      stopped.await();
      return streams.state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Every alarm's state, read from the transitions topic")
  static final class Status implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, defaultValue = "mcpwatch.yaml", paramLabel = "FILE",
        description = "The configuration file (default: ${DEFAULT-VALUE}; see mcpwatch init).")
    Path config;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Loaded l = Loaded.of(config);
      Map<String, TransitionJson.Read> latest =
          TransitionsReader.latest(l.settings(), Duration.ofSeconds(30));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-8s %-40s %-17s %-24s %s%n", "ENV", "ALARM", "STATE", "SINCE", "REASON");
      for (ResolvedAlarm a : l.config().alarms()) {
        TransitionJson.Read r = latest.get(a.env() + "/" + a.spec().alarmName());
        String state = r == null ? "INSUFFICIENT_DATA" : r.newState();
        String since = r == null ? "-" : Instant.ofEpochMilli(r.timeMillis()).toString();
        String reason = r == null ? "no transition yet" : r.reason();
        out.printf("%-8s %-40s %-17s %-24s %s%n", a.env(), a.spec().alarmName(), state, since,
            reason.length() > 100 ? reason.substring(0, 97) + "..." : reason);
      }
      return 0;
    }
  }

}
