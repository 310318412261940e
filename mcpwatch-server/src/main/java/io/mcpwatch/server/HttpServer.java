package io.mcpwatch.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.mcpwatch.server.ingest.BoundedBody;
import io.mcpwatch.server.ingest.EventSink;
import io.mcpwatch.server.ingest.IngestHandler;
import io.mcpwatch.server.ingest.IngestStats;
import io.mcpwatch.server.console.Console;
import io.mcpwatch.server.status.AlarmPages;
import io.mcpwatch.server.subscribe.SubscriptionPages;
import io.mcpwatch.server.web.Answer;
import io.mcpwatch.server.web.BearerToken;
import io.mcpwatch.source.tail.PossibleGaps;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running HTTP server (Javalin on Jetty). Routes:
 *
 * <ul>
 *   <li>{@code POST /v1/logs} and {@code POST /} (AWS JSON 1.1, {@code X-Amz-Target}): ingest, when
 *       {@link Builder#ingest} was given; {@code Authorization: Bearer} checked when a token is
 *       set; with {@link Builder#aws} the AWS routes take {@code POST /} and {@code POST
 *       /service/*} (and check their own credentials);
 *   <li>{@code GET /confirmation.html}, {@code GET /unsubscribe.html}, the configured confirm and
 *       unsubscribe paths of {@link io.mcpwatch.notify.Links}, {@code GET /?Action=...} and the
 *       certificate path, when {@link Builder#subscriptions} was given; never behind the token
 *       (people follow these links from e-mail);
 *   <li>the web console ({@link Builder#console}): {@code GET /} leads to it; the overview and
 *       alarm pages at the alarm path, {@code /console/...} for the chart data, the test-pattern
 *       page, the static files and the server-sent events ({@code /console/events}, event {@code
 *       commit} whenever the read model's version changes);
 *   <li>{@code GET /healthz}, always, never behind the token;
 *   <li>{@code GET /metrics} (Prometheus text format), when {@link Builder#metrics} was given;
 *       behind the token when one is set.
 * </ul>
 *
 * <p><b>The secret off loopback.</b> When the server listens on an address that is not loopback
 * (which requires a token), every page except the subscription confirm and unsubscribe links,
 * the certificate, the console's static files and {@code /healthz} requires the token: as {@code
 * Authorization: Bearer TOKEN}, or as the password of HTTP Basic authentication (any user name),
 * which browsers ask for and then send with every request, the event stream included.
 *
 * <p>{@link #close()} stops accepting, lets requests in flight finish for at most {@link
 * ServerSettings#stopTimeout()}, and stops.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final Javalin app;
  private final ServerSettings settings;
  private final IngestStats ingestStats;
  private final @Nullable ConsoleEvents events;
  private boolean closed;

  private HttpServer(
      Javalin app, ServerSettings settings, IngestStats ingestStats, @Nullable ConsoleEvents events) {
    this.app = app;
    this.settings = settings;
    this.ingestStats = ingestStats;
    this.events = events;
  }

  /**
   * Loads and initializes Javalin's and Jetty's classes (a server is configured, never started: no
   * socket, no thread), so that a service that calls this on a second thread while it reads its
   * configuration starts its server sooner. Never throws.
   */
  public static void warmUp() {
    try {
      Javalin.create(config -> { });
      // what Javalin's start builds first: their static initializers (MIME types, locales, the
      // pool's queue) were a third of the server's start
      new org.eclipse.jetty.server.Server(new QueuedThreadPool(8, 2, 60_000));
      Class.forName("org.eclipse.jetty.server.ServerConnector", true,
          HttpServer.class.getClassLoader());
      Class.forName("org.eclipse.jetty.ee10.servlet.ServletContextHandler", true,
          HttpServer.class.getClassLoader());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // only a head start: starting the server reports whatever is wrong
    }
  }

  public static Builder builder(ServerSettings settings) {
    return new Builder(settings);
  }

  /** The bound port (the real one when {@link ServerSettings#port()} was 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://<host>:<port>} as bound (IPv6 hosts in brackets). */
  public URI baseUri() {
    String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return URI.create("http://" + h + ":" + port());
  }

  /** The ingest counters (zero when ingest is off). */
  public IngestStats ingestStats() {
    return ingestStats;
  }

  /**
   * Stops the server: no new connections, requests in flight get up to {@link
   * ServerSettings#stopTimeout()} to finish, then the rest are cut off. Never throws; idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("HTTP server on {} stopping", baseUri());
    if (events != null) {
      events.close();
    }
    try {
      app.stop();
    } catch (RuntimeException e) {
      // Jetty gave up waiting for requests in flight after the stop timeout; it is stopped anyway
      log.warn(
          "HTTP server on {} stopped after {} with requests still running ({})",
          baseUri(),
          settings.stopTimeout(),
          e.toString());
    }
  }

  /** Collects the parts, then {@link #start()}s. */
  public static final class Builder {
    private final ServerSettings settings;
    private @Nullable EventSink sink;
    private @Nullable SubscriptionPages pages;
    private @Nullable AlarmPages alarmPages;
    private @Nullable Console console;
    private boolean pagesRequireToken;
    private final List<Supplier<Map<String, Long>>> counters = new ArrayList<>();
    private Supplier<Map<String, PossibleGaps>> gaps = Map::of;
    private @Nullable Supplier<Answer> metrics;
    private @Nullable RequestObserver requests;
    private InstantSource clock = InstantSource.system();
    private @Nullable Consumer<JavalinConfig> aws;

    private Builder(ServerSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Serves ingest; accepted events go to {@code sink}. */
    public Builder ingest(EventSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * Mounts the AWS endpoints (mcpwatch-aws's {@code AwsRoutes}); they own {@code POST /} and
     * {@code POST /service/*}, and ingest keeps {@code POST /v1/logs}.
     */
    public Builder aws(Consumer<JavalinConfig> routes) {
      this.aws = Objects.requireNonNull(routes, "routes");
      return this;
    }

    /** Serves the subscription pages and the certificate. */
    public Builder subscriptions(SubscriptionPages pages) {
      this.pages = Objects.requireNonNull(pages, "pages");
      return this;
    }

    /** Serves the read-only alarm pages (the notifications' "View this alarm" links). */
    public Builder alarms(AlarmPages alarms) {
      this.alarmPages = Objects.requireNonNull(alarms, "alarms");
      return this;
    }

    /** Serves the web console ({@code GET /} leads to it). */
    public Builder console(Console newConsole) {
      this.console = Objects.requireNonNull(newConsole, "console");
      return this;
    }

    /**
     * Requires the token for the pages also on a loopback address (for a reverse proxy on the same
     * host, where every client looks like loopback). Off loopback they always require it.
     */
    public Builder pagesRequireToken(boolean required) {
      this.pagesRequireToken = required;
      return this;
    }

    /** Adds counters to {@code /healthz} (the ingest counters are always there). */
    public Builder health(Supplier<Map<String, Long>> moreCounters) {
      counters.add(Objects.requireNonNull(moreCounters, "moreCounters"));
      return this;
    }

    /**
     * Adds the file sources' possible gaps (by source label) to {@code /healthz}; see {@link
     * Health}.
     */
    public Builder gaps(Supplier<Map<String, PossibleGaps>> sourceGaps) {
      this.gaps = Objects.requireNonNull(sourceGaps, "sourceGaps");
      return this;
    }

    /**
     * Serves {@code GET /metrics} with what {@code scrape} answers (called on each request); it
     * requires {@code Authorization: Bearer} when a token is set, like ingest.
     */
    public Builder metrics(Supplier<Answer> scrape) {
      this.metrics = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    /** Reports every answered request to {@code observer}. */
    public Builder requests(RequestObserver observer) {
      this.requests = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** The clock for receive times and uptime (default: the system clock). */
    public Builder clock(InstantSource newClock) {
      this.clock = Objects.requireNonNull(newClock, "clock");
      return this;
    }

    /**
     * Binds and starts.
     *
     * @throws IllegalArgumentException when the host does not resolve, or is not loopback and no
     *     token is set (the message names {@code http.token})
     * @throws IllegalStateException when the port cannot be bound
     */
    public HttpServer start() {
      boolean offLoopback = requireTokenOffLoopback(settings);
      if (pagesRequireToken && settings.token() == null) {
        throw new IllegalArgumentException(
            "http.token: required when the pages require the token; set a bearer token of at least "
                + BearerToken.MIN_LENGTH
                + " characters");
      }
      EventSink s = sink;
      IngestHandler ingest = s == null ? null : new IngestHandler(settings.limits(), s, clock);
      IngestStats stats = ingest == null ? new IngestStats() : ingest.stats();
      List<Supplier<Map<String, Long>>> all = new ArrayList<>();
      all.add(stats::snapshot);
      all.addAll(counters);
      Health health = new Health(clock, clock.instant(), all, gaps);
      Console c = console;
      ConsoleEvents events = c == null ? null : new ConsoleEvents(c);
      Routes routes =
          new Routes(
              settings, offLoopback || pagesRequireToken, ingest, pages, alarmPages, c, events, health,
              metrics, requests, aws);
      Javalin app = Javalin.create(routes::configure);
      try {
        app.start(settings.host(), settings.port());
      } catch (RuntimeException e) {
        if (events != null) {
          events.close();
        }
        app.stop();
        throw new IllegalStateException(
            "http.port: cannot listen on "
                + settings.host()
                + ":"
                + settings.port()
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
      if (events != null) {
        events.start();
      }
      HttpServer server = new HttpServer(app, settings, stats, events);
      log.info(
          "HTTP server listening on {}{}",
          server.baseUri(),
          settings.token() == null ? "" : " (ingest requires a bearer token)");
      return server;
    }
  }

  /**
   * Refuses a non-loopback bind address without a token.
   *
   * @return whether the address is not loopback (then pages require the token)
   */
  static boolean requireTokenOffLoopback(ServerSettings settings) {
    boolean loopback;
    try {
      loopback = true;
      for (InetAddress a : InetAddress.getAllByName(settings.host())) {
        loopback &= a.isLoopbackAddress();
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "http.host: cannot resolve " + settings.host() + " (" + e.getMessage() + ")", e);
    }
    if (!loopback && settings.token() == null) {
      throw new IllegalArgumentException(
          "http.token: required when http.host ("
              + settings.host()
              + ") is not a loopback address; set a bearer token of at least "
              + BearerToken.MIN_LENGTH
              + " characters, or bind to 127.0.0.1");
    }
    return !loopback;
  }

  /**
   * The console's server-sent events: one daemon thread looks at the read model's version twice
   * a second and sends {@code event: commit} to every open stream when it changed (so a burst of
   * commits costs each browser at most two reloads a second), and a comment every 15 s so that
   * closed streams are noticed.
   */
  private static final class ConsoleEvents implements AutoCloseable {
    private static final int MAX_CLIENTS = 100;
    private final Console console;
    private final ConcurrentLinkedQueue<SseClient> clients = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mcpwatch-console-events");
              t.setDaemon(true);
              return t;
            });
    private long sent = -1;
    private int ticks;

    ConsoleEvents(Console console) {
      this.console = console;
    }

    void start() {
      timer.scheduleWithFixedDelay(this::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    void add(SseClient client) {
      if (clients.size() >= MAX_CLIENTS) {
        client.ctx().status(503);
        client.close();
        return;
      }
      client.keepAlive();
      client.onClose(() -> clients.remove(client));
      clients.add(client);
      client.sendComment("connected");
    }

    private void tick() {
      try {
        long v = console.version();
        boolean changed = v != sent;
        sent = v;
        boolean ping = ++ticks % 30 == 0;
        if (!changed && !ping) {
          return;
        }
        for (SseClient c : clients) {
          try {
            if (changed) {
              c.sendEvent("commit", Long.toString(v));
            } else {
              c.sendComment("ping");
            }
          } catch (RuntimeException e) {
            clients.remove(c);
          }
        }
      } catch (RuntimeException e) {
        log.debug("console events: {}", e.toString());
      }
    }

    @Override
    public void close() {
      timer.shutdownNow();
      for (SseClient c : clients) {
        try {
          c.close();
        } catch (RuntimeException e) {
          // closing anyway
        }
      }
      clients.clear();
    }
  }

  /** The Javalin wiring: reads requests into plain values and writes {@link Answer}s back. */
  private static final class Routes {
    private final ServerSettings settings;
    private final @Nullable IngestHandler ingest;
    private final @Nullable SubscriptionPages pages;
    private final @Nullable AlarmPages alarms;
    private final @Nullable Console console;
    private final @Nullable ConsoleEvents events;
    private final Health health;
    private final @Nullable Supplier<Answer> metrics;
    private final @Nullable RequestObserver requests;
    private final @Nullable Consumer<JavalinConfig> aws;
    private final boolean offLoopback;

    Routes(
        ServerSettings settings,
        boolean offLoopback,
        @Nullable IngestHandler ingest,
        @Nullable SubscriptionPages pages,
        @Nullable AlarmPages alarms,
        @Nullable Console console,
        @Nullable ConsoleEvents events,
        Health health,
        @Nullable Supplier<Answer> metrics,
        @Nullable RequestObserver requests,
        @Nullable Consumer<JavalinConfig> aws) {
      this.settings = settings;
      this.offLoopback = offLoopback;
      this.metrics = metrics;
      this.requests = requests;
      this.aws = aws;
      this.ingest = ingest;
      this.pages = pages;
      this.alarms = alarms;
      this.console = console;
      this.events = events;
      this.health = health;
    }

    /** Whether a GET of {@code path} needs the token off loopback (see the class comment). */
    private boolean needsSecret(Context ctx) {
      if (!offLoopback || !"GET".equals(ctx.method().name()) && !"POST".equals(ctx.method().name())) {
        return false;
      }
      String p = ctx.path();
      if (p.equals("/")) {
        return "GET".equals(ctx.method().name()) && ctx.queryParam("Action") == null;
      }
      AlarmPages ap = alarms;
      Console c = console;
      boolean alarmPage =
          (ap != null && p.startsWith(ap.path().substring(0, ap.path().length() - 1)))
              || (c != null && p.startsWith(c.alarmPath().substring(0, c.alarmPath().length() - 1)));
      boolean consolePage =
          p.startsWith(Console.PREFIX) && !p.startsWith(Console.PREFIX + "assets/");
      return alarmPage || consolePage;
    }

    private boolean hasSecret(Context ctx) {
      BearerToken token = settings.token();
      if (token == null) {
        return true;
      }
      String auth = ctx.header("Authorization");
      if (token.matches(auth)) {
        return true;
      }
      if (auth != null && auth.length() > 6 && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          String decoded =
              new String(
                  java.util.Base64.getDecoder().decode(auth.substring(6).strip()),
                  StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          return colon >= 0 && token.matches("Bearer " + decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
          return false;
        }
      }
      return false;
    }

    void configure(JavalinConfig cfg) {
      cfg.startup.showJavalinBanner = false;
      cfg.startup.showOldJavalinVersionWarning = false;
      QueuedThreadPool pool = new QueuedThreadPool(settings.maxThreads(), 2, 60_000);
      pool.setName("mcpwatch-http");
      pool.setDaemon(true);
      cfg.jetty.threadPool = pool;
      cfg.jetty.modifyServer(s -> s.setStopTimeout(settings.stopTimeout().toMillis()));
      cfg.http.maxRequestSize = settings.limits().maxBodyBytes();
      // slowloris: a body trickling in is cut off (408) while it is read (BoundedBody, every route
      // that reads a body), so slow clients cannot hold the worker threads /healthz and ingest need
      cfg.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
      cfg.routes.get("/healthz", ctx -> send(ctx, health.answer()));
      cfg.routes.before(
          ctx -> {
            if (needsSecret(ctx) && !hasSecret(ctx)) {
              send(
                  ctx,
                  Answer.of(401, Answer.TEXT, "this page needs the service's token (http.token)\n")
                      .withHeader("WWW-Authenticate", "Basic realm=\"mcpwatch\", charset=\"UTF-8\"")
                      .withHeader("X-Content-Type-Options", "nosniff"));
              ctx.skipRemainingHandlers();
            }
          });
      Supplier<Answer> m = metrics;
      if (m != null) {
        cfg.routes.get("/metrics", ctx -> send(ctx, authorized(ctx) ? m.get() : UNAUTHORIZED));
      }
      RequestObserver ro = requests;
      if (ro != null) {
        cfg.requestLogger.http((ctx, ms) -> ro.request(ctx.method().name(), route(ctx),
            ctx.statusCode()));
      }
      IngestHandler in = ingest;
      if (in != null) {
        cfg.routes.post("/v1/logs", ctx -> ingest(ctx, in, false));
        if (aws == null) {
          cfg.routes.post("/", ctx -> ingest(ctx, in, true));
        }
      }
      if (aws != null) {
        aws.accept(cfg);
      }
      SubscriptionPages sp = pages;
      if (sp != null) {
        Set<String> confirm =
            new LinkedHashSet<>(List.of("/confirmation.html", sp.links().confirmPath()));
        Set<String> unsubscribe =
            new LinkedHashSet<>(List.of("/unsubscribe.html", sp.links().unsubscribePath()));
        for (String path : confirm) {
          cfg.routes.get(path, ctx -> send(ctx, sp.confirmPage(ctx.queryParamMap())));
        }
        for (String path : unsubscribe) {
          cfg.routes.get(path, ctx -> send(ctx, sp.unsubscribePage(ctx.queryParamMap())));
        }
        cfg.routes.get(sp.links().certificatePath(), ctx -> send(ctx, sp.certificate()));
      }
      Console c = console;
      if (sp != null || c != null) {
        cfg.routes.get(
            "/",
            ctx -> {
              if (c != null && (sp == null || ctx.queryParam("Action") == null)) {
                send(ctx, Answer.of(302, Answer.TEXT, "").withHeader("Location", c.alarmPath()));
              } else if (sp != null) {
                send(ctx, sp.queryApi(ctx.queryParamMap()));
              }
            });
      }
      AlarmPages ap = alarms;
      if (ap != null) {
        String list = ap.path().substring(0, ap.path().length() - 1);
        cfg.routes.get(list, ctx -> send(ctx, alarmList(ap, ctx)));
        cfg.routes.get(ap.path(), ctx -> send(ctx, alarmList(ap, ctx)));
        cfg.routes.get(
            ap.path() + "{name}",
            ctx -> {
              String format = ctx.queryParam("format");
              send(
                  ctx,
                  c == null || format != null
                      ? ap.answer(ctx.pathParam("name"), format)
                      : c.alarm(ctx.pathParam("name"), ctx.queryParamMap()));
            });
      }
      if (c != null) {
        cfg.routes.get(Console.PREFIX + "series", ctx -> send(ctx, c.series(ctx.queryParamMap())));
        cfg.routes.get(Console.PREFIX + "test-pattern", ctx -> send(ctx, c.testPatternPage(ctx.queryParamMap())));
        cfg.routes.post(
            Console.PREFIX + "test-pattern",
            ctx -> send(ctx, c.testPattern(
                Objects.requireNonNullElse(ctx.formParam("pattern"), ""), ctx.formParam("lines"))));
        cfg.routes.get(
            Console.PREFIX + "assets/{file}", ctx -> send(ctx, c.asset(ctx.pathParam("file"))));
        ConsoleEvents ev = Objects.requireNonNull(events);
        cfg.routes.sse(Console.PREFIX + "events", ev::add);
      }
      cfg.routes.exception(
          Exception.class,
          (e, ctx) -> {
            log.error("HTTP {} {} failed", ctx.method(), ctx.path(), e);
            send(
                ctx,
                Answer.of(
                    500,
                    Answer.JSON,
                    "{\"__type\":\"InternalFailure\",\"message\":\"internal error\"}"));
          });
    }

    private static final Answer UNAUTHORIZED =
        Answer.of(401, Answer.TEXT, "expected the header Authorization: Bearer <token>\n")
            .withHeader("WWW-Authenticate", "Bearer realm=\"mcpwatch\"");

    private boolean authorized(Context ctx) {
      BearerToken token = settings.token();
      return token == null || token.matches(ctx.header("Authorization"));
    }

    private static String route(Context ctx) {
      try {
        var e = ctx.endpoints().lastHttpEndpoint();
        return e == null ? "unmatched" : e.path;
      } catch (RuntimeException e) {
        return "unmatched";
      }
    }

    private Answer alarmList(AlarmPages ap, Context ctx) {
      String format = ctx.queryParam("format");
      Console c = console;
      return c == null || format != null ? ap.answer(null, format) : c.overview(ctx.queryParamMap());
    }

    private void ingest(Context ctx, IngestHandler in, boolean awsJson) {
      BearerToken token = settings.token();
      if (token != null && !token.matches(ctx.header("Authorization"))) {
        send(ctx, in.unauthorized().withHeader("Connection", "close"));
        return;
      }
      BoundedBody.Result body;
      try {
        body =
            BoundedBody.read(
                ctx.req().getInputStream(),
                ctx.req().getContentLengthLong(),
                ctx.header("Content-Encoding"),
                settings.limits().maxBodyBytes());
      } catch (IOException e) {
        // the client went away or sent broken framing; answer if the connection still works
        log.debug("ingest: reading the request body failed: {}", e.toString());
        body = new BoundedBody.Undecodable(400, "the request body could not be read");
      }
      if (!(body instanceof BoundedBody.Read)) {
        send(ctx, in.notRead(body).withHeader("Connection", "close"));
        return;
      }
      byte[] bytes = ((BoundedBody.Read) body).bytes();
      Answer a =
          awsJson
              ? in.awsJson(ctx.header("X-Amz-Target"), bytes)
              : in.postLogs(ctx.header("Content-Type"), ctx.queryParamMap(), bytes);
      send(ctx, a);
    }

    private static void send(Context ctx, Answer a) {
      ctx.status(a.status());
      ctx.contentType(a.contentType());
      ctx.header("X-Content-Type-Options", "nosniff"); // answers may echo input
      a.headers().forEach(ctx::header);
      ctx.result(a.body().getBytes(StandardCharsets.UTF_8));
    }
  }
}
