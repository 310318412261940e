package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON property selector of a JSON pattern (spec 1.3): {@code $} followed by steps {@code .name},
 * {@code [index]}, {@code .['key.with.dots']}, and the wildcards {@code .*} and {@code [*]}.
 *
 * <p>Names are ASCII letters, digits, {@code -} and {@code _}; other keys use the bracket form
 * (which cannot hold a {@code '}). An index or {@code [*]} must follow a property. Both wildcard
 * forms select every member of an object and every element of an array. At most one wildcard per
 * selector. Two selectors are the same path when their {@link #steps()} are equal, however written.
 *
 * @param text the selector as written
 * @param steps the path, at least one step
 * @param wildcardColumn 1-based column of its wildcard in the pattern, or 0 when it has none
 */
record JsonSelector(String text, List<Step> steps, int wildcardColumn) {

  private static final String KEY_HINT =
      "keys with characters other than letters, digits, '-' and '_' use bracket notation:"
          + " $.['my.key']";

  JsonSelector {
    steps = List.copyOf(steps);
  }

  /** One step of a selector. */
  sealed interface Step permits Name, Index, Wildcard {
    /** Whether this step selects the object member called {@code name}. */
    boolean selectsMember(String name);

    /** Whether this step selects the array element at {@code index}. */
    boolean selectsElement(int index);
  }

  /** An object member. */
  record Name(String key) implements Step {
    @Override
    public boolean selectsMember(String name) {
      return key.equals(name);
    }

    @Override
    public boolean selectsElement(int index) {
      return false;
    }
  }

  /** An array element, zero-based. */
  record Index(int index) implements Step {
    @Override
    public boolean selectsMember(String name) {
      return false;
    }

    @Override
    public boolean selectsElement(int i) {
      return i == index;
    }
  }

  /** {@code *}: every member or element. */
  enum Wildcard implements Step {
    INSTANCE;

    @Override
    public boolean selectsMember(String name) {
      return true;
    }

    @Override
    public boolean selectsElement(int index) {
      return true;
    }
  }

  boolean hasWildcard() {
    return wildcardColumn > 0;
  }

  /**
   * Parses the selector that starts at {@code start} (a {@code $}) and ends at the first character
   * that cannot continue it, or at {@code limit}. The caller checks what follows.
   *
   * @throws FilterPatternException with the column of the offending character
   */
  static JsonSelector parse(String pattern, int start, int limit) {
    if (start >= limit || pattern.charAt(start) != '$') {
      throw error(pattern, "expected a selector starting with '$.'", start, null);
    }
    List<Step> steps = new ArrayList<>();
    int wildcard = 0;
    int pos = start + 1;
    while (pos < limit) {
      char c = pattern.charAt(pos);
      int stepStart = pos;
      if (c == '.') {
        pos++;
        char n = pos < limit ? pattern.charAt(pos) : 0;
        if (n == '*') {
          wildcard = addWildcard(pattern, wildcard, pos);
          steps.add(Wildcard.INSTANCE);
          pos++;
        } else if (n == '[') {
          int close = quotedKeyEnd(pattern, pos, limit);
          steps.add(new Name(pattern.substring(pos + 2, close - 1)));
          pos = close + 1;
        } else if (isNameChar(n)) {
          int e = pos;
          while (e < limit && isNameChar(pattern.charAt(e))) {
            e++;
          }
          steps.add(new Name(pattern.substring(pos, e)));
          pos = e;
        } else {
          throw error(pattern, "expected a property name after '.'", pos, KEY_HINT);
        }
      } else if (c == '[') {
        if (steps.isEmpty()) {
          throw error(
              pattern,
              "'[' must follow a property, e.g. $.items[0]",
              pos,
              "a key with special characters is written $.['my.key']");
        }
        pos++;
        char n = pos < limit ? pattern.charAt(pos) : 0;
        if (n == '*') {
          wildcard = addWildcard(pattern, wildcard, pos);
          steps.add(Wildcard.INSTANCE);
          pos++;
        } else if (Chars.isDigit(n)) {
          int e = pos;
          while (e < limit && Chars.isDigit(pattern.charAt(e))) {
            e++;
          }
          if (e - pos > 9) {
            throw error(pattern, "array index too large", pos, null);
          }
          steps.add(new Index(Integer.parseInt(pattern.substring(pos, e))));
          pos = e;
        } else if (n == '\'') {
          throw error(
              pattern,
              "a quoted key is written .['key'] (with a dot before '[')",
              stepStart,
              null);
        } else {
          throw error(pattern, "expected an array index or '*' after '['", pos, null);
        }
        if (pos >= limit || pattern.charAt(pos) != ']') {
          throw error(pattern, "expected ']'", pos, null);
        }
        pos++;
      } else {
        break;
      }
    }
    if (steps.isEmpty()) {
      throw error(
          pattern,
          "expected a path after '$', e.g. $.eventName",
          pos,
          "selectors start at the root: $.field, $.list[0], $.['key.with.dots']");
    }
    return new JsonSelector(pattern.substring(start, pos), steps, wildcard);
  }

  /**
   * Parses a whole field reference such as {@code $.a.b[0]} (for metric values and dimensions).
   *
   * @return the selector, or null when {@code ref} is not exactly one valid selector
   */
  static @org.jspecify.annotations.Nullable JsonSelector parseReference(String ref) {
    try {
      JsonSelector s = parse(ref, 0, ref.length());
      return s.text().length() == ref.length() ? s : null;
    } catch (FilterPatternException e) {
      return null;
    }
  }

  static boolean isNameChar(char c) {
    return Chars.isWord(c) || c == '-';
  }

  /** For {@code .['key']} with {@code bracket} at '[': the index of the closing ']'. */
  private static int quotedKeyEnd(String pattern, int bracket, int limit) {
    int q = bracket + 1;
    if (q >= limit || pattern.charAt(q) != '\'') {
      throw error(pattern, "expected a quoted key after '.[', e.g. $.['my.key']", q, null);
    }
    int close = pattern.indexOf('\'', q + 1);
    if (close < 0 || close >= limit) {
      throw error(pattern, "unterminated key: missing closing \"'\"", q, null);
    }
    if (close + 1 >= limit || pattern.charAt(close + 1) != ']') {
      throw error(pattern, "expected ']' after the quoted key", close + 1, null);
    }
    return close + 1;
  }

  private static int addWildcard(String pattern, int previous, int pos) {
    if (previous > 0) {
      throw error(
          pattern,
          "at most one wildcard (*) per selector; the first is at column " + previous,
          pos,
          null);
    }
    return pos + 1;
  }

  private static FilterPatternException error(
      String pattern, String detail, int index, @org.jspecify.annotations.Nullable String hint) {
    return PatternErrors.invalid(pattern, detail, index + 1, hint);
  }
}
