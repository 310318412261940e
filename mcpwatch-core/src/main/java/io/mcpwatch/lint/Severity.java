package io.mcpwatch.lint;

import java.util.Locale;

/** How serious a finding is. Errors stop {@code backtest} and {@code run}; the others do not. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** {@code error}, {@code warning} or {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
