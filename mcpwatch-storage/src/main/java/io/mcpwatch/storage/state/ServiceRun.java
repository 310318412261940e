package io.mcpwatch.storage.state;

import io.mcpwatch.storage.Database;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the service that holds the database runs (table {@code service_run}, one row): written by
 * {@code mcpwatch run} once its HTTP endpoint is bound, marked stopped by a clean stop. {@code
 * status} shows it; {@code subscriptions confirm/remove} reach the running service at {@link
 * #listenUrl} (the address it really bound, also when {@code run --port} overrode the file).
 *
 * @param pid the service's process id
 * @param hostName the machine it runs on
 * @param listenUrl the base URL its HTTP endpoint listens on ({@code http://127.0.0.1:8787}), or
 *     null when HTTP is off
 * @param startedAt when it started
 * @param stoppedAt when it stopped cleanly, or null (running, or ended abruptly)
 */
public record ServiceRun(
    long pid,
    String hostName,
    @Nullable String listenUrl,
    Instant startedAt,
    @Nullable Instant stoppedAt) {

  public ServiceRun {
    Objects.requireNonNull(hostName, "hostName");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * This process as the database's service.
   *
   * @param listenUrl the bound HTTP endpoint, or null; a wildcard host (0.0.0.0, ::) is recorded as
   *     the loopback address, where a command on the same machine reaches it
   */
  public static ServiceRun thisProcess(@Nullable URI listenUrl, Instant startedAt) {
    String url = null;
    if (listenUrl != null) {
      String host = listenUrl.getHost();
      String reachable =
          "0.0.0.0".equals(host) ? "127.0.0.1" : "[::]".equals(host) || "::".equals(host)
              ? "[::1]" : host;
      url = listenUrl.getScheme() + "://" + reachable + ":" + listenUrl.getPort();
    }
    return new ServiceRun(ProcessHandle.current().pid(), localHostName(), url, startedAt, null);
  }

  private static String localHostName() {
    try {
      String h = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
          .strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: the environment below
    }
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      h = System.getenv("COMPUTERNAME");
    }
    return h == null || h.isBlank() ? "localhost" : h.strip();
  }

  /** Records {@code run} as the database's current service (replacing the previous one). */
  public static void record(Database db, ServiceRun run) {
    db.transaction(
        c -> {
          try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM service_run");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO service_run (id, pid, host_name, listen_url, started_ms,"
                      + " stopped_ms) VALUES (1, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, run.pid());
            ps.setString(2, run.hostName());
            ps.setString(3, run.listenUrl());
            ps.setLong(4, run.startedAt().toEpochMilli());
            if (run.stoppedAt() == null) {
              ps.setNull(5, java.sql.Types.BIGINT);
            } else {
              ps.setLong(5, run.stoppedAt().toEpochMilli());
            }
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Marks the recorded run as cleanly stopped at {@code at}. */
  public static void stopped(Database db, Instant at) {
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE service_run SET stopped_ms = ? WHERE id = 1")) {
            ps.setLong(1, at.toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** The last recorded run, if any service ever ran on this database. */
  public static Optional<ServiceRun> last(Database db) {
    return db.read(
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT pid, host_name, listen_url, started_ms, stopped_ms"
                          + " FROM service_run WHERE id = 1")) {
            if (!rs.next()) {
              return Optional.<ServiceRun>empty();
            }
            long stopped = rs.getLong(5);
            Instant stoppedAt = rs.wasNull() ? null : Instant.ofEpochMilli(stopped);
            return Optional.of(
                new ServiceRun(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    Instant.ofEpochMilli(rs.getLong(4)),
                    stoppedAt));
          }
        });
  }
}
