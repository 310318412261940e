package io.mcpwatch.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for integration tests: {@code initdb} into a temp directory, a
 * free port on 127.0.0.1, password authentication, stopped (immediate) at JVM exit. As root (where
 * {@code initdb} refuses to run) the server runs as the {@code postgres} user via {@code runuser}
 * or {@code su}. Tests call {@link #shared()}, which aborts them with a message naming the package
 * to install when no server binaries exist. {@code -Dmcpwatch.test.postgres.bin=DIR} picks the
 * directory holding {@code initdb} and {@code pg_ctl}.
 */
public final class PostgresCluster {

  public static final String USER = "mcpwatch";
  public static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

  private static @Nullable PostgresCluster shared;
  private static @Nullable String unavailable;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final List<String> asPostgres;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresCluster(Path bin, Path dir, int port, List<String> asPostgres) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgres = asPostgres;
  }

  /** The cluster of this JVM, started on first use; aborts the calling test when impossible. */
  public static synchronized PostgresCluster shared() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
        PostgresCluster c = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "postgres-test-cluster-stop"));
      } catch (Unavailable e) {
        unavailable = e.getMessage();
      } catch (IOException | InterruptedException | SQLException e) {
        throw new IllegalStateException("could not start the test PostgreSQL cluster", e);
      }
    }
    Assumptions.assumeTrue(shared != null, () -> unavailable);
    return shared;
  }

  /** A new, empty database on the cluster, as a config with user and password. */
  public DatabaseConfig newDatabase() {
    String name = "t" + databases.incrementAndGet();
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("CREATE DATABASE " + name, e);
    }
    return DatabaseConfig.of("jdbc:postgresql://127.0.0.1:" + port + "/" + name)
        .withCredentials(USER, PASSWORD);
  }

  /** A superuser connection to the maintenance database. */
  public Connection admin() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
  }

  private static PostgresCluster start()
      throws IOException, InterruptedException, SQLException, Unavailable {
    Path bin =
        findBin()
            .orElseThrow(
                () ->
                    new Unavailable(
                        "PostgreSQL integration tests skipped: no PostgreSQL server binaries"
                            + " (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH;"
                            + " install them with `apt-get install -y postgresql`"
                            + " (Debian/Ubuntu)"));
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> asPostgres = new ArrayList<>();
    Path dir =
        Files.createTempDirectory(
            "mcpwatch-pg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    if (root) {
      UserPrincipal postgres;
      try {
        postgres =
            dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      } catch (IOException e) {
        throw new Unavailable(
            "PostgreSQL integration tests skipped: running as root, and initdb"
                + " refuses root, but there is no 'postgres' user to run it as");
      }
      Files.setOwner(dir, postgres);
      if (Files.isExecutable(Path.of("/usr/sbin/runuser"))
          || Files.isExecutable(Path.of("/sbin/runuser"))) {
        asPostgres.addAll(List.of("runuser", "-u", "postgres", "--"));
      } else {
        asPostgres.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c"));
      }
    }
    Path pw = dir.resolve("pwfile");
    Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
    if (root) {
      Files.setOwner(pw, Files.getOwner(dir));
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PostgresCluster c = new PostgresCluster(bin, dir, port, asPostgres);
    c.run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-U",
            USER,
            "--pwfile=" + pw,
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"));
    c.run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c full_page_writes=off -c max_connections=50",
            "start"));
    c.admin().close(); // the server accepts the password
    return c;
  }

  void stop() {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "-w",
              "stop"));
    } catch (IOException | InterruptedException e) {
      // the JVM is exiting; the server dies with its directory below
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(asPostgres);
    if (!asPostgres.isEmpty() && asPostgres.get(0).equals("su")) {
      full.add(String.join(" ", command.stream().map(a -> "'" + a + "'").toList()));
    } else {
      full.addAll(command);
    }
    Path out = Files.createTempFile("pg-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + full);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "failed (" + p.exitValue() + "): " + full + "\n" + Files.readString(out));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static Optional<Path> findBin() {
    String forced = System.getProperty("mcpwatch.test.postgres.bin");
    if (forced != null) { // e.g. a nonexistent directory, to check the skip path
      Path p = Path.of(forced);
      return Files.isExecutable(p.resolve("initdb")) ? Optional.of(p) : Optional.empty();
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Optional<Path> best =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparingInt(v -> version(v.getFileName().toString())))
                .map(v -> v.resolve("bin"));
        if (best.isPresent()) {
          return best;
        }
      } catch (IOException e) {
        // fall through to PATH
      }
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path dirOnPath = Path.of(p.isEmpty() ? "." : p);
      if (Files.isExecutable(dirOnPath.resolve("initdb"))
          && Files.isExecutable(dirOnPath.resolve("pg_ctl"))) {
        return Optional.of(dirOnPath);
      }
    }
    return Optional.empty();
  }

  private static int version(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** No PostgreSQL can be started here. */
  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }
}
