package io.mcpwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  /** An endless stream that counts what was read from it. */
  static final class Endless extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) 'a');
      read += len;
      return len;
    }
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  @Test
  void read_bodyWithinLimitIsReadWhole() throws IOException {
    BoundedBody.Result r =
        BoundedBody.read(new ByteArrayInputStream(new byte[100]), 100, null, 100);
    assertThat(r).isInstanceOf(BoundedBody.Read.class);
    assertThat(((BoundedBody.Read) r).bytes()).hasSize(100);
  }

  @Test
  void read_declaredLengthOverLimitReadsNothing() throws IOException {
    Endless in = new Endless();
    assertThat(BoundedBody.read(in, 1_000_000, null, 1000))
        .isEqualTo(new BoundedBody.TooLarge(1000));
    assertThat(in.read).isZero();
  }

  @Test
  void read_undeclaredLengthStopsJustPastLimit() throws IOException {
    Endless in = new Endless();
    assertThat(BoundedBody.read(in, -1, null, 50_000)).isInstanceOf(BoundedBody.TooLarge.class);
    assertThat(in.read).isEqualTo(50_001);
  }

  @Test
  void read_gzipIsDecoded() throws IOException {
    byte[] plain = "hello\nworld\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    BoundedBody.Result r = BoundedBody.read(new ByteArrayInputStream(gzip(plain)), -1, "gzip", 100);
    assertThat(((BoundedBody.Read) r).bytes()).isEqualTo(plain);
  }

  @Test
  void read_gzipBombStopsAtLimit() throws IOException {
    byte[] bomb = gzip(new byte[10_000_000]);
    assertThat(bomb.length).isLessThan(100_000);
    assertThat(BoundedBody.read(new ByteArrayInputStream(bomb), bomb.length, "gzip", 200_000))
        .isInstanceOf(BoundedBody.TooLarge.class);
  }

  @Test
  void read_corruptGzipOrUnknownEncodingUndecodable() throws IOException {
    BoundedBody.Result corrupt =
        BoundedBody.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "gzip", 100);
    assertThat(corrupt).isInstanceOf(BoundedBody.Undecodable.class);
    assertThat(((BoundedBody.Undecodable) corrupt).status()).isEqualTo(400);
    BoundedBody.Result br = BoundedBody.read(new ByteArrayInputStream(new byte[1]), 1, "br", 100);
    assertThat(((BoundedBody.Undecodable) br).status()).isEqualTo(415);
  }

  /** Hands out one byte per read, the clock moving {@code stepNanos} before each. */
  static final class Trickle extends InputStream {
    final long[] clock;
    final long stepNanos;
    int left;

    Trickle(long[] clock, long stepNanos, int bytes) {
      this.clock = clock;
      this.stepNanos = stepNanos;
      this.left = bytes;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      clock[0] += stepNanos;
      left--;
      b[off] = 'a';
      return 1;
    }
  }

  @Test
  void read_aTrickleBelowTheMinimumRate_isCutOffWith408() throws IOException {
    long[] clock = {0};
    BoundedBody.Result r = BoundedBody.read(
        new Trickle(clock, 500_000_000L, 100_000), 100_000, null, 1 << 20, () -> clock[0]);
    assertThat(r).isInstanceOfSatisfying(BoundedBody.Undecodable.class,
        u -> assertThat(u.status()).isEqualTo(408));
    assertThat(clock[0]).as("cut off soon after the grace").isLessThanOrEqualTo(2_000_000_000L);
  }

  @Test
  void read_aBodyWhoseLastPartCameLate_isWholeOnceItsDeclaredLengthArrived() throws IOException {
    long[] clock = {0};
    byte[][] parts = {"a ".getBytes(), "line\n".getBytes()};
    long[] delays = {0, 1_500_000_000L}; // the second part 1.5 s after the first
    InputStream in = new InputStream() {
      int next;

      @Override
      public int read() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (next == parts.length) {
          return -1;
        }
        clock[0] += delays[next];
        byte[] p = parts[next++];
        System.arraycopy(p, 0, b, off, p.length);
        return p.length;
      }
    };
    BoundedBody.Result r = BoundedBody.read(in, 7, null, 1 << 20, () -> clock[0]);
    assertThat(r).isInstanceOfSatisfying(BoundedBody.Read.class,
        x -> assertThat(new String(x.bytes())).isEqualTo("a line\n"));
  }

  @Test
  void read_timeBeforeTheServerStartsReading_doesNotCount() throws IOException {
    long[] clock = {5_000_000_000L}; // the request waited 5 s for a thread
    BoundedBody.Result r = BoundedBody.read(new ByteArrayInputStream("{}".getBytes()), -1, null,
        1 << 20, () -> clock[0]);
    assertThat(r).isInstanceOf(BoundedBody.Read.class);
  }
}
