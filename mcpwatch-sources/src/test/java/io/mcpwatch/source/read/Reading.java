package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read everything from a reader. */
final class Reading {
  private Reading() {}

  record Result(List<LogEvent> events, ReaderStats stats) {}

  static Result readAll(EventReader r) {
    try (r) {
      List<LogEvent> events = new ArrayList<>();
      for (LogEvent e; (e = r.next()) != null; ) {
        events.add(e);
      }
      return new Result(events, r.stats());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Result readFile(Path file, ReadOptions options) throws IOException {
    return readAll(EventReaders.open(file, options));
  }

  static Result readBytes(byte[] data, ReadOptions options) throws IOException {
    return readAll(EventReaders.open(new ByteArrayInputStream(data), "in.log", options));
  }

  static Result readString(String data, ReadOptions options) throws IOException {
    return readBytes(data.getBytes(StandardCharsets.UTF_8), options);
  }

  static Path resource(String name) {
    try {
      return Path.of(Reading.class.getResource("/read/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An input stream that hands out at most {@code chunk} bytes per read, like a slow pipe. */
  static InputStream trickle(byte[] data, int chunk) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }
}
