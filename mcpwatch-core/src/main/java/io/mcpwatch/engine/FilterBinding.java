package io.mcpwatch.engine;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.pattern.MetricFilter;
import io.mcpwatch.pattern.MetricTransformation;
import io.mcpwatch.pattern.Observation;
import io.mcpwatch.pattern.ThreadCopies;

/** What the engine needs from a metric filter; the seam that lets tests supply their own. */
interface FilterBinding {

  /** The pattern's text: filters with equal text and transformation are one filter. */
  String patternText();

  MetricTransformation transformation();

  /** Must not throw; the engine still guards against it. */
  Observation observe(String message);

  /**
   * A binding with the same behaviour for another thread (see {@link Engine#matcher()});
   * {@code copies}: that thread's copies of compiled patterns, shared by its bindings.
   */
  default FilterBinding forAnotherThread(ThreadCopies copies) {
    return this;
  }

  static FilterBinding of(ResolvedAlarm alarm) {
    return of(alarm.filter());
  }

  private static FilterBinding of(MetricFilter f) {
    String text = f.pattern().text();
    MetricTransformation t = f.transformation();
    return new FilterBinding() {
      @Override
      public String patternText() {
        return text;
      }

      @Override
      public MetricTransformation transformation() {
        return t;
      }

      @Override
      public Observation observe(String message) {
        return f.observe(message);
      }

      @Override
      public FilterBinding forAnotherThread(ThreadCopies copies) {
        MetricFilter own = f.forAnotherThread(copies);
        return own == f ? this : of(own);
      }
    };
  }
}
