package io.mcpwatch.config;

import io.mcpwatch.notify.Protocol;
import io.mcpwatch.notify.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the live service runs: where logs come from, where state is kept, the HTTP endpoint, mail,
 * notification identity and engine options. Every section has a default, so a configuration that
 * only describes alarms still runs (tailing nothing until sources are configured).
 *
 * @param sources log sources, in file order
 * @param storage the database
 * @param http the HTTP endpoint (ingest, subscription confirmation, signing certificate)
 * @param smtp the mail server, or null to write e-mails as .eml files into {@code
 *     notifications.mailboxDir}
 * @param notifications notification identity and subscription lifetimes
 * @param engine engine options for the undocumented points
 */
public record ServiceSettings(
    List<SourceSettings> sources,
    StorageSettings storage,
    HttpSettings http,
    @Nullable SmtpSettings smtp,
    NotificationSettings notifications,
    EngineSettings engine) {

  public ServiceSettings {
    sources = List.copyOf(sources);
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(engine, "engine");
  }

  /** No sources, SQLite in {@code mcpwatch-data/}, HTTP on 127.0.0.1:8787, mail to a mailbox dir. */
  public static ServiceSettings defaults() {
    return new ServiceSettings(
        List.of(),
        StorageSettings.defaults(),
        HttpSettings.defaults(),
        null,
        NotificationSettings.defaults(),
        EngineSettings.defaults());
  }

  /**
   * One log source of one app (and optionally one environment).
   *
   * @param env the environment, or null for every environment the app is in
   * @param app the app whose log group the events go to
   * @param type {@code file} (globs, tailed), {@code docker} (Docker json-file logs, tailed) or
   *     {@code stdin}
   * @param paths glob patterns for file and docker sources; empty for stdin
   * @param startAt {@code end} (default) or {@code beginning}: where to start in files present at
   *     the first start (restarts always resume at the checkpoint)
   * @param format {@code text} (default for file and stdin), {@code jsonl} or {@code docker}
   * @param timestampFormat for text: where the event time comes from ({@code none} = time of
   *     reading, default; or iso, python, epoch-ms, epoch-s, a DateTimeFormatter pattern)
   * @param path key path in the file, for messages
   * @param line 1-based line of the source entry, or 0 when not from a file
   * @param column 1-based column of the source entry, or 0
   * @param stripAnsi remove ANSI escape sequences (terminal colours) from each line before it is
   *     decoded and matched (default false)
   */
  public record SourceSettings(
      @Nullable String env,
      String app,
      String type,
      List<String> paths,
      String startAt,
      String format,
      String timestampFormat,
      String path,
      int line,
      int column,
      boolean stripAnsi) {
    public SourceSettings {
      Objects.requireNonNull(app, "app");
      Objects.requireNonNull(type, "type");
      paths = List.copyOf(paths);
      Objects.requireNonNull(startAt, "startAt");
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(timestampFormat, "timestampFormat");
      Objects.requireNonNull(path, "path");
    }

    /** A source not tied to a position in a file (line and column 0). */
    public SourceSettings(
        @Nullable String env,
        String app,
        String type,
        List<String> paths,
        String startAt,
        String format,
        String timestampFormat,
        String path) {
      this(env, app, type, paths, startAt, format, timestampFormat, path, 0, 0, false);
    }

    /** A source without ANSI stripping. */
    public SourceSettings(
        @Nullable String env,
        String app,
        String type,
        List<String> paths,
        String startAt,
        String format,
        String timestampFormat,
        String path,
        int line,
        int column) {
      this(env, app, type, paths, startAt, format, timestampFormat, path, line, column, false);
    }
  }

  /**
   * The database.
   *
   * @param url {@code jdbc:sqlite:PATH} (default {@code jdbc:sqlite:mcpwatch-data/mcpwatch.db}) or
   *     {@code jdbc:postgresql://HOST:PORT/DB}
   * @param user database user (PostgreSQL), or null
   * @param password database password (PostgreSQL; may come from ${ENV_VAR}), or null; never
   *     printed
   * @param historyRetention how long alarm history and minute aggregates are kept
   */
  public record StorageSettings(
      String url, @Nullable String user, @Nullable String password, Duration historyRetention) {
    public StorageSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(historyRetention, "historyRetention");
    }

    public static StorageSettings defaults() {
      return new StorageSettings("jdbc:sqlite:mcpwatch-data/mcpwatch.db", null, null, Duration.ofDays(14));
    }

    @Override
    public String toString() {
      return "StorageSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "***")
          + ", historyRetention=" + historyRetention + "]";
    }
  }

  /**
   * The HTTP endpoint.
   *
   * @param enabled whether to serve HTTP at all
   * @param host bind address (default 127.0.0.1; anything else requires a token)
   * @param port port (default 8787; 0 = any free port)
   * @param token bearer token for ingest (may come from ${ENV_VAR}), or null; never printed
   * @param publicBaseUrl the base URL put into confirmation and unsubscribe links (default
   *     http://HOST:PORT)
   * @param maxRequestBytes largest accepted ingest request
   * @param maxEventsPerRequest most events per ingest request
   * @param maxEventBytes largest accepted event
   */
  public record HttpSettings(
      boolean enabled,
      String host,
      int port,
      @Nullable String token,
      @Nullable String publicBaseUrl,
      long maxRequestBytes,
      int maxEventsPerRequest,
      long maxEventBytes,
      List<AwsCredential> credentials) {
    public HttpSettings {
      Objects.requireNonNull(host, "host");
      credentials = List.copyOf(credentials);
    }

    /** The settings without AWS credentials (the form before {@code http.credentials} existed). */
    public HttpSettings(
        boolean enabled,
        String host,
        int port,
        @Nullable String token,
        @Nullable String publicBaseUrl,
        long maxRequestBytes,
        int maxEventsPerRequest,
        long maxEventBytes) {
      this(enabled, host, port, token, publicBaseUrl, maxRequestBytes, maxEventsPerRequest,
          maxEventBytes, List.of());
    }

    public static HttpSettings defaults() {
      return new HttpSettings(true, "127.0.0.1", 8787, null, null, 1_048_576, 10_000, 262_144);
    }

    /**
     * Whether only this machine can connect: the host is {@code localhost}, in 127.0.0.0/8, or
     * {@code ::1}. Anything else needs a {@link #token()}.
     */
    public boolean listensOnLoopback() {
      return ServiceValues.isLoopback(host);
    }

    /** The base URL for links: {@link #publicBaseUrl()} or {@code http://host:port}. */
    public String baseUrl() {
      return publicBaseUrl != null ? publicBaseUrl : "http://" + host + ":" + port;
    }

    @Override
    public String toString() {
      return "HttpSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", token="
          + (token == null ? "null" : "***") + ", publicBaseUrl=" + publicBaseUrl
          + ", credentials=" + credentials + "]";
    }
  }

  /**
   * The mail server.
   *
   * @param host SMTP host
   * @param port SMTP port (default 587 with starttls, 465 with tls, 25 otherwise)
   * @param security {@code none}, {@code starttls} (default) or {@code tls}
   * @param username login, or null
   * @param password password (may come from ${ENV_VAR}), or null; never printed
   * @param from the From address
   */
  public record SmtpSettings(
      String host,
      int port,
      String security,
      @Nullable String username,
      @Nullable String password,
      String from) {
    public SmtpSettings {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(security, "security");
      Objects.requireNonNull(from, "from");
    }

    @Override
    public String toString() {
      return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", username="
          + username + ", password=" + (password == null ? "null" : "***") + ", from=" + from + "]";
    }
  }

  /**
   * Notification identity and lifetimes.
   *
   * @param accountId the account id in ARNs (default 000000000000)
   * @param from the From address of mailbox-directory mails and the default for SMTP
   * @param mailboxDir where e-mails go as .eml files when no SMTP server is configured
   * @param maxTriggerLines how many triggering log lines an alarm e-mail shows
   * @param tokenValidity how long a confirmation link works (default 2 days)
   * @param pendingExpiry when an unconfirmed subscription is dropped (default 48 hours)
   * @param retry the delivery retry policies (default SNS's)
   * @param regionName the place named in e-mails and subjects instead of AWS's long region name
   *     ("US East (N. Virginia)"); null (default) keeps AWS's name
   */
  public record NotificationSettings(
      String accountId,
      String from,
      String mailboxDir,
      int maxTriggerLines,
      Duration tokenValidity,
      Duration pendingExpiry,
      RetrySettings retry,
      @Nullable String regionName) {
    public NotificationSettings {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(mailboxDir, "mailboxDir");
      Objects.requireNonNull(tokenValidity, "tokenValidity");
      Objects.requireNonNull(pendingExpiry, "pendingExpiry");
      Objects.requireNonNull(retry, "retry");
    }

    /** Settings with SNS's retry policies. */
    public NotificationSettings(
        String accountId,
        String from,
        String mailboxDir,
        int maxTriggerLines,
        Duration tokenValidity,
        Duration pendingExpiry) {
      this(accountId, from, mailboxDir, maxTriggerLines, tokenValidity, pendingExpiry,
          RetrySettings.defaults(), null);
    }

    /** Settings with AWS's region name. */
    public NotificationSettings(
        String accountId,
        String from,
        String mailboxDir,
        int maxTriggerLines,
        Duration tokenValidity,
        Duration pendingExpiry,
        RetrySettings retry) {
      this(accountId, from, mailboxDir, maxTriggerLines, tokenValidity, pendingExpiry, retry,
          null);
    }

    public static NotificationSettings defaults() {
      return new NotificationSettings(
          "000000000000", "mcpwatch@localhost", "mcpwatch-data/mailbox", 5, Duration.ofDays(2),
          Duration.ofHours(48));
    }
  }

  /**
   * The delivery retry policies ({@code notifications.retry}), one per protocol group as SNS splits
   * them ({@link RetryPolicy#defaultFor}).
   *
   * @param email for {@code email} and {@code email-json} (default SNS's SMTP policy, {@link
   *     RetryPolicy#EMAIL_DEFAULT})
   * @param http for {@code http}, {@code https}, {@code slack} and {@code teams} (default SNS's
   *     HTTP/S policy, {@link RetryPolicy#HTTP_DEFAULT})
   */
  public record RetrySettings(RetryPolicy email, RetryPolicy http) {
    public RetrySettings {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(http, "http");
    }

    /** SNS's policies. */
    public static RetrySettings defaults() {
      return new RetrySettings(RetryPolicy.EMAIL_DEFAULT, RetryPolicy.HTTP_DEFAULT);
    }

    /** The policy of {@code protocol}'s group. */
    public RetryPolicy forProtocol(Protocol protocol) {
      return protocol.isEmail() ? email : http;
    }
  }

  /**
   * Engine options (spec section 7 defaults).
   *
   * @param earlyFiring fire as soon as the next evaluation is certain to be ALARM (default true)
   * @param extraRangeDatapoints evaluation range = N + this (default 2)
   * @param defaultValueMode {@code PER_EVENT} (default) or {@code PER_MINUTE}
   * @param notifyInitialOk run the OK actions of each alarm's first INSUFFICIENT_DATA -> OK
   *     transition after a fresh start (default true, as CloudWatch does for a new alarm); false
   *     records the transition but sends nothing
   */
  public record EngineSettings(
      boolean earlyFiring,
      int extraRangeDatapoints,
      String defaultValueMode,
      boolean notifyInitialOk) {
    public EngineSettings {
      Objects.requireNonNull(defaultValueMode, "defaultValueMode");
    }

    /** With the initial OK notified. */
    public EngineSettings(boolean earlyFiring, int extraRangeDatapoints, String defaultValueMode) {
      this(earlyFiring, extraRangeDatapoints, defaultValueMode, true);
    }

    public static EngineSettings defaults() {
      return new EngineSettings(true, 2, "PER_EVENT", true);
    }
  }

  /**
   * One AWS credential of {@code http.credentials}: SigV4 clients sign with it.
   *
   * @param accessKeyId 16-128 characters of A-Z and 0-9
   * @param secretAccessKey the secret (from {@code ${ENV}}; at least 20 characters); never printed
   * @param permissions what it may do: {@code ingest}, {@code read}, {@code admin} (at least one)
   */
  public record AwsCredential(String accessKeyId, String secretAccessKey, List<String> permissions) {
    /** The permissions a credential may hold. */
    public static final List<String> PERMISSIONS = List.of("ingest", "read", "admin");

    public AwsCredential {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
      permissions = List.copyOf(permissions);
    }

    @Override
    public String toString() {
      return "AwsCredential[" + accessKeyId + " " + permissions + ", secret ***]";
    }
  }
}
