package io.mcpwatch.live;

import io.mcpwatch.notify.MessageSigner;
import io.mcpwatch.notify.http.SigningKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The SNS signing key ({@link SigningKeys#loadOrCreate}: the same files, the same errors), loaded
 * or generated on its own thread while the service starts. Generating an RSA-2048 key on a fresh
 * data directory costs up to a second of CPU, more with the C1 compiler alone; {@link
 * LiveService#start} awaits it before anything can leave the process, and signing waits for it.
 */
final class BackgroundSigningKeys implements MessageSigner {
  private final CompletableFuture<SigningKeys> keys = new CompletableFuture<>();

  private BackgroundSigningKeys() {}

  /**
   * Starts loading (or generating and saving) the key in {@code directory}. Call it only while
   * holding the database lock: two services must never create the files at the same time.
   */
  static BackgroundSigningKeys start(Path directory, InstantSource clock) {
    BackgroundSigningKeys k = new BackgroundSigningKeys();
    Thread t =
        new Thread(
            () -> {
              try {
                k.keys.complete(SigningKeys.loadOrCreate(directory, clock));
              } catch (IOException | RuntimeException | Error e) {
                k.keys.completeExceptionally(e);
              }
            },
            "mcpwatch-signing-key");
    t.setDaemon(true);
    t.start();
    return k;
  }

  /**
   * Waits for the key.
   *
   * @throws IOException as {@link SigningKeys#loadOrCreate} throws it
   */
  SigningKeys await() throws IOException {
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

  /** Waits until the key thread has finished, whatever its outcome (a failed start's cleanup). */
  void settle() {
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
    return keys.join().sign(data);
  }

  /** The certificate as PEM, once the key is there. */
  String certificatePem() {
    return keys.join().certificatePem();
  }
}
