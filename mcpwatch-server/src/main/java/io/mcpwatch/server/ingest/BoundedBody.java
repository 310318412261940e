package io.mcpwatch.server.ingest;

import io.mcpwatch.server.web.Escape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
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
    byte[] raw = readAtMost(in, limit);
    if (raw == null) {
      return new TooLarge(limit);
    }
    if (!gzip) {
      return new Read(raw);
    }
    try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      byte[] decoded = readAtMost(z, limit);
      return decoded == null ? new TooLarge(limit) : new Read(decoded);
    } catch (IOException e) {
      return new Undecodable(400, "Content-Encoding: gzip: the body is not valid gzip data");
    }
  }

  /** All of {@code in}, or null when it has more than {@code limit} bytes. */
  private static byte @Nullable [] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    while (true) {
      int want = (int) Math.min(buf.length, limit + 1 - total);
      int n = in.read(buf, 0, want);
      if (n < 0) {
        return out.toByteArray();
      }
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buf, 0, n);
    }
  }
}
