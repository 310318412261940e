package io.mcpwatch.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: WAL journal (readers never block the writer), {@code synchronous} per {@link Durability},
 * a busy timeout, IMMEDIATE write transactions, and a {@code <file>.lock} file locked by the writer
 * process (released by the operating system when the process dies, even by {@code kill -9}).
 */
final class SqliteConnector extends Connector {

  private final Path file;
  private final SQLiteDataSource dataSource;
  /** The identity (device and inode) of the file the writer opened; null before acquire. */
  private volatile @Nullable Object identity;

  SqliteConnector(DatabaseConfig config, boolean readOnly) {
    super(config, readOnly);
    SqliteNativeLibrary.prepare();
    this.file = Objects.requireNonNull(config.sqliteFile()).toAbsolutePath().normalize();
    SQLiteConfig c = new SQLiteConfig();
    c.setBusyTimeout((int) config.busyTimeout().toMillis());
    if (readOnly) {
      c.setReadOnly(true);
    } else {
      c.setJournalMode(SQLiteConfig.JournalMode.WAL);
      c.setSynchronous(
          config.durability() == Durability.POWER_LOSS
              ? SQLiteConfig.SynchronousMode.FULL
              : SQLiteConfig.SynchronousMode.NORMAL);
      c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    this.dataSource = new SQLiteDataSource(c);
    dataSource.setUrl("jdbc:sqlite:" + file);
  }

  @Override
  DataSource dataSource() {
    if (readOnly && !Files.isRegularFile(file)) {
      throw new StorageException(
          "no mcpwatch database at "
              + file
              + ": `mcpwatch run` creates it on its first start (check storage.url)");
    }
    return dataSource;
  }

  @Override
  AutoCloseable acquire() {
    prepareFile();
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("cannot create the lock file " + lockFile + ": " + reason(e), e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeChannel(channel);
      throw new StorageException("cannot lock " + lockFile + ": " + reason(e), e);
    }
    if (lock == null) {
      closeChannel(channel);
      throw new StorageException(
          "the database "
              + file
              + " is in use by another mcpwatch"
              + " process (it holds "
              + lockFile
              + "); stop that process or use another database");
    }
    FileLock held = lock;
    identity = identityOf(file);
    return () -> {
      try {
        held.release();
      } finally {
        channel.close();
      }
    };
  }

  @Override
  boolean writerActive(Connection c) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return true;
      }
      probe.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very process holds it (a service and its status in one JVM)
    } catch (IOException e) {
      return false; // cannot tell (e.g. a read-only lock file): the recorded run says the rest
    }
  }

  @Override
  void beforeWrite() {
    Object opened = identity;
    if (opened == null) {
      return;
    }
    Object now;
    try {
      now = identityOf(file);
    } catch (StorageException e) {
      now = null;
    }
    if (now == null) {
      throw StorageException.fatal("the database file " + file + " was deleted while mcpwatch"
          + " ran; stopping so that nothing more is committed into a file no restart will see"
          + " (restore it from a backup, or start again to begin with an empty database)");
    }
    if (!now.equals(opened)) {
      throw StorageException.fatal("the database file " + file + " was replaced while mcpwatch"
          + " ran (another file now has its name); stopping so that nothing more is committed"
          + " into the old, unlinked file");
    }
  }

  /** The file's device and inode (its file key), or null when it does not exist. */
  private static @Nullable Object identityOf(Path file) {
    try {
      Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return key != null ? key : "exists"; // without file keys only a deletion is detected
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StorageException("cannot read the attributes of " + file + ": " + reason(e), e);
    }
  }

  private void prepareFile() {
    Path dir = file.getParent();
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot create the directory " + dir + " for the database " + file + ": " + reason(e), e);
    }
    if (Files.isDirectory(file)) {
      throw new StorageException(
          "the database path "
              + file
              + " is a directory; expected a"
              + " file path in storage.url");
    }
    if (!Files.exists(file)) {
      try {
        // owner-only: the database holds webhook URLs and e-mail addresses
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(file);
        }
      } catch (FileAlreadyExistsException e) {
        // created concurrently; fine
      } catch (IOException e) {
        throw new StorageException("cannot create the database file " + file + ": " + reason(e), e);
      }
    }
    if (!Files.isWritable(file)) {
      throw new StorageException("the database file " + file + " is not writable");
    }
    if (dir != null && !Files.isWritable(dir)) {
      throw new StorageException(
          "the directory "
              + dir
              + " is not writable (SQLite creates "
              + file.getFileName()
              + "-wal and -shm beside the database)");
    }
  }

  @Override
  void configure(Connection c) throws SQLException {
    c.setAutoCommit(false);
  }

  /**
   * Whether an SQLite connection must be reopened after {@code e}: after an I/O error (EPERM, EIO,
   * a file system remounted read-only) SQLite keeps the connection read-only even once the fault
   * is gone, so the next transaction reconnects instead.
   */
  static boolean needsReopen(SQLException e) {
    if (!(e instanceof SQLiteException)) {
      return false;
    }
    int primary = ((SQLiteException) e).getResultCode().code & 0xff;
    return primary == 8 /* READONLY */ || primary == 10 /* IOERR */ || primary == 13 /* FULL */;
  }

  static String explain(DatabaseConfig config, String what, SQLException e, String detail) {
    String db = config.describe();
    if (e instanceof SQLiteException) {
      SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
      switch (code.code & 0xff) {
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
          return db
              + " stayed locked by another connection for longer than the busy timeout ("
              + config.busyTimeout()
              + "): "
              + detail;
        case 8: // SQLITE_READONLY
          return db + " is read-only for this process: " + detail;
        case 10: // SQLITE_IOERR
          return "cannot write " + db + " (an I/O error: permissions, a read-only or failing"
              + " file system): " + detail;
        case 13: // SQLITE_FULL
          return "the disk holding " + db + " is full: " + detail;
        case 14: // SQLITE_CANTOPEN
          return "cannot open " + db + " (check the path and its permissions): " + detail;
        case 11: // SQLITE_CORRUPT
        case 26: // SQLITE_NOTADB
          return db + " is not a valid SQLite database (or is damaged): " + detail;
        default:
          break;
      }
    }
    return what + " failed on " + db + ": " + detail;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
      return e.getMessage() + " is not a directory";
    }
    if (e instanceof NoSuchFileException) {
      return e.getMessage() + " does not exist";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return oneLine(e.getMessage());
  }

  private static void closeChannel(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing held
    }
  }
}
