package io.mcpwatch.live;

import io.mcpwatch.aws.AwsApi;
import io.mcpwatch.aws.AwsRoutes;
import io.mcpwatch.aws.auth.AccessKey;
import io.mcpwatch.aws.auth.Authenticator;
import io.mcpwatch.aws.auth.RequestAuth;
import io.mcpwatch.aws.cloudwatch.CloudWatchService;
import io.mcpwatch.aws.logs.LogGroupDirectory;
import io.mcpwatch.aws.logs.LogsService;
import io.mcpwatch.aws.logs.LogsSettings;
import io.mcpwatch.aws.logs.MetricFilterCatalog;
import io.mcpwatch.aws.wire.Service;
import java.util.Locale;
import java.util.EnumSet;
import io.mcpwatch.aws.wire.Access;
import io.mcpwatch.config.ResolvedAlarm;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.notify.ConfirmResult;
import io.mcpwatch.notify.NotificationDispatcher;
import io.mcpwatch.notify.NotifySettings;
import io.mcpwatch.notify.OutboxHealth;
import io.mcpwatch.notify.ReconcileReport;
import io.mcpwatch.notify.SubscriptionManager;
import io.mcpwatch.notify.UnsubscribeResult;
import io.mcpwatch.server.HttpServer;
import io.mcpwatch.server.ServerSettings;
import io.mcpwatch.server.ingest.EventQueue;
import io.mcpwatch.readmodel.ReadModel;
import io.mcpwatch.server.console.Console;
import io.mcpwatch.server.status.AlarmPages;
import io.mcpwatch.server.subscribe.SubscriptionActions;
import io.mcpwatch.server.subscribe.SubscriptionPages;
import io.mcpwatch.server.web.BearerToken;
import io.mcpwatch.storage.Database;
import io.mcpwatch.storage.StorageException;
import io.mcpwatch.storage.notify.JdbcOutbox;
import io.mcpwatch.storage.notify.JdbcSubscriptionStore;
import io.mcpwatch.storage.state.IngestToken;
import io.mcpwatch.storage.state.SavedState;
import io.mcpwatch.storage.state.ServiceRun;
import io.mcpwatch.storage.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import io.mcpwatch.source.tail.PossibleGaps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live service: the composition root of {@code mcpwatch run} and {@code mcpwatch demo}.
 *
 * <pre>{@code
 * LiveService s = LiveService.start(ServicePlan.of(ConfigFiles.load(file), RunOptions.defaults()),
 *     RunListener.NONE, InstantSource.system(), System.in);
 * Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "mcpwatch-shutdown"));
 * s.awaitTermination();
 * }</pre>
 *
 * <p>Threads: one engine thread ({@link EngineLoop}) owns the engine and commits; one thread per
 * source reads and decodes; the dispatcher thread delivers the outbox; Jetty's threads serve HTTP
 * (ingest goes through a bounded queue to the engine thread). {@link #stop()} stops HTTP and the
 * sources, lets the dispatcher finish (at most 5 s), processes what was queued, commits a last
 * time and closes the database.
 */
public final class LiveService {
  private static final Logger log = LoggerFactory.getLogger(LiveService.class);
  private static final Duration DISPATCHER_STOP = Duration.ofSeconds(5);
  private static final int HTTP_QUEUE_EVENTS = 100_000;
  /** An ingest request is answered once its events are committed, or after this long. */
  private static final Duration HTTP_COMMIT_WAIT = Duration.ofSeconds(5);
  /** How long a scrape waits for the engine thread's alarm states before using the last ones. */
  private static final Duration GAUGES_WAIT = Duration.ofSeconds(2);

  private final Database db;
  private final StateStore state;
  private final SubscriptionManager subscriptions;
  private final EngineLoop loop;
  private final Thread engineThread;
  private final DispatcherThread dispatcher;
  private final Inbox inbox;
  private final InstantSource clock;
  private final InputStream stdin;
  private final List<LogSource> sources = new ArrayList<>();
  private final List<FileSource> fileSources = new CopyOnWriteArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable HttpServer http;
  /** The SNS signing key (a fresh data directory's is made after the start; stop awaits it). */
  private volatile @Nullable BackgroundSigningKeys signingKeys;
  private final LiveAlarmStatus alarmStatus;
  private final Telemetry telemetry;
  private final JdbcOutbox outbox;
  private final Instant startedAt;
  private volatile EngineGauges lastGauges = EngineGauges.EMPTY;
  private final LiveReadModel readModel;
  private final LiveCloudWatch cloudWatch;
  private volatile ServicePlan plan;
  private boolean stopping;

  private LiveService(
      ServicePlan plan,
      Database db,
      StateStore state,
      Optional<SavedState> saved,
      EngineLoop.Prepared prepared,
      SubscriptionManager subscriptions,
      NotificationDispatcher.Builder dispatch,
      Inbox inbox,
      @Nullable EventQueue httpQueue,
      RunListener listener,
      InstantSource clock,
      InputStream stdin,
      Telemetry telemetry) {
    this.plan = plan;
    this.telemetry = telemetry;
    this.startedAt = clock.instant();
    this.alarmStatus =
        new LiveAlarmStatus(
            db.config(),
            () -> this.plan.alarms(),
            plan.service().engine().extraRangeDatapoints(),
            clock);
    this.db = db;
    this.state = state;
    this.subscriptions = subscriptions;
    this.clock = clock;
    this.stdin = stdin;
    this.inbox = inbox;
    JdbcOutbox outbox = new JdbcOutbox(db);
    this.outbox = outbox;
    RunOptions o = plan.options();
    this.loop =
        new EngineLoop(
            prepared,
            saved.map(SavedState::engine).orElse(null),
            state,
            subscriptions,
            clock,
            inbox,
            httpQueue,
            listener,
            this::wakeDispatcher,
            () -> outbox.health(clock.instant(), 4),
            plan.service().notifications().maxTriggerLines(),
            o.commitInterval(),
            o.statsInterval(),
            telemetry);
    this.readModel =
        new LiveReadModel(db.config(), () -> this.plan.alarms(), loop::triggerLines, clock);
    this.loop.afterCommit(readModel::committed);
    this.alarmStatus.versions(readModel::version);
    this.cloudWatch = new LiveCloudWatch(readModel, () -> this.plan.alarms(), clock, loop);
    java.util.concurrent.ExecutorService lanes = DispatcherThread.laneExecutor();
    this.dispatcher =
        new DispatcherThread(
            dispatch.history(loop::actionOutcome).lanes(lanes).build(),
            o.dispatchInterval(),
            lanes);
    this.engineThread = new Thread(this::runLoop, "mcpwatch-engine");
    this.engineThread.setDaemon(true);
    telemetry.register(new ServiceCollector(new Readings()));
  }

  /**
   * Opens the database, restores the last commit, reconciles the subscriptions and starts every
   * thread, HTTP and the sources.
   *
   * @param stdin read by a stdin source, if one is configured
   * @throws ServiceException when the database, the HTTP port or a source cannot be opened
   */
  public static LiveService start(
      ServicePlan plan, RunListener listener, InstantSource clock, InputStream stdin) {
    ServiceSettings service = plan.service();
    // Two things that do not need each other run at once (issue 14: ~0.5 s each with 10,000
    // alarms, on a 2-core machine): a second thread opens the database (its lock, Flyway), starts
    // loading the signing key once the lock is held (so no other service writes the key files)
    // and reads the last commit, while this one builds the engine. The start waits for that
    // thread whatever happens, and reports the failures in the order of a sequential start:
    // the database, the key and the state first, then the engine.
    OpeningStorage opening =
        OpeningStorage.begin(() -> openDatabase(plan), plan.dataDir().resolve("keys"), clock);
    EngineLoop.Prepared prepared = null;
    Throwable engineFailure = null;
    try {
      prepared = EngineLoop.prepare(plan.alarms(), plan.engineOptions(), clock);
    } catch (RuntimeException | Error e) {
      engineFailure = e;
    }
    opening.join();
    Database db = opening.database();
    if (db == null) { // "cannot open the database: ..." (nothing was opened)
      throw unchecked(Objects.requireNonNull(opening.failure()));
    }
    LiveService s = null;
    BackgroundSigningKeys keys = opening.keys();
    try {
      if (opening.failure() != null) {
        throw unchecked(opening.failure());
      }
      if (engineFailure != null) {
        throw unchecked(engineFailure);
      }
      keys = Objects.requireNonNull(keys);
      StateStore state = Objects.requireNonNull(opening.state());
      Optional<SavedState> saved = opening.saved();
      ServiceSettings.HttpSettings hs = service.http();
      int port = plan.options().httpPort() != null ? plan.options().httpPort() : hs.port();
      if (hs.enabled() && port == 0) {
        port = freePort(hs.host());
      }
      if (hs.enabled() && hs.token() != null) {
        BearerToken.of("http.token", hs.token()); // refuses a weak token before anything runs
      }
      String baseUrl =
          hs.publicBaseUrl() != null ? hs.publicBaseUrl() : "http://" + hostForUrl(hs.host())
              + ":" + port;
      NotifySettings ns = Subscriptions.notifySettings(service, plan.region(), baseUrl);
      JdbcOutbox outbox = new JdbcOutbox(db);
      JdbcSubscriptionStore store = new JdbcSubscriptionStore(db);
      SubscriptionManager manager = Subscriptions.manager(db, ns, keys, clock);
      Telemetry telemetry = new Telemetry();
      NotificationDispatcher.Builder dispatch =
          Transports.register(
                  NotificationDispatcher.builder(outbox, clock),
                  service.smtp(),
                  service.notifications().from(),
                  plan.mailboxDir(),
                  clock,
                  listener,
                  telemetry)
              .subscriptions(store);
      Transports.retryPolicies(dispatch, service.notifications().retry());
      Inbox inbox = new Inbox(16);
      EventQueue queue =
          hs.enabled()
              ? new EventQueue(
                  HTTP_QUEUE_EVENTS, Duration.ofSeconds(1), HTTP_COMMIT_WAIT, inbox::wake)
              : null;
      s = new LiveService(
          plan, db, state, saved, Objects.requireNonNull(prepared), manager, dispatch, inbox,
          queue, listener, clock, stdin, telemetry);
      try {
        keys.awaitForStart();
      } catch (IOException | RuntimeException e) {
        s.abandon(); // nothing has started yet: no stop recorded, no last commit
        s = null;
        throw e;
      }
      ReconcileReport r =
          db.transaction(
              c -> {
                manager.expirePending();
                return manager.reconcile(plan.topics());
              });
      logReconcile(r);
      // Nothing leaves the process before the database lock is held (above) and the port is
      // bound: a confirmation link must point at a listening endpoint, never at a failed start.
      s.engineThread.start();
      if (queue != null) {
        s.http = s.startHttp(hs, port, queue, ns, keys);
      }
      // where this service listens, for status and the subscriptions command (run --port included)
      ServiceRun.record(db, ServiceRun.thisProcess(s.httpUri(), clock.instant()));
      s.dispatcher.start();
      s.startSources(plan.sources(), saved);
      s.signingKeys = keys;
      keys.generateInBackground(); // a fresh data directory's key: after the start, not on its path
      log.info("running {} alarms from {}{}; state in {}", plan.alarms().size(),
          plan.loaded().file(), plan.engineOptions().earlyFiring() ? "" : " (no early firing)",
          db.config().describe());
      return s;
    } catch (IOException e) {
      stopQuietly(s, db, keys);
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot start: " + e.getMessage());
    } catch (StorageException | IllegalArgumentException | IllegalStateException e) {
      stopQuietly(s, db, keys);
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot start: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      stopQuietly(s, db, keys);
      throw e;
    }
  }

  /** A failure of the start's other thread, rethrown as it was (only unchecked ones occur). */
  private static RuntimeException unchecked(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    return (RuntimeException) t;
  }

  /** Releases what the constructor made when the start fails before any thread started. */
  private void abandon() {
    alarmStatus.close();
    readModel.close();
    try {
      dispatcher.stop(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopQuietly(
      @Nullable LiveService s, Database db, @Nullable BackgroundSigningKeys keys) {
    if (keys != null) {
      keys.settle(); // its files are written before the database lock is released
    }
    if (s != null) {
      s.stop();
    } else {
      db.close();
    }
  }

  private static Database openDatabase(ServicePlan plan) {
    ServiceSettings.StorageSettings st = plan.service().storage();
    try {
      return Database.open(Storage.config(plan.storageUrl(), st));
    } catch (StorageException | IllegalArgumentException e) {
      throw new ServiceException(ServiceException.Kind.UNAVAILABLE, "cannot open the database: " + e.getMessage());
    }
  }

  /** How long a PutLogEvents batch is recognised when it is sent again (a shipper's retry). */
  private static final Duration RETRY_WINDOW = Duration.ofMinutes(15);

  /**
   * The AWS endpoints: CloudWatch Logs (its log groups are the configured alarms' groups; events go
   * to the same queue as {@code /v1/logs}) and the CloudWatch read side. With {@code http.token}
   * or {@code http.credentials} set, every AWS call needs credentials: SigV4 with a configured key
   * (its permissions apply), SigV4 with access key id {@code mcpwatch} and the token as the secret
   * ({@link AccessKey#fromToken}), or the bearer token. Without either (loopback only), anyone.
   */
  private AwsApi awsApi(ServerSettings ss, EventQueue queue) {
    ServicePlan p = plan;
    String account = p.service().notifications().accountId();
    LogsService logs =
        new LogsService(
            new LogsSettings(
                p.region(),
                account,
                ss.limits(),
                RETRY_WINDOW,
                100_000,
                p.loaded().config().patternOptions()),
            new LogGroupDirectory() {
              @Override
              public Set<String> configured() {
                Set<String> groups = new TreeSet<>();
                plan.alarms().forEach(a -> groups.add(a.logGroup()));
                return groups;
              }

              @Override
              public boolean creatable(String name) {
                return false;
              }
            },
            () -> {
              Map<String, MetricFilterCatalog.Filter> filters = new LinkedHashMap<>();
              long created = clock.millis();
              for (ResolvedAlarm a : this.plan.alarms()) {
                String name = a.app() + "-" + a.alarm();
                filters.putIfAbsent(
                    a.logGroup() + '\u0000' + name,
                    new MetricFilterCatalog.Filter(
                        name,
                        a.logGroup(),
                        a.filter().pattern().text(),
                        a.filter().transformation(),
                        created));
              }
              return List.copyOf(filters.values());
            },
            queue,
            clock);
    // the batches the last run committed within the retry window: their retries count nothing
    for (IngestToken t : state.ingestTokens(clock.instant().minus(RETRY_WINDOW))) {
      logs.rememberTaken(t.token(), t.takenAtMillis());
    }
    CloudWatchService cw = new CloudWatchService(cloudWatch, p.region(), account, clock);
    String token = p.service().http().token();
    List<AccessKey> keys = new ArrayList<>();
    List<ServiceSettings.AwsCredential> creds = p.service().http().credentials();
    for (int i = 0; i < creds.size(); i++) {
      ServiceSettings.AwsCredential c = creds.get(i);
      Set<Access> access = EnumSet.noneOf(Access.class);
      c.permissions().forEach(x -> access.add(Access.valueOf(x.toUpperCase(Locale.ROOT))));
      keys.add(
          AccessKey.of("http.credentials[" + i + "]", c.accessKeyId(), c.secretAccessKey(), access));
    }
    if (token != null) {
      keys.add(AccessKey.fromToken(token));
    }
    Authenticator auth =
        keys.isEmpty() && ss.token() == null
            ? Authenticator.open()
            : new RequestAuth(keys, ss.token(), clock);
    return AwsApi.builder()
        .serve(Service.LOGS, logs.operations())
        .serve(Service.CLOUDWATCH, cw.operations())
        .auth(auth)
        .build();
  }

  private HttpServer startHttp(
      ServiceSettings.HttpSettings hs,
      int port,
      EventQueue queue,
      NotifySettings ns,
      BackgroundSigningKeys keys) {
    ServerSettings ss =
        ServerSettings.defaults()
            .withHost(hs.host())
            .withPort(port)
            .withToken(hs.token() == null ? null : BearerToken.of("http.token", hs.token()));
    SubscriptionActions actions =
        new SubscriptionActions() {
          @Override
          public ConfirmResult confirm(String topicArn, String token) {
            return db.transaction(c -> subscriptions.confirm(topicArn, token));
          }

          @Override
          public UnsubscribeResult unsubscribe(String subscriptionArn) {
            return db.transaction(c -> subscriptions.unsubscribe(subscriptionArn));
          }
        };
    return HttpServer.builder(ss)
        .clock(clock)
        .ingest(queue)
        .subscriptions(new SubscriptionPages(actions, ns.links(), keys::certificatePem))
        .alarms(new AlarmPages(ns.links().alarmPath(), alarmStatus))
        .console(new Console(readModel, ns.links().alarmPath(), clock))
        .health(this::healthCounters)
        .gaps(this::possibleGaps)
        .metrics(telemetry::answer)
        .requests(telemetry)
        .aws(AwsRoutes.routes(awsApi(ss, queue), ss.limits().maxBodyBytes()))
        .start();
  }

  /** The file sources' possible gaps so far, by source label (for {@code /healthz}). */
  private Map<String, PossibleGaps> possibleGaps() {
    Map<String, PossibleGaps> out = new HashMap<>();
    for (FileSource f : fileSources) {
      out.put(f.spec().label(), f.gaps());
    }
    return out;
  }

  private Map<String, Long> healthCounters() {
    RunStats s = loop.stats();
    return Map.of(
        "linesRead", s.lines(),
        "eventsFromSources", s.sourceEvents(),
        "eventsFromHttp", s.httpEvents(),
        "malformedLines", s.malformed(),
        "oversizedLines", s.oversized(),
        "unknownLogGroupEvents", s.unknownLogGroup(),
        "transitions", s.transitions(),
        "commits", s.commits(),
        "commitFailures", s.commitFailures());
  }

  /** What {@code /metrics} reads at scrape time. */
  private final class Readings implements ServiceCollector.Readings {
    @Override
    public RunStats stats() {
      return loop.stats();
    }

    @Override
    public List<LogSource> sources() {
      synchronized (LiveService.this) {
        return List.copyOf(sources);
      }
    }

    @Override
    public Map<String, Long> ingest() {
      HttpServer h = http;
      return h == null ? Map.of() : h.ingestStats().snapshot();
    }

    @Override
    public OutboxHealth outbox() {
      return outbox.health(clock.instant(), 4);
    }

    @Override
    public EngineGauges engine() {
      try {
        EngineGauges g = loop.gauges().get(GAUGES_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        lastGauges = g;
        return g;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.debug("/metrics: the engine thread did not answer: {}", e.toString());
      }
      return lastGauges; // the engine thread is busy or stopped: the last known states
    }

    @Override
    public double startTimeSeconds() {
      return startedAt.toEpochMilli() / 1000.0;
    }
  }

  private synchronized void startSources(List<SourceSpec> specs, Optional<SavedState> saved) {
    for (SourceSpec spec : specs) {
      LogSource src;
      if (spec.kind() == SourceSpec.Kind.STDIN) {
        src = new StdinSource(spec, stdin, inbox, clock);
      } else {
        List<io.mcpwatch.source.tail.FileCheckpoint> cp =
            saved.flatMap(s -> s.files(spec.key())).orElse(null);
        PossibleGaps gaps = saved.map(s -> s.gaps(spec.key())).orElse(PossibleGaps.NONE);
        FileSource file =
            FileSource.open(spec, cp, gaps, plan.options().pollInterval(), inbox, clock);
        fileSources.add(file);
        src = file;
      }
      sources.add(src);
      src.start();
    }
  }

  private void runLoop() {
    loop.run();
    if (loop.failure() != null) {
      Thread t = new Thread(this::stop, "mcpwatch-stop");
      t.setDaemon(true);
      t.start();
    }
  }

  private void wakeDispatcher() {
    dispatcher.wake(); // called by the engine thread, which starts after the constructor
  }

  // ---------------------------------------------------------------- reload

  /**
   * Reads the configuration file again and applies it: alarms (states kept), topics and
   * subscribers, sources. Storage, HTTP, SMTP and engine options take effect on a restart. A file
   * with errors is reported and the running configuration stays.
   */
  public void reload() {
    ServicePlan next;
    try {
      next = ServicePlan.of(ConfigFiles.load(plan.loaded().file()), plan.options());
    } catch (ConfigFileException | ServiceException e) {
      log.error("reload refused, still running the previous configuration: {}", e.getMessage());
      return;
    }
    loop.submit(() -> apply(next));
  }

  /** Engine thread. */
  private void apply(ServicePlan next) {
    loop.reconfigure(next.alarms());
    try {
      logReconcile(db.transaction(c -> subscriptions.reconcile(next.topics())));
    } catch (RuntimeException e) {
      log.error("reload: cannot update the subscriptions: {}", e.getMessage());
    }
    Set<String> wanted = new HashSet<>();
    next.sources().forEach(s -> wanted.add(s.key()));
    List<SourceSpec> added = new ArrayList<>();
    synchronized (this) {
      if (stopping) {
        return;
      }
      Set<String> running = new HashSet<>();
      for (LogSource s : List.copyOf(sources)) {
        if (!wanted.contains(s.spec().key())) {
          s.close();
          sources.remove(s);
          log.info("reload: stopped source {}", s.spec().label());
        } else {
          running.add(s.spec().key());
        }
      }
      for (SourceSpec spec : next.sources()) {
        if (!running.contains(spec.key())) {
          added.add(spec);
        }
      }
      plan = next;
      if (!added.isEmpty()) {
        startSources(added, state.load());
        added.forEach(s -> log.info("reload: started source {}", s.label()));
      }
    }
    log.info("reloaded {}: {} alarms, {} sources", next.loaded().file(), next.alarms().size(),
        next.sources().size());
  }

  private static void logReconcile(ReconcileReport r) {
    r.added().forEach(s -> log.info("subscription added: {} {} on {} ({})", s.protocol().id(),
        s.endpoint(), s.topicArn(), s.status()));
    r.removed().forEach(s -> log.info("subscription removed: {} {} on {}", s.protocol().id(),
        s.endpoint(), s.topicArn()));
  }

  // ---------------------------------------------------------------- life cycle

  /**
   * What the console shows: alarms, history, datapoints and trigger lines of this service, read
   * from its database (cached per commit). The AWS read APIs, {@code status} and {@code /metrics}
   * are meant to read it too.
   */
  public ReadModel readModel() {
    return readModel;
  }

  /** The HTTP server's base URI, or null when HTTP is off. */
  public @Nullable URI httpUri() {
    HttpServer h = http;
    return h == null ? null : h.baseUri();
  }

  /** The counters as of now. */
  public RunStats stats() {
    return loop.stats();
  }

  /** The subscription manager (e.g. for the demo's auto-confirmation). */
  SubscriptionManager subscriptions() {
    return subscriptions;
  }

  Database database() {
    return db;
  }

  /** Whether the engine thread failed (the service then stops by itself). */
  public boolean failed() {
    return loop.failure() != null;
  }

  /** Waits until {@link #stop()} has finished. */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /** Waits at most {@code timeout} for {@link #stop()} to finish. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops cleanly: HTTP and sources first, then the dispatcher (bounded), then the engine thread
   * processes what is queued and commits; finally the database is closed. Idempotent; safe from a
   * shutdown hook.
   */
  public void stop() {
    List<LogSource> toStop;
    synchronized (this) {
      if (stopping) {
        toStop = null;
      } else {
        stopping = true;
        toStop = List.copyOf(sources);
      }
    }
    if (toStop == null) {
      awaitQuietly();
      return;
    }
    try {
      HttpServer h = http;
      if (h != null) {
        h.close();
      }
      alarmStatus.close();
      readModel.close();
      toStop.forEach(LogSource::close);
      for (LogSource s : toStop) {
        s.join(Duration.ofSeconds(2));
      }
      dispatcher.stop(DISPATCHER_STOP);
      loop.requestStop();
      if (engineThread.isAlive() && !loop.await(Duration.ofSeconds(10))) {
        log.warn("the engine thread did not finish its last commit within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      BackgroundSigningKeys k = signingKeys;
      if (k != null) {
        k.settle(); // its files are written before the database lock is released
      }
      try {
        ServiceRun.stopped(db, clock.instant());
      } catch (RuntimeException e) {
        log.debug("could not record the clean stop: {}", e.toString());
      }
      db.close();
      log.info("stopped");
      stopped.countDown();
    }
  }

  private void awaitQuietly() {
    try {
      stopped.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
