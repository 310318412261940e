package io.mcpwatch.pattern;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The leading fields of the last event split on this thread, shared by every delimited pattern
 * that ends with {@code ...} ({@link #current()}, or a thread's own instance held by its confined
 * patterns, {@link ThreadCopies}): the ADR's 4xx and 5xx patterns (and the ERROR one) test the same
 * event one after the other, and only the first to need a field splits up to it. Keyed by the
 * message's identity (a String never changes, so the same instance has the same fields); the last
 * message stays referenced until the thread splits another one.
 */
final class LeadingFields {
  private static final int STRIDE = FieldSplitter.STRIDE;
  private static final ThreadLocal<LeadingFields> CURRENT =
      ThreadLocal.withInitial(LeadingFields::new);

  private @Nullable String message;
  private boolean tabs;
  private boolean ended;
  private int count;
  private int next;

  /** Value start, value end and raw start of each field found so far ({@link FieldSplitter}). */
  int[] pos = new int[STRIDE * 8];

  LeadingFields() {}

  /** This thread's instance. */
  static LeadingFields current() {
    return CURRENT.get();
  }

  /**
   * Splits {@code message} until it has at least {@code n} fields or none are left, and returns
   * how many fields {@link #pos} holds (at least {@code n} unless the message has fewer).
   */
  int split(String message, int n) {
    if (message != this.message) {
      this.message = message;
      tabs = message.indexOf('\t') >= 0;
      ended = false;
      count = 0;
      next = 0;
    }
    while (count < n && !ended) {
      if (pos.length < STRIDE * (count + 1)) {
        pos = Arrays.copyOf(pos, pos.length * 2);
      }
      int after = FieldSplitter.next(message, next, tabs, pos, STRIDE * count);
      if (after < 0) {
        ended = true;
      } else {
        count++;
        next = after;
      }
    }
    return count;
  }
}
