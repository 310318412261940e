package io.mcpwatch.source.read;

import io.mcpwatch.engine.LogEvent;
import org.jspecify.annotations.Nullable;

/**
 * Removes ANSI escape sequences ({@link Ansi}) from each raw line before the wrapped decoder sees it
 * (so a coloured timestamp is still found) and from each decoded message (JSON formats carry them
 * escaped, as backslash-u001b).
 */
final class AnsiStrippingDecoder implements LineDecoder {
  private final LineDecoder inner;
  private byte[] copy = new byte[0];

  AnsiStrippingDecoder(LineDecoder inner) {
    this.inner = inner;
  }

  @Override
  public @Nullable LogEvent decode(
      byte[] buf, int off, int len, long fallbackTimeMillis, String logGroup) {
    byte[] b = buf;
    int o = off;
    int n = len;
    if (len <= inner.maxLineBytes() && Ansi.indexOfEsc(buf, off, off + len) >= 0) {
      if (copy.length < len) {
        copy = new byte[Math.max(len, copy.length * 2)];
      }
      System.arraycopy(buf, off, copy, 0, len); // the caller's buffer is not ours to change
      b = copy;
      o = 0;
      n = Ansi.strip(copy, 0, len);
    }
    return clean(inner.decode(b, o, n, fallbackTimeMillis, logGroup));
  }

  private static @Nullable LogEvent clean(@Nullable LogEvent e) {
    if (e == null || e.message().indexOf(Ansi.ESC) < 0) {
      return e;
    }
    return new LogEvent(e.logGroup(), e.timestampMillis(), Ansi.strip(e.message()));
  }

  @Override
  public Outcome lastOutcome() {
    return inner.lastOutcome();
  }

  @Override
  public @Nullable String lastProblem() {
    return inner.lastProblem();
  }

  @Override
  public boolean lastTimeAssumed() {
    return inner.lastTimeAssumed();
  }

  @Override
  public @Nullable LogEvent finish() {
    return clean(inner.finish());
  }

  @Override
  public int maxLineBytes() {
    return inner.maxLineBytes();
  }

  @Override
  public InputFormat format() {
    return inner.format();
  }
}
