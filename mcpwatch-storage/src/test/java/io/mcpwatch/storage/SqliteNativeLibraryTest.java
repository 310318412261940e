package io.mcpwatch.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** sqlite-jdbc's native library is extracted into the cache once and reused while it is whole. */
class SqliteNativeLibraryTest {
  @TempDir Path root;

  private static byte[] bundled() throws Exception {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
      assertThat(in).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void cachedCopy_writtenOnce_thenReused_andATruncatedCopyIsReplaced() throws Exception {
    Optional<Path> first = SqliteNativeLibrary.cachedCopy(root);

    assertThat(first).isPresent();
    Path lib = first.get();
    assertThat(lib).startsWith(root.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()));
    assertThat(lib.getFileName().toString()).isEqualTo(LibraryLoaderUtil.getNativeLibName());
    assertThat(Files.readAllBytes(lib)).isEqualTo(bundled());
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(lib, old);

    assertThat(SqliteNativeLibrary.cachedCopy(root)).contains(lib);
    assertThat(Files.getLastModifiedTime(lib)).isEqualTo(old); // not written again

    Files.write(lib, new byte[] {1, 2, 3}); // a truncated copy (e.g. a full disk)
    assertThat(SqliteNativeLibrary.cachedCopy(root)).contains(lib);
    assertThat(Files.readAllBytes(lib)).isEqualTo(bundled());
    try (var s = Files.list(lib.getParent())) {
      assertThat(s).containsExactly(lib); // no temporary file left
    }
  }

  @Test
  void cachedCopy_unwritableRoot_isEmpty() throws Exception {
    Path file = root.resolve("a-file");
    Files.writeString(file, "not a directory");

    assertThat(SqliteNativeLibrary.cachedCopy(file.resolve("cache"))).isEmpty();
  }
}
