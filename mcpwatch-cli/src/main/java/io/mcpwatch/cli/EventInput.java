package io.mcpwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.source.read.AssumedTimes;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import io.mcpwatch.source.read.ReaderStats;

/** Reads events for test-pattern: lines of text files/stdin, or any input backtest reads. */
final class EventInput {
  private EventInput() {}

  static List<String> readLines(List<Path> files) {
    List<String> out = new ArrayList<>();
    if (files.isEmpty()) {
      readLines(System.in, "stdin", out);
    } else {
      for (Path f : files) {
        try (InputStream in = Files.newInputStream(f)) {
          readLines(in, f.toString(), out);
        } catch (IOException e) {
          throw unreadable(f.toString(), e);
        }
      }
    }
    return out;
  }

  private static void readLines(InputStream in, String name, List<String> out) {
    // Invalid UTF-8 becomes U+FFFD, as a log pipeline would show it; never an exception.
    BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    try {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw unreadable(name, e);
    }
  }

  /**
   * The messages of an input read exactly as {@code backtest} reads it ({@link EventReaders}: JSON
   * Lines, {@code aws logs} JSON, S3 exports, Insights CSV, Docker, text), in input order. Events
   * without a time of their own are kept (a pattern test needs no time). A record that cannot be
   * read is an error naming its line.
   */
  static List<String> readEvents(String input, ReadOptions options) {
    // made-up times: timestamp-less JSON lines and untimed text are still events to test
    ReadOptions o = options.withAssumedTimes(new AssumedTimes(0, 1000));
    List<String> out = new ArrayList<>();
    try (EventReader r = input.equals("-")
        ? EventReaders.open(System.in, "stdin", o) : EventReaders.open(Path.of(input), o)) {
      for (LogEvent e; (e = r.next()) != null; ) {
        out.add(e.message());
      }
      ReaderStats s = r.stats();
      if (s.malformed() + s.oversized() > 0) {
        throw new UserError(1, s.firstErrors().isEmpty() ? input + ": unreadable records" : s.firstErrors().get(0));
      }
    } catch (IOException e) {
      throw unreadable(input, e);
    }
    return out;
  }

  private static UserError unreadable(String name, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
    return new UserError(1, name + ": cannot read: " + why);
  }
}
