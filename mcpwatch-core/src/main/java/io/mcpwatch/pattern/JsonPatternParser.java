package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for the JSON pattern grammar of spec 1.3:
 *
 * <pre>
 * json_pattern := '{' expr '}'
 * expr         := and_expr ( '||' and_expr )*
 * and_expr     := primary ( '&amp;&amp;' primary )*
 * primary      := '(' expr ')' | condition
 * condition    := selector op value | selector IS (NULL|TRUE|FALSE) | selector NOT EXISTS
 * </pre>
 *
 * Limits (spec 1.5): one wildcard per selector, three wildcard selectors and two regexes per
 * pattern; parentheses nest at most {@value #MAX_NESTING} deep. Keywords are upper case. Every
 * error is a {@link FilterPatternException} with a 1-based column.
 */
final class JsonPatternParser {
  static final int MAX_WILDCARDS = 3;
  static final int MAX_NESTING = 50;

  private static final String OPERATORS = "=, !=, <, <=, > or >=";

  private final String text;
  private final int end;
  private int pos;
  private final List<JsonSelector> selectors = new ArrayList<>();
  private final Map<List<JsonSelector.Step>, Integer> selectorIds = new HashMap<>();
  private final List<JsonCondition> conditions = new ArrayList<>();
  private int regexes;
  private int wildcards;

  private JsonPatternParser(String text, int start, int end) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  /** Parses a whole pattern whose first non-blank character is {@code '{'}. */
  static JsonPattern parse(String text) {
    int open = 0;
    while (open < text.length() && isBlank(text.charAt(open))) {
      open++;
    }
    if (open == text.length() || text.charAt(open) != '{') {
      throw new FilterPatternException(
          text, PatternErrors.INVALID_PATTERN, "a JSON pattern starts with '{'", open + 1, null);
    }
    int close = text.length() - 1;
    while (close > open && isBlank(text.charAt(close))) {
      close--;
    }
    if (close == open || text.charAt(close) != '}') {
      throw new FilterPatternException(
          text,
          PatternErrors.JSON_UNCLOSED,
          "the pattern starts with '{' (a JSON pattern) but ends with "
              + Chars.describe(text.charAt(close)),
          close + 1,
          "a JSON pattern is one block: { $.field = value && $.other = value }");
    }
    JsonPatternParser p = new JsonPatternParser(text, open + 1, close);
    JsonExpr root = p.parseBody();
    return new JsonPattern(text, p.selectors, p.conditions, root);
  }

  private JsonExpr parseBody() {
    skipBlanks();
    if (pos >= end) {
      throw error(
          "empty JSON pattern: expected a condition such as $.eventName = \"ConsoleLogin\"",
          pos,
          null);
    }
    JsonExpr e = parseOr(0);
    skipBlanks();
    if (pos < end) {
      throw unexpectedAfterCondition();
    }
    return e;
  }

  private JsonExpr parseOr(int depth) {
    List<JsonExpr> operands = new ArrayList<>();
    operands.add(parseAnd(depth, null));
    while (true) {
      skipBlanks();
      if (startsWith("||")) {
        pos += 2;
        operands.add(parseAnd(depth, "||"));
      } else if (startsWith("|")) {
        throw error("single '|': OR is written ||", pos, null);
      } else {
        break;
      }
    }
    return operands.size() == 1 ? operands.get(0) : new JsonExpr.Or(operands);
  }

  private JsonExpr parseAnd(int depth, @Nullable String after) {
    List<JsonExpr> operands = new ArrayList<>();
    operands.add(parsePrimary(depth, after));
    while (true) {
      skipBlanks();
      if (startsWith("&&")) {
        pos += 2;
        operands.add(parsePrimary(depth, "&&"));
      } else if (startsWith("&")) {
        throw error("single '&': AND is written &&", pos, null);
      } else {
        break;
      }
    }
    return operands.size() == 1 ? operands.get(0) : new JsonExpr.And(operands);
  }

  private JsonExpr parsePrimary(int depth, @Nullable String after) {
    skipBlanks();
    String where = after == null ? "" : " after '" + after + "'";
    if (pos >= end) {
      throw error("expected a condition" + where, pos, null);
    }
    char c = text.charAt(pos);
    if (c == '(') {
      if (depth >= MAX_NESTING) {
        throw error("parentheses nested more than " + MAX_NESTING + " deep", pos, null);
      }
      int open = pos;
      pos++;
      JsonExpr e = parseOr(depth + 1);
      skipBlanks();
      if (pos >= end || text.charAt(pos) != ')') {
        throw error("missing ')' for the '(' at column " + (open + 1), pos, null);
      }
      pos++;
      return e;
    }
    if (c == '$') {
      return parseCondition();
    }
    throw error(
        "expected a condition" + where + " starting with '$.', found " + describeAt(pos),
        pos,
        "a condition is selector op value, e.g. $.eventName = \"ConsoleLogin\"");
  }

  private JsonCondition parseCondition() {
    JsonSelector sel = JsonSelector.parse(text, pos, end);
    pos += sel.text().length();
    if (pos < end && !isBlank(text.charAt(pos)) && "=!<>)&|".indexOf(text.charAt(pos)) < 0) {
      throw error(
          "invalid character " + describeAt(pos) + " in selector " + sel.text(),
          pos,
          "keys with characters other than letters, digits, '-' and '_' use bracket notation:"
              + " $.['my.key']");
    }
    if (sel.hasWildcard() && ++wildcards > MAX_WILDCARDS) {
      throw new FilterPatternException(
          text,
          PatternErrors.INVALID_PATTERN,
          "at most " + MAX_WILDCARDS + " wildcard selectors per pattern",
          sel.wildcardColumn(),
          null);
    }
    int selector = selectorIds.computeIfAbsent(sel.steps(), k -> addSelector(sel));
    int id = conditions.size();
    skipBlanks();
    if (pos < end && isLetter(text.charAt(pos))) {
      JsonCondition keyword = parseKeywordCondition(id, selector);
      conditions.add(keyword);
      return keyword;
    }
    ValueCondition.Op op = parseOperator();
    skipBlanks();
    int valueStart = pos;
    String token = readValueToken();
    ValueCondition value = ValueCondition.parse(op, token, text, valueStart + 1);
    if (value.isRegex() && ++regexes > PatternErrors.MAX_REGEXES) {
      throw error("at most " + PatternErrors.MAX_REGEXES + " regular expressions per pattern", valueStart, null);
    }
    JsonCondition c = new JsonCondition.Compare(id, selector, value);
    conditions.add(c);
    return c;
  }

  private int addSelector(JsonSelector sel) {
    selectors.add(sel);
    return selectors.size() - 1;
  }

  private JsonCondition parseKeywordCondition(int id, int selector) {
    int wordStart = pos;
    String word = readWord();
    if (word.equals("IS")) {
      skipBlanks();
      int argStart = pos;
      String arg = readWord();
      switch (arg) {
        case "NULL":
          return new JsonCondition.Is(id, selector, JsonNodeKind.NULL);
        case "TRUE":
          return new JsonCondition.Is(id, selector, JsonNodeKind.TRUE);
        case "FALSE":
          return new JsonCondition.Is(id, selector, JsonNodeKind.FALSE);
        case "NOT":
          throw error(
              "IS NOT is not supported",
              wordStart,
              "test a value with != or =, absence with NOT EXISTS; $.field = * requires a value");
        default:
          throw error(
              "expected NULL, TRUE or FALSE after IS, found " + describeAt(argStart),
              argStart,
              isKeyword(arg) ? "keywords are upper case" : null);
      }
    }
    if (word.equals("NOT")) {
      skipBlanks();
      int argStart = pos;
      if (readWord().equals("EXISTS")) {
        return new JsonCondition.NotExists(id, selector);
      }
      throw error(
          "expected EXISTS after NOT, found " + describeAt(argStart),
          argStart,
          "NOT is only used as NOT EXISTS");
    }
    if (word.equals("EXISTS")) {
      throw error(
          "EXISTS is not supported",
          wordStart,
          "$.field = * requires a string or number value; NOT EXISTS tests absence");
    }
    throw error(
        "expected an operator (" + OPERATORS + "), IS or NOT EXISTS after the selector, found '"
            + word + "'",
        wordStart,
        isKeyword(word) ? "keywords are upper case: IS, NOT EXISTS, NULL, TRUE, FALSE" : null);
  }

  private ValueCondition.Op parseOperator() {
    int start = pos;
    char c = pos < end ? text.charAt(pos) : 0;
    char n = pos + 1 < end ? text.charAt(pos + 1) : 0;
    ValueCondition.Op op;
    if (c == '=') {
      op = ValueCondition.Op.EQ;
    } else if (c == '!' && n == '=') {
      op = ValueCondition.Op.NE;
    } else if (c == '<') {
      op = n == '=' ? ValueCondition.Op.LE : ValueCondition.Op.LT;
    } else if (c == '>') {
      op = n == '=' ? ValueCondition.Op.GE : ValueCondition.Op.GT;
    } else {
      throw error(
          "expected an operator (" + OPERATORS + "), IS or NOT EXISTS after the selector, found "
              + describeAt(pos),
          pos,
          null);
    }
    pos += op.symbol.length();
    if (pos < end && "=!<>".indexOf(text.charAt(pos)) >= 0) {
      throw error(
          "unknown operator '" + text.substring(start, pos + 1) + "'; use " + OPERATORS,
          start,
          null);
    }
    return op;
  }

  /**
   * Reads a value token: {@code "quoted"} (with {@code \"} escapes), {@code %regex%}, or a bare
   * token up to a blank, a parenthesis, {@code &}, {@code |} or the closing brace. Empty if there
   * is none.
   */
  private String readValueToken() {
    if (pos >= end) {
      return "";
    }
    int start = pos;
    char c = text.charAt(pos);
    int i;
    if (c == '"') {
      i = pos + 1;
      while (i < end && text.charAt(i) != '"') {
        i += text.charAt(i) == '\\' && i + 1 < end ? 2 : 1;
      }
      if (i >= end) {
        throw error("unterminated quoted value: missing closing '\"'", start, null);
      }
      i++;
    } else if (c == '%') {
      i = text.indexOf('%', pos + 1);
      if (i < 0 || i >= end) {
        throw error("unterminated regex: missing closing '%'", start, null);
      }
      i++;
    } else {
      i = pos;
      while (i < end && !isBlank(text.charAt(i)) && "()&|}".indexOf(text.charAt(i)) < 0) {
        i++;
      }
    }
    pos = i;
    return text.substring(start, i);
  }

  private FilterPatternException unexpectedAfterCondition() {
    char c = text.charAt(pos);
    if (c == ')') {
      return error("unbalanced ')'", pos, null);
    }
    if (c == '}') {
      return error(
          "unexpected '}': a JSON pattern is a single { ... } block",
          pos,
          "combine conditions inside one pair of braces with && and ||");
    }
    int save = pos;
    String word = isLetter(c) ? readWord() : "";
    pos = save;
    String hint = null;
    if (word.equalsIgnoreCase("AND") || word.equalsIgnoreCase("OR")) {
      hint = "write && for AND and || for OR";
    }
    return error("expected && or || before " + describeAt(pos), pos, hint);
  }

  private String readWord() {
    int start = pos;
    while (pos < end && isLetter(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** The text at {@code i} for a message: the next word or character, or "the end". */
  private String describeAt(int i) {
    if (i >= end) {
      return "the end of the pattern";
    }
    int j = i;
    while (j < end && j - i < 20 && !isBlank(text.charAt(j))) {
      j++;
    }
    return "'" + text.substring(i, Math.max(j, i + 1)) + "'";
  }

  private boolean startsWith(String s) {
    return pos + s.length() <= end && text.startsWith(s, pos);
  }

  private void skipBlanks() {
    while (pos < end && isBlank(text.charAt(pos))) {
      pos++;
    }
  }

  private FilterPatternException error(String detail, int index, @Nullable String hint) {
    return PatternErrors.invalid(text, detail, index + 1, hint);
  }

  private static boolean isKeyword(String word) {
    String upper = word.toUpperCase(Locale.ROOT);
    return !upper.equals(word)
        && (upper.equals("IS")
            || upper.equals("NOT")
            || upper.equals("EXISTS")
            || upper.equals("NULL")
            || upper.equals("TRUE")
            || upper.equals("FALSE"));
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isBlank(char c) {
    return Chars.isBlank(c);
  }
}
