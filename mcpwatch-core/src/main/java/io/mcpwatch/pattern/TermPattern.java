package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses a term pattern (spec 1.1) and builds its matcher.
 *
 * <p>Tokens are separated by blanks. A token is an optional {@code -} (exclude) or {@code ?}
 * (optional/OR) prefix followed by either a double-quoted phrase or an unquoted word of {@code
 * [A-Za-z0-9_]+}; anything else in an unquoted word is rejected with AWS's "Invalid character(s)
 * in term". Inside quotes every character is literal except {@code \"} (a quote) and {@code \\} (a
 * backslash) [UNCERTAIN: AWS documents no escapes; without them a quote could not be searched for].
 */
final class TermPattern {
  private TermPattern() {}

  /** The parsed terms, in pattern order. */
  static List<Term> parse(String text) {
    List<Term> terms = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (true) {
      i = Chars.skipBlanks(text, i);
      if (i >= n) {
        return terms;
      }
      int start = i;
      Term.Kind kind = Term.Kind.PLAIN;
      char c = text.charAt(i);
      if (c == '-' || c == '?') {
        kind = c == '-' ? Term.Kind.EXCLUDE : Term.Kind.OPTIONAL;
        i++;
        if (i >= n || Chars.isBlank(text.charAt(i))) {
          throw new FilterPatternException(
              text,
              PatternErrors.INVALID_TERM,
              "'" + c + "' must be followed by a term",
              start + 1,
              c == '?'
                  ? "'?' marks an optional (OR) term, as in ?ERROR ?WARN"
                  : "'-' excludes a term, as in ERROR -Exiting");
        }
        c = text.charAt(i);
      }
      if (c == '"') {
        i = quoted(text, start, i, kind, terms);
      } else {
        i = unquoted(text, start, i, kind, terms);
      }
    }
  }

  private static int quoted(String text, int start, int open, Term.Kind kind, List<Term> terms) {
    StringBuilder sb = new StringBuilder();
    int i = open + 1;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        if (i + 1 < n && !Chars.isBlank(text.charAt(i + 1))) {
          throw PatternErrors.invalid(
              text,
              "expected a space after the closing quote, found "
                  + Chars.describe(text.charAt(i + 1)),
              i + 2,
              "separate terms with spaces; to search for a phrase, put all of it in one pair of"
                  + " quotes");
        }
        terms.add(new Term(sb.toString(), true, kind, start + 1));
        return i + 1;
      }
      if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
        sb.append(text.charAt(i + 1));
        i += 2;
        continue;
      }
      sb.append(c);
      i++;
    }
    throw PatternErrors.invalid(
        text, "the quoted term has no closing '\"'", open + 1, "close the quote, or escape it: \\\"");
  }

  private static int unquoted(String text, int start, int from, Term.Kind kind, List<Term> terms) {
    int n = text.length();
    int end = from;
    while (end < n && !Chars.isBlank(text.charAt(end))) {
      end++;
    }
    for (int j = from; j < end; j++) {
      char c = text.charAt(j);
      if (!Chars.isWord(c)) {
        String token = text.substring(start, end);
        throw new FilterPatternException(
            text,
            PatternErrors.INVALID_TERM,
            "unquoted term "
                + token
                + " contains "
                + Chars.describe(c)
                + "; only letters, digits and _ are allowed outside double quotes",
            j + 1,
            PatternErrors.termHint(token, c));
      }
    }
    terms.add(new Term(text.substring(from, end), false, kind, start + 1));
    return end;
  }

  /** Whether the terms are a single quoted blank phrase ({@code ""}, {@code " "}): match-all. */
  static boolean isMatchAll(List<Term> terms) {
    return terms.size() == 1
        && terms.get(0).quoted()
        && terms.get(0).kind() == Term.Kind.PLAIN
        && terms.get(0).text().isBlank();
  }

  /** The matcher for parsed terms, following the reference algorithm of spec 1.1. */
  static CompiledMatcher matcher(List<Term> terms) {
    List<String> plain = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    List<String> optional = new ArrayList<>();
    for (Term t : terms) {
      switch (t.kind()) {
        case PLAIN:
          plain.add(t.text());
          break;
        case EXCLUDE:
          exclude.add(t.text());
          break;
        case OPTIONAL:
          optional.add(t.text());
          break;
      }
    }
    // Longest first: a long literal is usually the rarest, so the AND fails fast.
    Comparator<String> longestFirst = Comparator.comparingInt(String::length).reversed();
    plain.sort(longestFirst);
    exclude.sort(longestFirst);
    optional.sort(longestFirst);
    if (!plain.isEmpty() || !exclude.isEmpty()) {
      // '?' terms are ignored when mixed with plain or '-' terms (spec 1.1 rule 9).
      if (plain.size() == 1 && exclude.isEmpty()) {
        return new One(plain.get(0));
      }
      return new AllNone(plain.toArray(new String[0]), exclude.toArray(new String[0]));
    }
    if (optional.isEmpty()) {
      return MATCH_ALL;
    }
    if (optional.size() == 1) {
      return new One(optional.get(0));
    }
    return new AnyOf(optional.toArray(new String[0]));
  }

  /** Matches every event: the blank pattern, {@code ""} and {@code " "} (spec 1.0). */
  static final CompiledMatcher MATCH_ALL =
      new ExtractsNothing() {
        @Override
        public boolean matches(String message) {
          return true;
        }
      };

  /** One literal: the common case ({@code ERROR}, {@code "OBO token exchange failed"}). */
  private static final class One extends ExtractsNothing {
    private final String term;

    One(String term) {
      this.term = term;
    }

    @Override
    public boolean matches(String message) {
      return message.contains(term);
    }

    @Override
    public @Nullable List<String> requiredLiterals() {
      return Literals.anyOf(List.of(term));
    }
  }

  /** All of {@code plain} occur and none of {@code exclude}. */
  private static final class AllNone extends ExtractsNothing {
    private final String[] plain;
    private final String[] exclude;

    AllNone(String[] plain, String[] exclude) {
      this.plain = plain;
      this.exclude = exclude;
    }

    @Override
    public boolean matches(String message) {
      for (String t : plain) {
        if (!message.contains(t)) {
          return false;
        }
      }
      for (String t : exclude) {
        if (message.contains(t)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public @Nullable List<String> requiredLiterals() {
      // plain is sorted longest first; without a plain term (only '-' terms) there is none
      return plain.length == 0 ? null : Literals.anyOf(List.of(plain[0]));
    }
  }

  /** Any of the optional terms occurs. */
  private static final class AnyOf extends ExtractsNothing {
    private final String[] any;

    AnyOf(String[] any) {
      this.any = any;
    }

    @Override
    public boolean matches(String message) {
      for (String t : any) {
        if (message.contains(t)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public @Nullable List<String> requiredLiterals() {
      return Literals.anyOf(List.of(any));
    }
  }
}
