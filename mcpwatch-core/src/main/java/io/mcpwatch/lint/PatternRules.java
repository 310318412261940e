package io.mcpwatch.lint;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.mcpwatch.config.AlarmField;
import io.mcpwatch.config.AlarmSettings;
import io.mcpwatch.config.Located;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules on the pattern text where it is written: {@code ?} read as a wildcard ({@code 4??}), bare
 * log-level terms ({@code ERROR}), and {@code ?} terms mixed with other terms.
 */
final class PatternRules {
  private PatternRules() {}

  static final String QUESTION_MARK = "question-mark-wildcard";
  static final String BARE_LEVEL = "bare-level-term";
  static final String MIXED_OPTIONAL = "mixed-optional-terms";

  private static final Set<String> LEVELS = Set.of("ERROR", "WARN", "WARNING", "CRITICAL", "FATAL");

  /** A condition value such as {@code status=5??} in a JSON or space-delimited pattern. */
  private static final Pattern CONDITION_QQ =
      Pattern.compile("([A-Za-z0-9_.$\\[\\]]+)\\s*(=|!=)\\s*\"?([0-9]*)\\?+\"?");

  static void check(AlarmSettings settings, Findings out) {
    Located<String> p = settings.pattern();
    if (p == null) {
      return;
    }
    String text = p.value().strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      conditions(p, out);
      return;
    }
    if (text.startsWith("%") || text.isEmpty()) {
      return;
    }
    List<RawTerms.Raw> terms = RawTerms.scan(p.value());
    questionMarks(p, terms, out);
    if (settings.isInvalid(AlarmField.PATTERN)) {
      return; // AWS rejects it; the remaining rules are about how a valid pattern behaves
    }
    levels(p, terms, out);
    mixed(p, terms, out);
  }

  private static void questionMarks(Located<String> p, List<RawTerms.Raw> terms, Findings out) {
    for (RawTerms.Raw t : terms) {
      int q = t.text().indexOf('?');
      if (q < 0) {
        continue;
      }
      String digits = t.text().substring(0, q);
      String suggestion = statusSuggestion(digits);
      if (t.quoted()) {
        out.add(
            Severity.WARNING,
            QUESTION_MARK,
            p.path(),
            p.line(),
            p.columnAt(t.column()),
            t.written()
                + " searches for the literal text "
                + t.text()
                + ": '?' is not a wildcard in filter patterns",
            suggestion);
      } else {
        out.add(
            Severity.ERROR,
            QUESTION_MARK,
            p.path(),
            p.line(),
            p.columnAt(t.column()),
            t.written()
                + " is not a wildcard: '?' only marks an optional (OR) term when it starts"
                + " a term (?ERROR ?WARN), and AWS rejects it inside a term",
            suggestion);
      }
    }
  }

  private static String statusSuggestion(String digits) {
    if (digits.length() == 1 && Character.isDigit(digits.charAt(0))) {
      char d = digits.charAt(0);
      return "[level, client, dash, request=*HTTP*, status="
          + d
          + "*, ...] counts "
          + d
          + "xx responses in uvicorn access lines such as"
          + " INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity"
          + " (the status is the 5th space-delimited field; "
          + d
          + "* means \"begins with "
          + d
          + "\")";
    }
    return "use * at the start or end of a value in a JSON or space-delimited condition"
        + " (status=4*), or a %regex% with [0-9]";
  }

  private static void conditions(Located<String> p, Findings out) {
    Matcher m = CONDITION_QQ.matcher(p.value());
    while (m.find()) {
      String field = m.group(1);
      String digits = m.group(3);
      out.add(
          Severity.WARNING,
          QUESTION_MARK,
          p.path(),
          p.line(),
          p.columnAt(m.start() + 1),
          field
              + m.group(2)
              + p.value().substring(m.start(3), m.end()).replace("\"", "")
              + " compares with the literal text "
              + digits
              + "??: '?' is not a wildcard",
          "write "
              + field
              + "="
              + (digits.isEmpty() ? "" : digits)
              + "* (a value beginning with "
              + (digits.isEmpty() ? "anything" : digits)
              + ")");
    }
  }

  private static void levels(Located<String> p, List<RawTerms.Raw> terms, Findings out) {
    boolean onlyOptional = terms.stream().allMatch(t -> t.prefix() == '?');
    for (RawTerms.Raw t : terms) {
      // a ?-term counts only when every term is one; otherwise CloudWatch ignores it (see mixed)
      boolean counts = t.prefix() == 0 || (t.prefix() == '?' && onlyOptional);
      if (!counts || !LEVELS.contains(t.text())) {
        continue;
      }
      String level = t.text();
      out.add(
          Severity.WARNING,
          BARE_LEVEL,
          p.path(),
          p.line(),
          p.columnAt(t.column()),
          t.written()
              + " is a substring search: it also counts lines that merely mention "
              + level
              + " (an INFO line about "
              + level
              + "_RATE_LIMIT, "
              + level
              + "CODE),"
              + " not only "
              + level
              + "-level records",
          levelSuggestion(level));
    }
  }

  static String levelSuggestion(String level) {
    String python = "WARN".equals(level) ? "WARNING" : "FATAL".equals(level) ? "CRITICAL" : level;
    String pattern =
        "ERROR".equals(python)
            ? "[level=\"ERROR:*\" || level=\"CRITICAL:*\", ...]"
            : "[level=\"" + python + ":*\", ...]";
    return pattern
        + " anchors on the first space-delimited field, which is how Python's default"
        + " format ("
        + python
        + ":root:message) and uvicorn ("
        + python
        + ":    message) start a record; for JSON logs use { $.level = \""
        + python
        + "\" }";
  }

  private static void mixed(Located<String> p, List<RawTerms.Raw> terms, Findings out) {
    List<String> others = new ArrayList<>();
    RawTerms.Raw firstOptional = null;
    for (RawTerms.Raw t : terms) {
      if (t.prefix() == '?') {
        if (firstOptional == null) {
          firstOptional = t;
        }
      } else {
        others.add(t.written());
      }
    }
    if (firstOptional == null || others.isEmpty()) {
      return;
    }
    out.add(
        Severity.WARNING,
        MIXED_OPTIONAL,
        p.path(),
        p.line(),
        p.columnAt(firstOptional.column()),
        "CloudWatch ignores every ?-term when a pattern also has plain or - terms: this pattern"
            + " behaves like "
            + String.join(" ", others),
        "use only ?-terms for \"any of\" (?ERROR ?CRITICAL), or drop them; to combine \"any of\""
            + " with a required term, use a space-delimited or JSON pattern with ||");
  }
}
