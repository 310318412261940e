package io.mcpwatch.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once per sqlite-jdbc version into the user's cache
 * directory ({@code $XDG_CACHE_HOME/mcpwatch} or {@code ~/.cache/mcpwatch}) and loaded from there
 * ({@code org.sqlite.lib.path} and {@code org.sqlite.lib.name}). Without it sqlite-jdbc writes the
 * library to the temporary directory on every start and compares the copy with the jar's byte by
 * byte (~16 % of {@code status}'s main thread, docs/benchmarks.md 10.8). When the cache cannot be
 * written, or these properties are already set, sqlite-jdbc does as it always did.
 */
final class SqliteNativeLibrary {
  private static boolean prepared;

  private SqliteNativeLibrary() {}

  /** Points sqlite-jdbc at the cached copy, once per JVM, before its first connection. */
  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (System.getProperty("org.sqlite.lib.path") != null
        || System.getProperty("org.sqlite.lib.name") != null) {
      return; // the user's choice
    }
    Path root = cacheRoot();
    if (root == null) {
      return;
    }
    cachedCopy(root).ifPresent(lib -> {
      System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
      System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
    });
  }

  private static @Nullable Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "mcpwatch");
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() ? null : Path.of(home, ".cache", "mcpwatch");
  }

  /**
   * The library for this platform under {@code root/sqlite-jdbc-VERSION/OS-ARCH/}, written there
   * first when it is missing or its size differs from the jar's (written to a temporary name and
   * renamed, so no reader ever sees a partial file); empty when this platform has no bundled
   * library or the directory cannot be written.
   */
  static Optional<Path> cachedCopy(Path root) {
    try {
      String folder = LibraryLoaderUtil.getNativeLibResourcePath(); // /org/sqlite/native/Linux/x86_64
      String name = LibraryLoaderUtil.getNativeLibName();
      URL url = SQLiteJDBCLoader.class.getResource(folder + "/" + name);
      if (url == null) {
        return Optional.empty();
      }
      long size = url.openConnection().getContentLengthLong();
      String platform = folder.substring(folder.indexOf("/native/") + "/native/".length())
          .replace('/', '-');
      Path dir = root.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(platform);
      Path lib = dir.resolve(name);
      if (size > 0 && Files.isRegularFile(lib) && Files.size(lib) == size) {
        return Optional.of(lib);
      }
      Files.createDirectories(dir);
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
      Path tmp = posix
          ? Files.createTempFile(dir, ".lib-", ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")))
          : Files.createTempFile(dir, ".lib-", ".tmp");
      try {
        try (InputStream in = url.openStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        if (size > 0 && Files.size(tmp) != size) {
          return Optional.empty();
        }
        try {
          Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
      return Optional.of(lib);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // sqlite-jdbc extracts it to the temporary directory, as before
    }
  }
}
