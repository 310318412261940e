package io.mcpwatch.bench.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Appends corpus lines to a channel at a steady rate (every 10 ms, the lines due), on a daemon
 * thread, wrapping around the corpus; writes are whole lines, synchronized on the channel so that
 * another writer's lines stay whole.
 */
final class Feeder {
  private Feeder() {}

  /** Bytes of the corpus held per feeder (whole lines; the feeder wraps around them). */
  private static final int CHUNK = 4 << 20;

  static Thread start(Path corpus, FileChannel out, long linesPerSecond) throws IOException {
    // the first 4 MiB of the corpus, held in memory: the harness may share a small heap with an
    // in-process service
    byte[] data = new byte[CHUNK];
    int len = 0;
    try (FileChannel in = FileChannel.open(corpus)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining() && in.read(b) > 0) {
        len = b.position();
      }
    }
    int[] all = new int[len / 8 + 1];
    int n = 0;
    for (int i = 0; i < len; i++) {
      if (data[i] == '\n') {
        all[n++] = i + 1;
      }
    }
    int[] ends = java.util.Arrays.copyOf(all, n);
    int lines = n;
    Thread t = new Thread(() -> {
      long start = System.nanoTime();
      long done = 0;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          long due = (System.nanoTime() - start) * linesPerSecond / 1_000_000_000L;
          while (done < due) {
            int from = (int) (done % lines);
            int to = (int) Math.min(lines, from + (due - done));
            int a = from == 0 ? 0 : ends[from - 1];
            int z = ends[to - 1];
            synchronized (out) {
              ByteBuffer b = ByteBuffer.wrap(data, a, z - a);
              while (b.hasRemaining()) {
                out.write(b);
              }
            }
            done += to - from;
          }
          Thread.sleep(10);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, "background-feeder");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
