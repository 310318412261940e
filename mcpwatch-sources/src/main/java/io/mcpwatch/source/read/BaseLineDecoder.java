package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import org.jspecify.annotations.Nullable;

/** Outcome bookkeeping shared by the line decoders. */
abstract class BaseLineDecoder implements LineDecoder {
  final long maxEventBytes;
  private final int maxLineBytes;
  private Outcome outcome = Outcome.SKIPPED;
  private @Nullable String problem;

  BaseLineDecoder(ReadOptions options, int envelopeSlack) {
    this.maxEventBytes = options.maxEventBytes();
    this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 16, maxEventBytes + envelopeSlack);
  }

  @Override
  public final Outcome lastOutcome() {
    return outcome;
  }

  @Override
  public final @Nullable String lastProblem() {
    return problem;
  }

  @Override
  public final int maxLineBytes() {
    return maxLineBytes;
  }

  @Override
  public @Nullable LogEvent finish() {
    return none(Outcome.SKIPPED);
  }

  final LogEvent event(LogEvent e) {
    outcome = Outcome.EVENT;
    problem = null;
    return e;
  }

  final @Nullable LogEvent none(Outcome why) {
    outcome = why;
    problem = null;
    return null;
  }

  final @Nullable LogEvent malformed(String what) {
    outcome = Outcome.MALFORMED;
    problem = what;
    return null;
  }

  /** The line without a trailing {@code \r}. */
  static int stripCr(byte[] b, int off, int len) {
    return len > 0 && b[off + len - 1] == '\r' ? len - 1 : len;
  }

  static boolean isBlank(byte[] b, int off, int len) {
    return JsonScanner.skipWs(b, off, off + len) == off + len;
  }
}
