package io.mcpwatch.server;

import io.mcpwatch.config.ServiceSettings;
import io.mcpwatch.server.ingest.IngestLimits;
import io.mcpwatch.server.web.BearerToken;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the HTTP server listens.
 *
 * @param host the address to bind, default {@code 127.0.0.1}; any address that is not loopback
 *     (including {@code 0.0.0.0}) requires {@code token}, or the server refuses to start
 * @param port the TCP port, default 8787; 0 picks a free one
 * @param token the bearer token ingest requests must carry; null accepts ingest without a token
 *     (loopback only)
 * @param limits the ingest limits
 * @param stopTimeout how long {@link HttpServer#close()} lets requests in flight finish, default 5
 *     s
 * @param maxThreads Jetty's worker threads (8-1000), default 16
 */
public record ServerSettings(
    String host,
    int port,
    @Nullable BearerToken token,
    IngestLimits limits,
    Duration stopTimeout,
    int maxThreads) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8787;

  public ServerSettings {
    Objects.requireNonNull(host, "http.host");
    if (host.isBlank()) {
      throw new IllegalArgumentException(
          "http.host: expected an address such as 127.0.0.1; found an empty value");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("http.port: expected 0-65535; found " + port);
    }
    Objects.requireNonNull(limits, "ingest limits");
    Objects.requireNonNull(stopTimeout, "http.stopTimeout");
    if (stopTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "http.stopTimeout: expected a duration >= 0; found " + stopTimeout);
    }
    if (maxThreads < 8 || maxThreads > 1000) {
      throw new IllegalArgumentException("http.maxThreads: expected 8-1000; found " + maxThreads);
    }
  }

  /** 127.0.0.1:8787, no token, CloudWatch's limits, 5 s stop timeout, 16 threads. */
  public static ServerSettings defaults() {
    return new ServerSettings(
        DEFAULT_HOST, DEFAULT_PORT, null, IngestLimits.defaults(), Duration.ofSeconds(5), 16);
  }

  /**
   * The {@code http} section of the service configuration: host, port, token (validated, named
   * {@code http.token}) and the three ingest limits; stop timeout and threads keep their defaults.
   * {@code enabled} and {@code publicBaseUrl} are the caller's business.
   */
  public static ServerSettings from(ServiceSettings.HttpSettings http) {
    BearerToken token = http.token() == null ? null : BearerToken.of("http.token", http.token());
    return new ServerSettings(
        http.host(),
        http.port(),
        token,
        IngestLimits.of(http.maxRequestBytes(), http.maxEventsPerRequest(), http.maxEventBytes()),
        Duration.ofSeconds(5),
        16);
  }

  public ServerSettings withHost(String newHost) {
    return new ServerSettings(newHost, port, token, limits, stopTimeout, maxThreads);
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(host, newPort, token, limits, stopTimeout, maxThreads);
  }

  public ServerSettings withToken(@Nullable BearerToken newToken) {
    return new ServerSettings(host, port, newToken, limits, stopTimeout, maxThreads);
  }

  public ServerSettings withLimits(IngestLimits newLimits) {
    return new ServerSettings(host, port, token, newLimits, stopTimeout, maxThreads);
  }
}
