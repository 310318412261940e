package io.mcpwatch.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpwatch.server.ingest.BoundedBody;
import io.mcpwatch.server.ingest.EventSink;
import io.mcpwatch.server.ingest.IngestHandler;
import io.mcpwatch.server.ingest.IngestStats;
import io.mcpwatch.server.status.AlarmPages;
import io.mcpwatch.server.subscribe.SubscriptionPages;
import io.mcpwatch.server.web.Answer;
import io.mcpwatch.server.web.BearerToken;
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
 *       set;
 *   <li>{@code GET /confirmation.html}, {@code GET /unsubscribe.html}, the configured confirm and
 *       unsubscribe paths of {@link io.mcpwatch.notify.Links}, {@code GET /?Action=...} and the
 *       certificate path, when {@link Builder#subscriptions} was given; never behind the token
 *       (people follow these links from e-mail);
 *   <li>{@code GET /healthz}, always, never behind the token.
 * </ul>
 *
 * <p>{@link #close()} stops accepting, lets requests in flight finish for at most {@link
 * ServerSettings#stopTimeout()}, and stops.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final Javalin app;
  private final ServerSettings settings;
  private final IngestStats ingestStats;
  private boolean closed;

  private HttpServer(Javalin app, ServerSettings settings, IngestStats ingestStats) {
    this.app = app;
    this.settings = settings;
    this.ingestStats = ingestStats;
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
    private final List<Supplier<Map<String, Long>>> counters = new ArrayList<>();
    private InstantSource clock = InstantSource.system();

    private Builder(ServerSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Serves ingest; accepted events go to {@code sink}. */
    public Builder ingest(EventSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
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

    /** Adds counters to {@code /healthz} (the ingest counters are always there). */
    public Builder health(Supplier<Map<String, Long>> moreCounters) {
      counters.add(Objects.requireNonNull(moreCounters, "moreCounters"));
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
      requireTokenOffLoopback(settings);
      EventSink s = sink;
      IngestHandler ingest = s == null ? null : new IngestHandler(settings.limits(), s, clock);
      IngestStats stats = ingest == null ? new IngestStats() : ingest.stats();
      List<Supplier<Map<String, Long>>> all = new ArrayList<>();
      all.add(stats::snapshot);
      all.addAll(counters);
      Health health = new Health(clock, clock.instant(), all);
      Routes routes = new Routes(settings, ingest, pages, alarmPages, health);
      Javalin app = Javalin.create(routes::configure);
      try {
        app.start(settings.host(), settings.port());
      } catch (RuntimeException e) {
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
      HttpServer server = new HttpServer(app, settings, stats);
      log.info(
          "HTTP server listening on {}{}",
          server.baseUri(),
          settings.token() == null ? "" : " (ingest requires a bearer token)");
      return server;
    }
  }

  /** Refuses a non-loopback bind address without a token. */
  static void requireTokenOffLoopback(ServerSettings settings) {
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
  }

  /**
   * The slowest request body accepted, in bytes per second averaged over the request: far below
   * any real client (an agent posting a 1 MiB batch needs 1 s at 1 MiB/s), far above a slowloris
   * trickle of a byte every few seconds.
   */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

  /** The Javalin wiring: reads requests into plain values and writes {@link Answer}s back. */
  private static final class Routes {
    private final ServerSettings settings;
    private final @Nullable IngestHandler ingest;
    private final @Nullable SubscriptionPages pages;
    private final @Nullable AlarmPages alarms;
    private final Health health;

    Routes(
        ServerSettings settings,
        @Nullable IngestHandler ingest,
        @Nullable SubscriptionPages pages,
        @Nullable AlarmPages alarms,
        Health health) {
      this.settings = settings;
      this.ingest = ingest;
      this.pages = pages;
      this.alarms = alarms;
      this.health = health;
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
      // slowloris: a body trickling in below this rate is cut off (408), so slow clients cannot
      // hold the worker threads that /healthz and ingest need
      cfg.jetty.modifyHttpConfiguration(hc -> hc.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND));
      cfg.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
      cfg.routes.get("/healthz", ctx -> send(ctx, health.answer()));
      IngestHandler in = ingest;
      if (in != null) {
        cfg.routes.post("/v1/logs", ctx -> ingest(ctx, in, false));
        cfg.routes.post("/", ctx -> ingest(ctx, in, true));
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
        cfg.routes.get("/", ctx -> send(ctx, sp.queryApi(ctx.queryParamMap())));
      }
      AlarmPages ap = alarms;
      if (ap != null) {
        String list = ap.path().substring(0, ap.path().length() - 1);
        cfg.routes.get(list, ctx -> send(ctx, ap.answer(null, ctx.queryParam("format"))));
        cfg.routes.get(ap.path(), ctx -> send(ctx, ap.answer(null, ctx.queryParam("format"))));
        cfg.routes.get(
            ap.path() + "{name}",
            ctx -> send(ctx, ap.answer(ctx.pathParam("name"), ctx.queryParam("format"))));
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
