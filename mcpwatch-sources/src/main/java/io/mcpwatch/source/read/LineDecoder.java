package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one line at a time (without its {@code \n}; a trailing {@code \r} is ignored) into an
 * event. The live tailer feeds it the lines it reads; {@link EventReaders} uses it for every
 * line-based format. A decoder keeps state between lines (Docker partial records are joined, text
 * continuation lines take the previous timestamp), so use one decoder per input, from one thread.
 *
 * <p>{@link #decode} never throws on any bytes. When it returns {@code null}, {@link
 * #lastOutcome()} says why and, for {@link Outcome#MALFORMED}, {@link #lastProblem()} says what was
 * expected.
 */
public interface LineDecoder {

  /** Pass as {@code fallbackTimeMillis} when lines without a time of their own must be skipped. */
  long NO_FALLBACK = Long.MIN_VALUE;

  /** What the last {@link #decode} call did. */
  enum Outcome {
    /** An event was returned. */
    EVENT,
    /** A Docker partial record was buffered; the event comes with the record that ends it. */
    PENDING,
    /** A blank line, or a line with no time of its own and nothing to take one from. */
    SKIPPED,
    /** Not decodable; see {@link #lastProblem()}. */
    MALFORMED,
    /** Longer than {@link ReadOptions#maxEventBytes()}. */
    OVERSIZED
  }

  /**
   * A decoder for a line-based format: {@link InputFormat#JSON_LINES}, {@link InputFormat#DOCKER},
   * {@link InputFormat#TEXT}, {@link InputFormat#CLOUDWATCH_S3}, or {@link InputFormat#AUTO}, which picks one of those from the first
   * non-blank line.
   *
   * With {@link ReadOptions#stripAnsi()}, escape sequences are removed before decoding.
   *
   * @throws IllegalArgumentException for {@link InputFormat#CLOUDWATCH_JSON} and {@link
   *     InputFormat#INSIGHTS_CSV}, which are not line-based (read them with {@link EventReaders})
   */
  static LineDecoder forFormat(InputFormat format, ReadOptions options) {
    LineDecoder d = plain(format, options);
    return options.stripAnsi() ? new AnsiStrippingDecoder(d) : d;
  }

  private static LineDecoder plain(InputFormat format, ReadOptions options) {
    switch (format) {
      case JSON_LINES:
        return new JsonLinesDecoder(options);
      case DOCKER:
        return new DockerDecoder(options);
      case TEXT:
        return new TextDecoder(options);
      case CLOUDWATCH_S3:
        return new S3ExportDecoder(options);
      case AUTO:
        return new AutoLineDecoder(options);
      default:
        throw new IllegalArgumentException(
            "format " + format.cliName() + " is not line-based; read it with EventReaders.open");
    }
  }

  /**
   * Decodes {@code buf[off..off+len)}.
   *
   * @param fallbackTimeMillis the time for a line that has none of its own and cannot take the
   *     previous line's (e.g. the time the tailer read it), or {@link #NO_FALLBACK} to skip such a
   *     line (JSON lines without {@code timestamp} are then malformed)
   * @param logGroup the log group for the event unless the line names its own ({@code logGroup} or
   *     {@code logGroupName} in JSON lines)
   * @return the event, or {@code null} (see {@link #lastOutcome()})
   */
  @Nullable LogEvent decode(byte[] buf, int off, int len, long fallbackTimeMillis, String logGroup);

  /**
   * Whether the last event's time was the caller's fallback time (the line had none of its own and
   * none to take from the line before).
   */
  default boolean lastTimeAssumed() {
    return false;
  }

  /** What the last {@link #decode} or {@link #finish} call did. */
  Outcome lastOutcome();

  /** For a {@link Outcome#MALFORMED} line: what was expected there; otherwise {@code null}. */
  @Nullable String lastProblem();

  /**
   * Ends the input: returns an event still buffered (a Docker record that never got its final
   * part). Call it until it returns {@code null} with {@link #lastOutcome()} {@link
   * Outcome#SKIPPED} (nothing left); a {@code null} with {@link Outcome#OVERSIZED} is a buffered
   * record that outgrew the limit.
   */
  @Nullable LogEvent finish();

  /**
   * Whether part of an event is buffered (a Docker record without its final part): a checkpoint
   * must then stay before the line that started it, so that a restart reads every part again.
   */
  default boolean pending() {
    return false;
  }

  /**
   * The longest line worth buffering: anything longer is {@link Outcome#OVERSIZED}, so a caller can
   * discard up to the next newline instead of buffering it.
   */
  int maxLineBytes();

  /** The format being decoded; {@link InputFormat#AUTO} until an auto decoder has decided. */
  InputFormat format();
}
