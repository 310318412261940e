package io.mcpwatch.engine;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.Observation;
import io.mcpwatch.pattern.ThreadCopies;

/** Wraps an alarm's real filter, but throws for messages containing a marker (a filter bug). */
final class ThrowingBinding implements FilterBinding {
  private final FilterBinding real;
  private final String marker;

  ThrowingBinding(ResolvedAlarm alarm, String marker) {
    this(FilterBinding.of(alarm), marker);
  }

  private ThrowingBinding(FilterBinding real, String marker) {
    this.real = real;
    this.marker = marker;
  }

  @Override
  public FilterBinding forAnotherThread(ThreadCopies copies) {
    return new ThrowingBinding(real.forAnotherThread(copies), marker);
  }

  @Override
  public String patternText() {
    return real.patternText();
  }

  @Override
  public MetricTransformation transformation() {
    return real.transformation();
  }

  @Override
  public Observation observe(String message) {
    if (message.contains(marker)) {
      throw new IllegalStateException("filter bug");
    }
    return real.observe(message);
  }
}
