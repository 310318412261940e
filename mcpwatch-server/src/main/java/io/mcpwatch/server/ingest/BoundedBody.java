package io.mcpwatch.server.ingest;

import io.mcpwatch.server.web.Escape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body, never holding more than the limit: a declared {@code Content-Length} over
 * the limit is refused before reading anything, and any other body is read until it ends or passes
 * the limit. {@code Content-Encoding: gzip} is decoded; the limit then applies to the decoded bytes
 * (and separately to the compressed ones), so a small "zip bomb" cannot inflate without bound.
 */
public final class BoundedBody {
  private BoundedBody() {}

  /** The body, or why it was not read. */
  public sealed interface Result {}

  /** The whole body. */
  public record Read(byte[] bytes) implements Result {}

  /** The body is longer than the limit; the caller answers 413 and closes the connection. */
  public record TooLarge(long limit) implements Result {}

  /** The body cannot be decoded (unsupported Content-Encoding, corrupt gzip): answer 400/415. */
  public record Undecodable(int status, String message) implements Result {}

  /**
   * Reads {@code in} up to {@code limit} bytes.
   *
   * @param declaredLength the Content-Length, or -1 when unknown (chunked)
   * @param contentEncoding the Content-Encoding header, or null
   * @throws IOException when the connection fails while reading
   */
  public static Result read(
      InputStream in, long declaredLength, @Nullable String contentEncoding, long limit)
      throws IOException {
    return read(in, declaredLength, contentEncoding, limit, System::nanoTime);
  }

  /** {@link #read(InputStream, long, String, long)} on the given clock (tests). */
  static Result read(
      InputStream in,
      long declaredLength,
      @Nullable String contentEncoding,
      long limit,
      LongSupplier nanoTime)
      throws IOException {
    String encoding =
        contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
    boolean gzip;
    if (encoding.isEmpty() || encoding.equals("identity")) {
      gzip = false;
    } else if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
      gzip = true;
    } else {
      return new Undecodable(
          415, "Content-Encoding: expected gzip or identity; found " + Escape.quoted(encoding, 40));
    }
    if (declaredLength > limit) {
      return new TooLarge(limit);
    }
    Result whole = readAtMost(in, limit, declaredLength, nanoTime);
    if (!(whole instanceof Read)) {
      return whole;
    }
    byte[] raw = ((Read) whole).bytes();
    if (!gzip) {
      return new Read(raw);
    }
    try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      return readAtMost(z, limit, -1, null);
    } catch (IOException e) {
      return new Undecodable(400, "Content-Encoding: gzip: the body is not valid gzip data");
    }
  }

  /**
   * The slowest request body accepted, in bytes per second averaged from the moment the server
   * starts reading it: far below any real client (an agent posting a 1 MiB batch needs 1 s at 1
   * MiB/s), far above a slowloris trickle of a byte every second or so, which is cut off (408)
   * so that slow clients cannot hold the worker threads {@code /healthz} and ingest need. A body
   * whose declared length has arrived is never cut off, however long it took, and the time a
   * request waited for the server (a cold start, a busy pool) does not count: Jetty's own minimum
   * data rate counted both and answered small, complete requests of a busy server 500.
   */
  public static final long MIN_BYTES_PER_SECOND = 1024;

  /** How long a body may trickle before its rate is checked. */
  private static final long GRACE_NANOS = 1_000_000_000L;

  /**
   * All of {@code in} ({@link Read}), {@link TooLarge} when it has more than {@code limit} bytes,
   * or a 408 {@link Undecodable} when it arrives slower than {@link #MIN_BYTES_PER_SECOND} (only
   * with a clock: {@code nanoTime} null reads an in-memory stream).
   */
  private static Result readAtMost(
      InputStream in, long limit, long declaredLength, @Nullable LongSupplier nanoTime)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    long start = nanoTime == null ? 0 : nanoTime.getAsLong();
    long total = 0;
    while (true) {
      int want = (int) Math.min(buf.length, limit + 1 - total);
      int n = in.read(buf, 0, want);
      if (n < 0) {
        return new Read(out.toByteArray());
      }
      total += n;
      if (total > limit) {
        return new TooLarge(limit);
      }
      out.write(buf, 0, n);
      if (nanoTime != null && (declaredLength < 0 || total < declaredLength)) {
        long elapsed = nanoTime.getAsLong() - start;
        if (elapsed > GRACE_NANOS
            && (double) total * 1e9 < (double) MIN_BYTES_PER_SECOND * elapsed) {
          return new Undecodable(408, "the request body arrived slower than "
              + MIN_BYTES_PER_SECOND + " bytes per second; send it in one go");
        }
      }
    }
  }
}
