package io.mcpwatch.source.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The inputs of an {@link EventReaders#inTimeOrder} reader split into {@link InputPart}s: their
 * stats combined as the sequential reader would have counted them, once every part was read.
 */
final class PartedInputs {
  private final List<InputPart> parts;
  private @Nullable ReaderStats combined;

  PartedInputs(List<InputPart> parts) {
    this.parts = List.copyOf(parts);
  }

  List<InputPart> parts() {
    return parts;
  }

  /**
   * The stats: exact when every part has been read to its end (line numbers of errors counted
   * from the start of the input, events older than one in an earlier part counted out of order);
   * until then only bytes, for progress.
   */
  synchronized ReaderStats stats() {
    if (combined != null) {
      return combined;
    }
    for (InputPart p : parts) {
      if (p.done() == null) {
        long bytes = 0;
        for (InputPart q : parts) {
          bytes += q.bytesSoFar();
        }
        return new ReaderStats(0, bytes, 0, 0, 0, List.of());
      }
    }
    try {
      combined = combine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return combined;
  }

  private ReaderStats combine() throws IOException {
    ReaderStats sum = ReaderStats.empty();
    int i = 0;
    while (i < parts.size()) {
      int input = parts.get(i).input();
      long lineBase = 0;
      long newest = Long.MIN_VALUE;
      while (i < parts.size() && parts.get(i).input() == input) {
        InputPart p = parts.get(i);
        InputPart.Done d = p.done();
        ReaderStats s = d.stats();
        long extra = newest == Long.MIN_VALUE ? 0 : p.olderThan(newest);
        s = s.plusOutOfOrder(extra);
        if (lineBase > 0) {
          s = withLineBase(s, p.name(), lineBase);
        }
        sum = sum.plus(s);
        lineBase += d.lines();
        if (d.firstTs() != Long.MIN_VALUE) {
          newest = Math.max(newest, d.maxTs());
        }
        i++;
      }
    }
    return sum;
  }

  /** Errors {@code NAME:LINE: ...} of a part with LINE counted from the start of its input. */
  private static ReaderStats withLineBase(ReaderStats s, String name, long base) {
    if (s.firstErrors().isEmpty()) {
      return s;
    }
    List<String> errors = new ArrayList<>();
    for (String e : s.firstErrors()) {
      errors.add(shift(e, name, base));
    }
    return new ReaderStats(s.events(), s.bytes(), s.malformed(), s.oversized(), s.skipped(),
        s.untimed(), s.assumedTimes(), s.outOfOrder(), errors);
  }

  /** {@code NAME:LINE: ...} with LINE + base. */
  static String shift(String error, String name, long base) {
    int i = name.length() + 1;
    if (!error.startsWith(name + ":")) {
      return error;
    }
    int j = i;
    while (j < error.length() && Character.isDigit(error.charAt(j))) {
      j++;
    }
    if (j == i) {
      return error;
    }
    return error.substring(0, i) + (Long.parseLong(error.substring(i, j)) + base) + error.substring(j);
  }
}
