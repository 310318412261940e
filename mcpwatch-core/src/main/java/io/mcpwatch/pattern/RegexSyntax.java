package io.mcpwatch.pattern;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * AWS's {@code %regex%} subset (spec 1.2): validates a regex body against the documented character
 * whitelist and operators, rejects what section 7 says to reject, and compiles the rest with re2j
 * (linear time). Used by standalone regex patterns and by regex values in JSON and space-delimited
 * conditions.
 *
 * <p>Accepted: letters, digits, the symbols {@code _ # = @ / ; , - :} and space, and the operators
 * {@code ^ $ ? * + {m,n} [...] | . \}. Escapes: {@code \d \D \s \S \w \W} (ASCII: {@code \w} is
 * {@code [a-zA-Z_0-9]}, {@code \s} is {@code [\t\n\f\r ]}), {@code \xhh} for an ASCII character, and
 * a backslash before any allowed symbol or operator. Rejected with "Invalid filter pattern":
 * parentheses, any other character (e.g. {@code !}, non-ASCII), other escapes ({@code \b}, {@code
 * \1}, {@code \p}), a quantifier right after another one ({@code ??}, {@code *?}, {@code +?},
 * {@code }?}, {@code ?+}, {@code *+}, {@code ++}: lazy/possessive forms, spec 7.2), a quantifier
 * with nothing to repeat, an empty alternative and an empty regex (both would match every event).
 *
 * <p>Semantics, decided where AWS is silent: {@code .} matches any character except {@code \n}
 * (re2j's default, as in Java and RE2); {@code ^} and {@code $} anchor at the start and end of the
 * whole text (no multi-line mode); {@code {,n}} means {@code {0,n}}. Matching is an unanchored find.
 */
final class RegexSyntax {
  private RegexSyntax() {}

  /** RE2's largest repeat count. */
  private static final int MAX_REPEAT = 1000;

  private static final String SYMBOLS = "_#=@/;,-: ";
  private static final String OPERATORS = "^$?[]{}|\\*+.";

  /**
   * @param body the text between the two {@code %} signs
   * @param patternText the whole filter pattern, for the error
   * @param column 1-based column of the opening {@code %} in {@code patternText}
   * @return the compiled regex; callers use {@code matcher(s).find()} (unanchored unless ^/$)
   * @throws FilterPatternException naming the column of the offending character
   */
  static Pattern compile(String body, String patternText, int column) {
    return find(body, patternText, column).regex();
  }

  /**
   * Compiles the body like {@link #compile} and works out how to find it fastest ({@link
   * RegexFind}: plain string comparisons when every alternative is an anchored or unanchored
   * literal; otherwise re2j behind a required-literal check).
   *
   * @throws FilterPatternException naming the column of the offending character
   */
  static RegexFind find(String body, String patternText, int column) {
    Translator t = new Translator(body, patternText, column);
    String translated = t.translate();
    Pattern regex;
    try {
      regex = Pattern.compile(translated);
    } catch (PatternSyntaxException e) {
      throw PatternErrors.invalid(
          patternText, "invalid regular expression: " + e.getDescription(), column);
    }
    String[] texts = null;
    byte[] anchors = null;
    if (t.everySimple) {
      texts = t.simpleTexts.toArray(new String[0]);
      anchors = new byte[texts.length];
      for (int k = 0; k < anchors.length; k++) {
        anchors[k] = t.simpleAnchors.get(k);
      }
    }
    return new RegexFind(
        regex, texts, anchors, t.everyAlternative ? Literals.anyOf(t.alternatives) : null);
  }

  /** Whether {@code c} may appear in a regex body at all. */
  static boolean isAllowed(char c) {
    return Chars.isWord(c) || SYMBOLS.indexOf(c) >= 0 || OPERATORS.indexOf(c) >= 0;
  }

  /** One pass over the body: validates and writes the equivalent re2j syntax. */
  private static final class Translator {
    private final String body;
    private final String pattern;
    private final int column;
    private final StringBuilder out;
    private int i;

    /** Whether the last thing written can take a quantifier. */
    private boolean atom;

    /** Whether the last thing written was a quantifier. */
    private boolean quantifier;

    // required literals (see requiredLiterals): the current run of literal characters, the
    // longest run of the current alternative, and the best run of each finished alternative
    private final StringBuilder run = new StringBuilder();
    private String best = "";
    final List<String> alternatives = new ArrayList<>();
    boolean everyAlternative = true;
    // the simple form (see RegexFind): per alternative its whole literal text and anchors, while
    // it has nothing but literal characters, a leading ^ and a trailing $
    private final StringBuilder altText = new StringBuilder();
    private boolean altSimple = true;
    private byte altAnchors;
    final List<String> simpleTexts = new ArrayList<>();
    final List<Byte> simpleAnchors = new ArrayList<>();
    boolean everySimple = true;

    /** Whether the last atom was a literal character, the last one of {@link #run}. */
    private boolean lastLiteral;
    private boolean inClass;

    Translator(String body, String pattern, int column) {
      this.body = body;
      this.pattern = pattern;
      this.column = column;
      this.out = new StringBuilder(body.length() + 16);
    }

    private int col(int index) {
      return column + 1 + index;
    }

    String translate() {
      if (body.isEmpty()) {
        throw PatternErrors.invalid(
            pattern, "empty regular expression %% (it would match every event)", column);
      }
      int altStart = 0;
      while (i < body.length()) {
        char c = body.charAt(i);
        checkAllowed(c, i);
        switch (c) {
          case '\\':
            escape();
            setAtom();
            break;
          case '[':
            altSimple = false;
            inClass = true;
            charClass();
            inClass = false;
            notLiteral();
            setAtom();
            break;
          case '?':
          case '*':
          case '+':
            altSimple = false;
            quantify(String.valueOf(c), i, i + 1);
            i++;
            break;
          case '{':
            repeat();
            break;
          case '|':
            if (i == altStart) {
              throw emptyAlternative(i);
            }
            out.append('|');
            endAlternative();
            i++;
            altStart = i;
            atom = false;
            quantifier = false;
            break;
          case '^':
          case '$':
            if (c == '^' && i == altStart) {
              altAnchors |= RegexFind.START;
            } else if (c == '$' && (i + 1 == body.length() || body.charAt(i + 1) == '|')) {
              altAnchors |= RegexFind.END;
            } else {
              altSimple = false;
            }
            out.append(c);
            notLiteral();
            i++;
            atom = false;
            quantifier = false;
            break;
          case ']':
          case '}':
            out.append('\\').append(c);
            literal(c);
            i++;
            setAtom();
            break;
          default: // '.', letters, digits, symbols, space
            out.append(c);
            if (c == '.') {
              altSimple = false;
              notLiteral();
            } else {
              literal(c);
            }
            i++;
            setAtom();
            break;
        }
      }
      if (altStart == body.length()) {
        throw emptyAlternative(body.length() - 1);
      }
      endAlternative();
      return out.toString();
    }

    private void literal(char c) {
      if (!inClass) {
        altText.append(c);
        run.append(c);
        lastLiteral = true;
      }
    }

    /** Something other than a literal character: the current run ends. */
    private void notLiteral() {
      if (run.length() > best.length()) {
        best = run.toString();
      }
      run.setLength(0);
      lastLiteral = false;
    }

    private void endAlternative() {
      if (altSimple) {
        simpleTexts.add(altText.toString());
        simpleAnchors.add(altAnchors);
      } else {
        everySimple = false;
      }
      altText.setLength(0);
      altSimple = true;
      altAnchors = 0;
      notLiteral();
      if (best.isEmpty()) {
        everyAlternative = false;
      } else {
        alternatives.add(best);
      }
      best = "";
    }

    private FilterPatternException emptyAlternative(int at) {
      return PatternErrors.invalid(
          pattern,
          "empty alternative in the regular expression (it would match every event)",
          col(at),
          "write an alternative on each side of |, as in %^starting|^stopping%");
    }

    private void setAtom() {
      atom = true;
      quantifier = false;
    }

    private void checkAllowed(char c, int at) {
      if (isAllowed(c)) {
        return;
      }
      String what;
      String hint = null;
      if (c == '(' || c == ')') {
        what = "parentheses (groups) are not supported in a regular expression";
        hint =
            "use | at the top level for alternatives and [...] for sets of characters; match a"
                + " literal parenthesis with \\x28 or \\x29";
      } else if (c > 0x7F) {
        what = "multibyte character " + Chars.describe(c) + " is not supported in a regular"
            + " expression";
      } else {
        what = Chars.describe(c) + " is not allowed in a regular expression";
        hint =
            c < 0x20 || c == 0x7F
                ? null
                : String.format(
                    Locale.ROOT,
                    "regexes allow letters, digits, the symbols _ # = @ / ; , - : and space, and"
                        + " the operators ^ $ ? [ ] { } | \\ * + .; match other ASCII characters"
                        + " by code, e.g. \\x%02X for '%c'",
                    (int) c,
                    c);
      }
      throw PatternErrors.invalid(pattern, what, col(at), hint);
    }

    /** A backslash escape at {@code i}; writes it and moves past it. */
    private void escape() {
      int at = i;
      if (i + 1 >= body.length()) {
        throw PatternErrors.invalid(pattern, "the regular expression ends with '\\'", col(at));
      }
      char e = body.charAt(i + 1);
      if ("dDsSwW".indexOf(e) >= 0) {
        out.append('\\').append(e);
        if (!inClass) {
          altSimple = false;
          notLiteral();
        }
        i += 2;
        return;
      }
      if (e == 'x') {
        int value = hex2(i + 2);
        if (value < 0 || value > 0x7F) {
          throw PatternErrors.invalid(
              pattern,
              "\\x must be followed by two hex digits of an ASCII character (\\x00 to \\x7F)",
              col(at));
        }
        out.append(String.format(Locale.ROOT, "\\x%02X", value));
        literal((char) value);
        i += 4;
        return;
      }
      if (Chars.isWord(e) && e != '_') {
        throw PatternErrors.invalid(
            pattern,
            "unsupported escape \\" + e + "; supported are \\d \\D \\s \\S \\w \\W \\xhh and a"
                + " backslash before a symbol",
            col(at));
      }
      checkAllowed(e, i + 1);
      // A literal symbol: hex form is valid for re2j inside and outside classes.
      out.append(String.format(Locale.ROOT, "\\x%02X", (int) e));
      literal(e);
      i += 2;
    }

    private int hex2(int from) {
      if (from + 2 > body.length()) {
        return -1;
      }
      int hi = Character.digit(body.charAt(from), 16);
      int lo = Character.digit(body.charAt(from + 1), 16);
      if (hi < 0 || lo < 0 || body.charAt(from) > 0x7F || body.charAt(from + 1) > 0x7F) {
        return -1;
      }
      return hi * 16 + lo;
    }

    /** A character class starting at {@code i} ({@code '['}). */
    private void charClass() {
      int open = i;
      out.append('[');
      i++;
      if (i < body.length() && body.charAt(i) == '^') {
        out.append('^');
        i++;
      }
      boolean first = true;
      while (i < body.length()) {
        char c = body.charAt(i);
        checkAllowed(c, i);
        if (c == ']' && !first) {
          out.append(']');
          i++;
          return;
        }
        first = false;
        if (c == '\\') {
          escape();
        } else if (c == '[' || c == ']' || c == '^') {
          out.append('\\').append(c);
          i++;
        } else {
          out.append(c);
          i++;
        }
      }
      throw PatternErrors.invalid(
          pattern, "the character class '[' is not closed with ']'", col(open));
    }

    /** A '{' at {@code i}: a counted repeat if well formed, otherwise a literal brace. */
    private void repeat() {
      int open = i;
      int close = body.indexOf('}', open);
      String inner = close < 0 ? null : body.substring(open + 1, close);
      int comma = inner == null ? -1 : inner.indexOf(',');
      String lo = inner == null ? null : comma < 0 ? inner : inner.substring(0, comma);
      String hi = inner == null || comma < 0 ? null : inner.substring(comma + 1);
      boolean valid =
          inner != null
              && digitsOrEmpty(lo)
              && (hi == null || digitsOrEmpty(hi))
              && !(lo.isEmpty() && (hi == null || hi.isEmpty()));
      if (!valid) {
        out.append("\\{");
        literal('{');
        i++;
        setAtom();
        return;
      }
      int min = lo.isEmpty() ? 0 : parseCount(lo, open);
      int max = hi == null ? min : hi.isEmpty() ? -1 : parseCount(hi, open);
      if (max >= 0 && max < min) {
        throw PatternErrors.invalid(
            pattern, "in {" + inner + "} the maximum is smaller than the minimum", col(open));
      }
      String re2 = "{" + min + (hi == null ? "" : "," + (max < 0 ? "" : Integer.toString(max)))
          + "}";
      quantify(re2, open, close + 1);
      i = close + 1;
    }

    private int parseCount(String digits, int open) {
      if (digits.length() > 4 || Integer.parseInt(digits) > MAX_REPEAT) {
        throw PatternErrors.invalid(
            pattern, "repeat counts may be at most " + MAX_REPEAT, col(open));
      }
      return Integer.parseInt(digits);
    }

    private static boolean digitsOrEmpty(String s) {
      for (int k = 0; k < s.length(); k++) {
        if (!Chars.isDigit(s.charAt(k))) {
          return false;
        }
      }
      return true;
    }

    /** Writes a quantifier spanning body[start, end) after checking what it applies to. */
    private void quantify(String re2, int start, int end) {
      String written = body.substring(start, end);
      if (quantifier) {
        throw PatternErrors.invalid(
            pattern,
            "a quantifier cannot follow another quantifier (lazy or possessive forms such as ??,"
                + " *?, +?, ?+ are not supported): " + written,
            col(start),
            "'?' in a regex means 'zero or one of the previous item', so %4??% would be a lazy"
                + " optional 4 that matches every event; for 4xx statuses use %4[0-9][0-9]% or"
                + " the space-delimited " + PatternErrors.statusPattern('4'));
      }
      if (!atom) {
        throw PatternErrors.invalid(
            pattern,
            "the quantifier " + written + " has nothing to repeat",
            col(start),
            "escape it to match the character itself: \\" + written.charAt(0));
      }
      altSimple = false;
      out.append(re2);
      boolean optional = re2.equals("?") || re2.equals("*") || re2.equals("{0}")
          || re2.startsWith("{0,");
      if (optional && lastLiteral) {
        run.setLength(run.length() - 1); // the character may be absent
      }
      notLiteral();
      atom = false;
      quantifier = true;
    }
  }
}
