package io.mcpwatch.pattern;

/** The four kinds of filter pattern (spec 1.0), plus the blank pattern that matches everything. */
public enum PatternKind {
  MATCH_ALL,
  TERMS,
  REGEX,
  JSON,
  DELIMITED
}
