package io.mcpwatch.pattern;

import org.jspecify.annotations.Nullable;

/**
 * A filter pattern or metric transformation that AWS would reject. The {@link #awsMessage()} is the
 * text AWS's {@code InvalidParameterException} carries (for example {@code Invalid filter
 * pattern}); {@link #column()} is 1-based into the pattern text (0 when the error is not tied to a
 * position, e.g. a transformation error); {@link #hint()} explains a recognised common mistake.
 */
public final class FilterPatternException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String pattern;
  private final String awsMessage;
  private final String detail;
  private final int column;
  private final @Nullable String hint;

  public FilterPatternException(
      String pattern, String awsMessage, String detail, int column, @Nullable String hint) {
    super(awsMessage + ": " + detail + (column > 0 ? " (column " + column + ")" : ""));
    this.pattern = pattern;
    this.awsMessage = awsMessage;
    this.detail = detail;
    this.column = column;
    this.hint = hint;
  }

  /** The pattern text as given. */
  public String pattern() {
    return pattern;
  }

  /** AWS's message, e.g. {@code Invalid filter pattern} or {@code Invalid character(s) in term}. */
  public String awsMessage() {
    return awsMessage;
  }

  /** What exactly is wrong, for people. */
  public String detail() {
    return detail;
  }

  /** 1-based column into {@link #pattern()}, or 0 when not tied to a position. */
  public int column() {
    return column;
  }

  public @Nullable String hint() {
    return hint;
  }

  /**
   * The error for a terminal: the first line is the one-line message; when a column is known the
   * pattern and a caret line follow; then the hint, if any.
   */
  public String render() {
    StringBuilder sb = new StringBuilder(getMessage());
    if (column > 0 && pattern.indexOf('\n') < 0) {
      sb.append('\n').append("  ").append(pattern).append('\n').append("  ");
      sb.append(" ".repeat(Math.max(0, column - 1))).append('^');
    }
    if (hint != null) {
      sb.append('\n').append("hint: ").append(hint);
    }
    return sb.toString();
  }
}
