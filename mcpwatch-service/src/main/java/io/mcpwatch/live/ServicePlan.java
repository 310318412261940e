package io.mcpwatch.live;

import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.config.McpwatchConfig;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.config.ServiceSettings.SourceSettings;
import io.mcpwatch.config.Topic;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.notify.Subscriber;
import io.mcpwatch.notify.TopicConfig;
import io.mcpwatch.source.read.InputFormat;
import io.mcpwatch.source.read.ReadOptions;
import io.mcpwatch.source.tail.StartAt;
import io.mcpwatch.storage.DatabaseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the live service runs, derived from a loaded configuration and the command line: the
 * alarms, engine options, sources, topics and where state, keys and mail live. Relative paths in
 * the configuration (source globs, the SQLite file, the mailbox directory) are resolved against the
 * configuration file's directory, so the service does the same wherever it is started from.
 *
 * @param loaded the configuration
 * @param options the command-line choices
 * @param alarms the alarms to run (all, or one app's)
 * @param engineOptions engine switches
 * @param sources the sources to read
 * @param topics the configured topics and their subscribers
 * @param region the region of ARNs and subjects
 * @param storageUrl the JDBC URL, relative SQLite paths resolved
 * @param dataDir where the signing key and certificate live (next to an SQLite file)
 * @param mailboxDir where e-mails go as .eml files when no SMTP server is configured
 */
public record ServicePlan(
    LoadedConfig loaded,
    RunOptions options,
    List<ResolvedAlarm> alarms,
    EngineOptions engineOptions,
    List<SourceSpec> sources,
    List<TopicConfig> topics,
    String region,
    String storageUrl,
    Path dataDir,
    Path mailboxDir) {

  static final String DEFAULT_REGION = "us-east-1";
  private static final String SQLITE = "jdbc:sqlite:";

  public ServicePlan {
    Objects.requireNonNull(loaded, "loaded");
    Objects.requireNonNull(options, "options");
    alarms = List.copyOf(alarms);
    Objects.requireNonNull(engineOptions, "engineOptions");
    sources = List.copyOf(sources);
    topics = List.copyOf(topics);
  }

  /** The service settings of the configuration. */
  public ServiceSettings service() {
    return loaded.config().service();
  }

  /**
   * Derives the plan.
   *
   * @throws ServiceException for an unknown {@code --app}, a bad {@code --stdin} or a source
   *     that cannot be read as configured
   */
  public static ServicePlan of(LoadedConfig loaded, RunOptions options) {
    ServiceSettings service = loaded.config().service();
    Path base = baseDir(loaded.file());
    List<ResolvedAlarm> alarms = selectAlarms(loaded, options.app());
    EngineOptions engine = loaded.engineOptions(options.noEarly()); // shared with backtest
    List<SourceSpec> sources = new ArrayList<>();
    for (SourceSettings s : service.sources()) {
      SourceSpec spec = source(s, alarms, base);
      if (spec != null) {
        sources.add(spec);
      }
    }
    if (options.stdin() != null) {
      sources.add(stdinOption(options.stdin(), alarms));
    }
    String region =
        loaded.config().region() == null ? DEFAULT_REGION : loaded.config().region().value();
    String url = storageUrl(loaded);
    Path dataDir =
        url.startsWith(SQLITE)
            ? Path.of(url.substring(SQLITE.length())).toAbsolutePath().getParent()
            : base.resolve("mcpwatch-data");
    Path mailbox = base.resolve(service.notifications().mailboxDir()).normalize();
    return new ServicePlan(loaded, options, alarms, engine, sources, topics(loaded), region, url,
        dataDir, mailbox);
  }

  /** The configured JDBC URL, a relative SQLite path resolved against the file's directory. */
  static String storageUrl(LoadedConfig loaded) {
    String url = loaded.config().service().storage().url();
    return url.startsWith(SQLITE)
        ? SQLITE + baseDir(loaded.file()).resolve(url.substring(SQLITE.length())).normalize()
        : url;
  }

  /** The database of the configuration (for status and subscriptions, beside the service). */
  public static DatabaseConfig database(LoadedConfig loaded) {
    return Storage.config(storageUrl(loaded), loaded.config().service().storage());
  }

  /**
   * The database that {@code storage} names for a file at {@code configFile} (relative SQLite
   * paths resolved against its directory): for {@code status} when the file has errors elsewhere.
   */
  public static DatabaseConfig database(
      Path configFile, ServiceSettings.StorageSettings storage) {
    String url = storage.url();
    String resolved =
        url.startsWith(SQLITE)
            ? SQLITE + baseDir(configFile).resolve(url.substring(SQLITE.length())).normalize()
            : url;
    return Storage.config(resolved, storage);
  }

  /** {@code loaded} with other service settings (the demo builds them in code). */
  public static LoadedConfig withService(LoadedConfig loaded, ServiceSettings service) {
    McpwatchConfig c = loaded.config();
    McpwatchConfig changed =
        new McpwatchConfig(c.namespace(), c.region(), c.logGroup(), c.alarmName(),
            c.environments(), c.apps(), c.defaults(), c.alarms(), c.overrides(), c.topics(),
            c.patternOptions(), service);
    return new LoadedConfig(loaded.file(), changed, loaded.alarms(), loaded.findings());
  }

  /** The configuration file's directory (relative paths in it are resolved against it). */
  static Path baseDir(Path configFile) {
    Path parent = configFile.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  static List<ResolvedAlarm> selectAlarms(LoadedConfig loaded, @Nullable String app) {
    if (app == null) {
      return loaded.alarms();
    }
    List<ResolvedAlarm> out =
        loaded.alarms().stream().filter(a -> a.app().equals(app)).collect(Collectors.toList());
    if (out.isEmpty()) {
      TreeSet<String> apps = new TreeSet<>();
      loaded.alarms().forEach(a -> apps.add(a.app()));
      throw new ServiceException(ServiceException.Kind.INVALID, "--app " + app + ": no alarms for this app in " + loaded.file()
          + "; apps: " + String.join(", ", apps));
    }
    return out;
  }

  /** The log groups of {@code app} (in {@code env}, or every env) among the alarms run. */
  private static List<String> groups(List<ResolvedAlarm> alarms, @Nullable String env, String app) {
    Set<String> out = new LinkedHashSet<>();
    for (ResolvedAlarm a : alarms) {
      if (a.app().equals(app) && (env == null || a.env().equals(env))) {
        out.add(a.logGroup());
      }
    }
    return List.copyOf(out);
  }

  private static @Nullable SourceSpec source(
      SourceSettings s, List<ResolvedAlarm> alarms, Path base) {
    String where = s.path().isEmpty() ? "source of " + s.app() : s.path();
    List<String> groups = groups(alarms, s.env(), s.app());
    if (groups.isEmpty()) {
      return null; // another app than --app, or no alarm reads it
    }
    String type = s.type().trim().toLowerCase(Locale.ROOT);
    String format = type.equals("docker") ? "docker" : s.format();
    ReadOptions read;
    try {
      read =
          ReadOptions.defaults()
              .withFormat(InputFormat.fromCliName(format))
              .withDefaultLogGroup(groups.get(0))
              .withTimestampFormat(s.timestampFormat())
              .withStripAnsi(s.stripAnsi());
    } catch (IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.INVALID, where + ": " + e.getMessage());
    }
    String scope = (s.env() == null ? "*" : s.env()) + "/" + s.app();
    switch (type) {
      case "file":
      case "docker":
        if (s.paths().isEmpty()) {
          throw new ServiceException(ServiceException.Kind.INVALID, where + ".paths: expected at least one file glob");
        }
        List<String> globs = new ArrayList<>();
        for (String g : s.paths()) {
          globs.add(Path.of(g).isAbsolute() ? g : base + "/" + g);
        }
        StartAt startAt =
            s.startAt().equalsIgnoreCase("beginning") ? StartAt.BEGINNING : StartAt.END;
        String key = type + ":" + scope + ":" + format + ":" + String.join("|", globs);
        return new SourceSpec(key, SourceSpec.Kind.FILES, globs, startAt, read, groups,
            scope + " " + String.join(" ", s.paths()));
      case "stdin":
        return new SourceSpec("stdin:" + scope, SourceSpec.Kind.STDIN, List.of(), StartAt.END,
            read, groups, scope + " stdin");
      default:
        throw new ServiceException(ServiceException.Kind.INVALID, where + ".type: expected file, docker or stdin; found " + s.type());
    }
  }

  private static SourceSpec stdinOption(String value, List<ResolvedAlarm> alarms) {
    int slash = value.indexOf('/');
    String env = slash < 0 ? null : value.substring(0, slash);
    String app = value.substring(slash + 1);
    List<String> groups = groups(alarms, env, app);
    if (groups.isEmpty()) {
      TreeSet<String> known = new TreeSet<>();
      alarms.forEach(a -> known.add(a.env() + "/" + a.app()));
      throw new ServiceException(ServiceException.Kind.INVALID, "--stdin " + value + ": no alarms run for this app; expected APP or"
          + " ENV/APP among " + String.join(", ", known));
    }
    ReadOptions read = ReadOptions.defaults().withDefaultLogGroup(groups.get(0));
    String scope = (env == null ? "*" : env) + "/" + app;
    return new SourceSpec("stdin:" + scope, SourceSpec.Kind.STDIN, List.of(), StartAt.END, read,
        groups, scope + " stdin");
  }

  /** The configured topics with their e-mail subscribers. */
  static List<TopicConfig> topics(LoadedConfig loaded) {
    List<TopicConfig> out = new ArrayList<>();
    for (Topic t : loaded.config().topics()) {
      List<Subscriber> subs = new ArrayList<>();
      for (io.mcpwatch.config.Subscriber s : t.subscribers()) {
        subs.add(Subscriber.of(s.protocol().key(), s.endpoint()));
      }
      out.add(new TopicConfig(t.name(), null, subs));
    }
    return out;
  }
}
