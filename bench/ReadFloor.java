import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor of any replay that reads a file into Java byte arrays (issue 14, "2x ripgrep"): read
 * FILE in 16 MiB parts on THREADS threads, 1 MiB at a time, and find every newline eight bytes at a
 * time, as mcpwatch's reader does; no decoding, no matching, no start-up beyond the JVM's.
 *
 * <pre>
 * java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC bench/ReadFloor.java FILE 2
 * </pre>
 */
public class ReadFloor {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long NEWLINES = ONES * '\n';

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    long size = Files.size(file);
    long part = 16L << 20;
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Long>> parts = new ArrayList<>();
    for (long s = 0; s < size; s += part) {
      long start = s;
      long end = Math.min(size, s + part);
      parts.add(pool.submit(() -> newlines(file, start, end)));
    }
    long n = 0;
    for (Future<Long> f : parts) {
      n += f.get();
    }
    pool.shutdown();
    System.out.printf("%d lines, %d bytes in %.3f s after the JVM started%n", n, size,
        (System.nanoTime() - t0) / 1e9);
  }

  /** The first newline in b[from..to), or -1: eight bytes at a time, as Swar.indexOfNewline. */
  private static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ NEWLINES;
      long t = (x - ONES) & ~x & 0x8080808080808080L;
      if (t != 0) {
        return i + (int) ((((t & -t) >>> 7) * 0x0001020304050607L) >>> 56);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static long newlines(Path file, long start, long end) throws Exception {
    byte[] buf = new byte[1 << 20];
    long n = 0;
    try (FileChannel ch = FileChannel.open(file)) {
      for (long pos = start; pos < end; ) {
        int r = ch.read(ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - pos)), pos);
        if (r <= 0) {
          break;
        }
        pos += r;
        for (int i = 0; (i = indexOfNewline(buf, i, r)) >= 0; i++) {
          n++;
        }
      }
    }
    return n;
  }
}
