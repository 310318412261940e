package io.mcpwatch.live;

import io.mcpwatch.notify.MessageSigner;
import io.mcpwatch.notify.http.SigningKeys;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNS signing key ({@link SigningKeys}: the same files, the same errors), on its own thread.
 *
 * <p>Existing key files are loaded while the service starts, and {@link #awaitForStart} waits for
 * them, so a damaged key stops the start as it always did. A data directory without them gets a
 * new key after the start ({@link #generateInBackground}), or as soon as something needs a
 * signature or the certificate, whichever comes first: an RSA-2048 key costs 0.2 to 2 s of CPU
 * with the C1 compiler alone (the prime search is random), and with 10,000 alarms the first
 * start of a fresh data directory often waited for it: 1.9 to 3.5 s to the first ingest instead of
 * 1.4 to 1.6 s (docs/benchmarks.md, section 17). The start still checks that the directory can
 * take the files.
 */
final class BackgroundSigningKeys implements MessageSigner {
  private static final Logger log = LoggerFactory.getLogger(BackgroundSigningKeys.class);
  private static final String THREAD = "mcpwatch-signing-key";

  private final Path directory;
  private final InstantSource clock;
  private final boolean fresh;
  private final CompletableFuture<SigningKeys> keys = new CompletableFuture<>();
  private final AtomicBoolean begun = new AtomicBoolean();

  private BackgroundSigningKeys(Path directory, InstantSource clock, boolean fresh) {
    this.directory = directory;
    this.clock = clock;
    this.fresh = fresh;
  }

  /**
   * Starts loading the key files in {@code directory}, if there are any (a new key waits for
   * {@link #generateInBackground}). Call it only while holding the database lock: two services
   * must never create the files at the same time.
   */
  static BackgroundSigningKeys start(Path directory, InstantSource clock) {
    BackgroundSigningKeys k =
        new BackgroundSigningKeys(directory, clock, SigningKeys.absent(directory));
    if (!k.fresh) {
      k.begin();
    }
    return k;
  }

  /** Starts the thread, once. */
  private void begin() {
    if (!begun.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(this::work, THREAD);
    t.setDaemon(true);
    t.start();
  }

  private void work() {
    try {
      if (!fresh) {
        keys.complete(SigningKeys.loadOrCreate(directory, clock));
        return;
      }
      SigningKeys k = SigningKeys.generate(clock);
      try {
        k.save(directory);
      } catch (IOException e) {
        // the start checked that the directory takes files; this run signs with the key anyway
        log.error("cannot save the SNS signing key in {}: {}; this run signs with it, and the next"
            + " start makes another", directory, e.getMessage());
      }
      keys.complete(k);
    } catch (IOException | RuntimeException | Error e) {
      keys.completeExceptionally(e);
    }
  }

  /**
   * What the start waits for: existing key files loaded (or their error); for a new key, only that
   * the directory exists and takes files.
   *
   * @throws IOException as {@link SigningKeys#loadOrCreate} throws it, or when the directory
   *     cannot be made or written
   */
  void awaitForStart() throws IOException {
    if (!fresh) {
      await();
      return;
    }
    try {
      Files.createDirectories(directory);
      Files.delete(Files.createTempFile(directory, ".write-test-", ".tmp"));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot make the signing key in " + directory + ": "
          + e.getFile() + " is a file, not a directory", e);
    } catch (AccessDeniedException e) {
      throw new IOException("cannot make the signing key in " + directory + ": permission denied"
          + " on " + e.getFile(), e);
    } catch (IOException e) {
      throw new IOException("cannot make the signing key in " + directory + ": " + e.getMessage(),
          e);
    }
  }

  /** Starts making the new key of a fresh directory (the start calls it once it is running). */
  void generateInBackground() {
    begin();
  }

  /**
   * Waits for the key (starting it, if nothing has).
   *
   * @throws IOException as {@link SigningKeys#loadOrCreate} throws it
   */
  SigningKeys await() throws IOException {
    begin();
    try {
      return keys.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading the signing key", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Waits until the key thread has finished, whatever its outcome, so that its files are written
   * before the database lock is released (a stop, a failed start's cleanup); a key never begun is
   * not begun afterwards.
   */
  void settle() {
    if (begun.compareAndSet(false, true)) {
      keys.completeExceptionally(
          new IllegalStateException("the service stopped before it made a signing key"));
      return;
    }
    try {
      keys.handle((k, e) -> null).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // handled above: never thrown
    }
  }

  @Override
  public byte[] sign(byte[] data) {
    begin();
    return keys.join().sign(data);
  }

  /** The certificate as PEM, once the key is there. */
  String certificatePem() {
    begin();
    return keys.join().certificatePem();
  }
}
