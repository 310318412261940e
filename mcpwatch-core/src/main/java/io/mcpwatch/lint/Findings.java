package io.mcpwatch.lint;

import io.mcpwatch.config.AlarmInstance;
import io.mcpwatch.config.Located;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects findings, dropping repeats: a value written once (in {@code defaults}, say) is checked
 * for every environment x app that inherits it but reported once.
 */
final class Findings {
  private final Set<Finding> findings = new LinkedHashSet<>();
  private final Map<Object, String> texts = new HashMap<>();

  /**
   * The message for {@code key}, built once: thousands of alarms that inherit one setting share a
   * few distinct messages (and the repeats are dropped anyway).
   */
  String text(Object key, Supplier<String> build) {
    return texts.computeIfAbsent(key, k -> build.get());
  }

  void add(
      Severity severity,
      String rule,
      String path,
      int line,
      int column,
      String message,
      @Nullable String suggestion) {
    findings.add(new Finding(severity, rule, path, line, column, message, suggestion));
  }

  /** A finding at {@code at} when it is written in the file, else at the instance's alarm. */
  void at(
      @Nullable Located<?> at,
      AlarmInstance instance,
      Severity severity,
      String rule,
      String message,
      @Nullable String suggestion) {
    if (at != null && at.inFile()) {
      add(severity, rule, at.path(), at.line(), at.column(), message, suggestion);
    } else {
      add(
          severity,
          rule,
          instance.definition().path(),
          instance.definition().line(),
          instance.definition().column(),
          message,
          suggestion);
    }
  }

  List<Finding> sorted() {
    List<Finding> out = new ArrayList<>(findings);
    out.sort(null);
    return out;
  }
}
