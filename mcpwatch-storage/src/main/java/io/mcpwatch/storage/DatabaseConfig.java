package io.mcpwatch.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the state lives and how it is kept. A {@code password=} or {@code user=} parameter in a
 * PostgreSQL URL is moved into {@link #password()} / {@link #user()}, so the URL can be shown and
 * logged; {@link #toString()} never shows the password.
 *
 * @param url {@code jdbc:sqlite:<path>} or {@code jdbc:postgresql://host[:port]/database}
 * @param user PostgreSQL user, or null (SQLite ignores it)
 * @param password PostgreSQL password, or null (SQLite ignores it)
 * @param busyTimeout how long SQLite waits for a lock held by another connection before failing
 * @param durability what a committed SQLite transaction survives
 * @param retention how long pruning keeps history, old aggregates and finished outbox items
 */
public record DatabaseConfig(
    String url,
    @Nullable String user,
    @Nullable String password,
    Duration busyTimeout,
    Durability durability,
    Retention retention) {

  private static final String SQLITE = "jdbc:sqlite:";
  private static final String POSTGRESQL = "jdbc:postgresql:";

  public DatabaseConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(retention, "retention");
    if (url.startsWith(SQLITE)) {
      String path = url.substring(SQLITE.length());
      if (path.isBlank()
          || path.startsWith(":memory:")
          || path.startsWith("file:")
          || path.indexOf('?') >= 0) {
        throw new IllegalArgumentException(
            "storage.url: expected jdbc:sqlite:<file path> (a"
                + " file, so the state survives a restart); found "
                + url);
      }
    } else if (url.startsWith(POSTGRESQL)) {
      int q = url.indexOf('?');
      if (q >= 0) {
        List<String> kept = new ArrayList<>();
        for (String param : url.substring(q + 1).split("&", -1)) {
          String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
          String val = param.substring(name.length() + (param.contains("=") ? 1 : 0));
          if (name.equalsIgnoreCase("password")) {
            password = password == null ? val : password;
          } else if (name.equalsIgnoreCase("user")) {
            user = user == null ? val : user;
          } else if (!param.isEmpty()) {
            kept.add(param);
          }
        }
        url = url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
      }
    } else {
      throw new IllegalArgumentException(
          "storage.url: expected jdbc:sqlite:<file path> or"
              + " jdbc:postgresql://host[:port]/database; found "
              + redact(url));
    }
    if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "database.busyTimeout must be between 0 and 24 days; found " + busyTimeout);
    }
  }

  /** An SQLite file with the defaults: 5 s busy timeout, power-loss durability, retention. */
  public static DatabaseConfig sqlite(Path file) {
    return of(SQLITE + file);
  }

  /**
   * A JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}), or a plain file path for
   * SQLite; with the defaults.
   */
  public static DatabaseConfig of(String urlOrPath) {
    String url = urlOrPath.startsWith("jdbc:") ? urlOrPath : SQLITE + urlOrPath;
    return new DatabaseConfig(
        url, null, null, Duration.ofSeconds(5), Durability.POWER_LOSS, Retention.defaults());
  }

  public DatabaseConfig withCredentials(@Nullable String newUser, @Nullable String newPassword) {
    return new DatabaseConfig(url, newUser, newPassword, busyTimeout, durability, retention);
  }

  public DatabaseConfig withBusyTimeout(Duration timeout) {
    return new DatabaseConfig(url, user, password, timeout, durability, retention);
  }

  public DatabaseConfig withDurability(Durability d) {
    return new DatabaseConfig(url, user, password, busyTimeout, d, retention);
  }

  public DatabaseConfig withRetention(Retention r) {
    return new DatabaseConfig(url, user, password, busyTimeout, durability, r);
  }

  public Dialect dialect() {
    return url.startsWith(SQLITE) ? Dialect.SQLITE : Dialect.POSTGRESQL;
  }

  /** The SQLite file, or null for PostgreSQL. */
  public @Nullable Path sqliteFile() {
    return dialect() == Dialect.SQLITE ? Path.of(url.substring(SQLITE.length())) : null;
  }

  /** The URL plus the user, for messages and logs (never the password). */
  public String describe() {
    return user == null ? url : url + " (user " + user + ")";
  }

  @Override
  public String toString() {
    return "DatabaseConfig["
        + describe()
        + (password == null ? "" : ", password=***")
        + ", busyTimeout="
        + busyTimeout
        + ", durability="
        + durability
        + ", retention="
        + retention
        + "]";
  }

  /** A URL with any password parameter masked (for error messages about malformed URLs). */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
