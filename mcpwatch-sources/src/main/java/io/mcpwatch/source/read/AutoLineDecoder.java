package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import org.jspecify.annotations.Nullable;

/**
 * Picks JSON lines, Docker or text from the first non-blank line ({@link InputFormat#detect}), then
 * hands every line to that decoder. CloudWatch CLI output is not line-based: if the first line
 * looks like it, the lines are read as JSON lines (and will mostly be malformed).
 */
final class AutoLineDecoder extends BaseLineDecoder {
  private final ReadOptions options;
  private @Nullable LineDecoder chosen;

  AutoLineDecoder(ReadOptions options) {
    super(options, ReadOptions.ENVELOPE_SLACK_BYTES);
    this.options = options;
  }

  @Override
  public InputFormat format() {
    LineDecoder c = chosen;
    return c == null ? InputFormat.AUTO : c.format();
  }

  @Override
  public @Nullable LogEvent decode(
      byte[] b, int off, int len, long fallbackTimeMillis, String logGroup) {
    LineDecoder c = chosen;
    if (c == null) {
      if (isBlank(b, off, len)) {
        return none(Outcome.SKIPPED);
      }
      InputFormat f = InputFormat.detect(b, off, len);
      c =
          LineDecoder.forFormat(
              f == InputFormat.CLOUDWATCH_JSON || f == InputFormat.INSIGHTS_CSV
                  ? (f == InputFormat.CLOUDWATCH_JSON ? InputFormat.JSON_LINES : InputFormat.TEXT)
                  : f,
              options.withStripAnsi(false)); // the caller's wrapper strips
      chosen = c;
    }
    return relay(c, c.decode(b, off, len, fallbackTimeMillis, logGroup));
  }

  @Override
  public @Nullable LogEvent finish() {
    LineDecoder c = chosen;
    return c == null ? none(Outcome.SKIPPED) : relay(c, c.finish());
  }

  @Override
  public boolean lastTimeAssumed() {
    LineDecoder c = chosen;
    return c != null && c.lastTimeAssumed();
  }

  @Override
  public boolean pending() {
    LineDecoder c = chosen;
    return c != null && c.pending();
  }

  private @Nullable LogEvent relay(LineDecoder c, @Nullable LogEvent e) {
    if (e != null) {
      return event(e);
    }
    String problem = c.lastProblem();
    return c.lastOutcome() == Outcome.MALFORMED && problem != null
        ? malformed(problem)
        : none(c.lastOutcome());
  }
}
