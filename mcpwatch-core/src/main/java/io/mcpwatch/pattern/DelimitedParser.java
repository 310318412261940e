package io.mcpwatch.pattern;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses a space-delimited pattern {@code [slot, slot, ...]} (spec 1.4).
 *
 * <pre>
 * pattern   := '[' ( slot ( ',' slot )* )? ']'
 * slot      := ''  |  '...'  |  name  |  name op value ( ( '&&' | '||' ) name op value )*
 * name      := [A-Za-z0-9_]+ with at least one non-digit; unique in the pattern
 * op        := '=' | '!=' | '<' | '<=' | '>' | '>='
 * value     := '"' chars '"'  |  '%' regex '%'  |  bare token (up to a blank, ',', ']', && or ||)
 * </pre>
 *
 * Every condition of a slot must name that slot's field (spec 6 #3). At most one {@code ...} and at
 * most two regex values (spec 1.2, 7.3).
 */
final class DelimitedParser {
  private final String text;
  private final PatternOptions options;
  private int pos;
  private int regexes;
  private boolean ellipsisSeen;

  /** Substrings every matching event contains (see {@link #requiredLiteral}). */
  private final Set<String> literals = new HashSet<>();

  /**
   * The most selective set of literals one of which every matching event contains (conditions
   * joined by {@code ||} included), for {@link FilterPattern#requiredLiterals()}; null: none.
   */
  private @Nullable List<String> anyOfLiterals;

  /**
   * Sets of literals every matching event contains one of each ({@link
   * FilterPattern#requiredAll()}): each slot's set, and for a field that cannot be the event's
   * first one and must start with a text, that text after each character that can precede a
   * field's value.
   */
  private final List<List<String>> allOfLiterals = new ArrayList<>();

  /** Whether a field slot comes before the one being parsed (its field is then never the first). */
  private boolean afterAField;

  private DelimitedParser(String text, PatternOptions options) {
    this.text = text;
    this.options = options;
  }

  /**
   * @param open index of the opening {@code [} (the first non-blank character)
   */
  static DelimitedPattern parse(String text, int open, PatternOptions options) {
    return new DelimitedParser(text, options).parse(open);
  }

  private DelimitedPattern parse(int open) {
    pos = Chars.skipBlanks(text, open + 1);
    List<DelimitedPattern.Slot> slots = new ArrayList<>();
    boolean any = pos < text.length() && text.charAt(pos) == ']';
    if (any) {
      pos++;
    } else {
      Set<String> names = new HashSet<>();
      while (true) {
        pos = Chars.skipBlanks(text, pos);
        afterAField = slots.stream().anyMatch(x -> !x.ellipsis());
        DelimitedPattern.Slot slot = slot();
        if (slot.name() != null && !names.add(slot.name())) {
          throw PatternErrors.invalid(
              text, "the field name " + slot.name() + " is used twice", slot.column());
        }
        slots.add(slot);
        pos = Chars.skipBlanks(text, pos);
        if (pos >= text.length()) {
          throw PatternErrors.invalid(
              text,
              "the space-delimited pattern has no closing ']'",
              open + 1,
              "a pattern that starts with '[' is a list of fields like [ip, user, ..., status]");
        }
        char c = text.charAt(pos);
        pos++;
        if (c == ']') {
          break;
        }
        if (c != ',') {
          throw PatternErrors.invalid(
              text, "expected ',' or ']' but found " + Chars.describe(c), pos, slotHint(c));
        }
      }
    }
    int rest = Chars.skipBlanks(text, pos);
    if (rest < text.length()) {
      throw PatternErrors.invalid(
          text,
          "unexpected text after the closing ']' of the space-delimited pattern",
          rest + 1);
    }
    return new DelimitedPattern(
        slots, any, options, literals, any ? null : anyOfLiterals, any ? List.of() : allOfLiterals);
  }

  private DelimitedPattern.Slot slot() {
    int start = pos;
    if (pos >= text.length()) {
      return new DelimitedPattern.Slot(null, null, false, start + 1);
    }
    char c = text.charAt(pos);
    if (c == ',' || c == ']') {
      return new DelimitedPattern.Slot(null, null, false, start + 1);
    }
    if (text.startsWith("...", pos)) {
      pos += 3;
      if (pos < text.length() && !Chars.isBlank(text.charAt(pos)) && text.charAt(pos) != ','
          && text.charAt(pos) != ']') {
        throw PatternErrors.invalid(
            text, "'...' must stand alone in its slot", pos + 1, "write [..., name] or [name, ...]");
      }
      if (ellipsisSeen) {
        throw PatternErrors.invalid(
            text,
            "a space-delimited pattern may contain at most one '...'",
            start + 1,
            "'...' already stands for any number of fields; name the fields between two '...'"
                + " or use a JSON or regex pattern");
      }
      ellipsisSeen = true;
      return new DelimitedPattern.Slot(null, null, true, start + 1);
    }
    if (!Chars.isWord(c)) {
      throw PatternErrors.invalid(
          text,
          "expected a field name, '...', ',' or ']' but found " + Chars.describe(c),
          start + 1,
          slotHint(c));
    }
    String name = name();
    pos = Chars.skipBlanks(text, pos);
    if (pos >= text.length() || text.charAt(pos) == ',' || text.charAt(pos) == ']') {
      return new DelimitedPattern.Slot(name, null, false, start + 1);
    }
    return new DelimitedPattern.Slot(name, condition(name), false, start + 1);
  }

  private String name() {
    int start = pos;
    while (pos < text.length() && Chars.isWord(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    boolean digitsOnly = true;
    for (int i = 0; i < name.length(); i++) {
      digitsOnly &= Chars.isDigit(name.charAt(i));
    }
    if (digitsOnly) {
      throw PatternErrors.invalid(
          text,
          "the field name " + name + " is only digits; names need a letter or _ ($N already"
              + " names the N-th field)",
          start + 1);
    }
    return name;
  }

  private SlotCondition condition(String name) {
    List<List<SlotCondition.Comparison>> anyOf = new ArrayList<>();
    List<SlotCondition.Comparison> all = new ArrayList<>();
    List<String> required = new ArrayList<>();
    anyOf.add(all);
    // the slot's literal set: the union over its || alternatives of each one's best && set
    List<String> slotSet = null;
    List<String> allSet = null;
    List<List<String>> startSets = new ArrayList<>();
    while (true) {
      SlotCondition.Comparison comparison = comparison(name);
      all.add(comparison);
      String start = afterAField ? requiredStart(comparison.condition().op(), comparison.valueText())
          : null;
      if (start != null) {
        List<String> set = Literals.anyOf(List.of(
            " " + start, "\t" + start, "\"" + start, "[" + start, "]" + start));
        if (set != null) {
          startSets.add(set);
        }
      }
      String literal = requiredLiteral(comparison.condition().op(), comparison.valueText());
      if (literal != null) {
        required.add(literal);
        allSet = Literals.better(allSet, Literals.anyOf(List.of(literal)));
      } else {
        allSet = Literals.better(allSet, comparison.condition().requiredLiterals());
      }
      pos = Chars.skipBlanks(text, pos);
      boolean and = text.startsWith("&&", pos);
      boolean or = text.startsWith("||", pos);
      if (!and && !or) {
        if (anyOf.size() == 1) {
          literals.addAll(required);
          allOfLiterals.addAll(startSets);
        }
        slotSet = anyOf.size() == 1 ? allSet : Literals.union(slotSet, allSet);
        anyOfLiterals = Literals.better(anyOfLiterals, slotSet);
        if (slotSet != null && !allOfLiterals.contains(slotSet)) {
          allOfLiterals.add(slotSet);
        }
        return new SlotCondition(anyOf);
      }
      pos = Chars.skipBlanks(text, pos + 2);
      if (or) {
        slotSet = anyOf.size() == 1 ? allSet : Literals.union(slotSet, allSet);
        allSet = null;
        all = new ArrayList<>();
        anyOf.add(all);
      }
      int nameAt = pos;
      if (pos >= text.length() || !Chars.isWord(text.charAt(pos))) {
        throw PatternErrors.invalid(
            text,
            "expected the field name " + name + " after " + (and ? "&&" : "||"),
            pos + 1);
      }
      String other = name();
      if (!other.equals(name)) {
        throw PatternErrors.invalid(
            text,
            "a condition in the slot of field "
                + name
                + " refers to field "
                + other
                + "; a slot's conditions may only test its own field",
            nameAt + 1,
            "give each field its own slot, as in [..., "
                + name
                + " = 4*, "
                + other
                + " > 1000]; && and || combine conditions on the same field");
      }
      pos = Chars.skipBlanks(text, pos);
    }
  }

  private SlotCondition.Comparison comparison(String name) {
    ValueCondition.Op op = operator(name);
    pos = Chars.skipBlanks(text, pos);
    int valueAt = pos;
    String value = value(op);
    ValueCondition condition = ValueCondition.parse(op, value, text, valueAt + 1);
    if (condition.isRegex() && ++regexes > PatternErrors.MAX_REGEXES) {
      throw PatternErrors.invalid(
          text,
          "a space-delimited pattern may contain at most "
              + PatternErrors.MAX_REGEXES
              + " regular expressions",
          valueAt + 1);
    }
    return new SlotCondition.Comparison(condition, value);
  }

  private ValueCondition.Op operator(String name) {
    int at = pos;
    ValueCondition.Op op;
    if (text.startsWith("!=", pos)) {
      op = ValueCondition.Op.NE;
    } else if (text.startsWith("<=", pos)) {
      op = ValueCondition.Op.LE;
    } else if (text.startsWith(">=", pos)) {
      op = ValueCondition.Op.GE;
    } else if (text.startsWith("=", pos)) {
      op = ValueCondition.Op.EQ;
    } else if (text.startsWith("<", pos)) {
      op = ValueCondition.Op.LT;
    } else if (text.startsWith(">", pos)) {
      op = ValueCondition.Op.GT;
    } else {
      char c = text.charAt(pos);
      throw PatternErrors.invalid(
          text,
          "expected ',' or an operator (= != < <= > >=) after the field name "
              + name
              + " but found "
              + Chars.describe(c),
          at + 1,
          Chars.isWord(c) ? "field names cannot contain spaces; separate fields with ','" : null);
    }
    pos += op.symbol.length();
    if (pos < text.length() && "=!<>".indexOf(text.charAt(pos)) >= 0) {
      String written = op.symbol + text.charAt(pos);
      throw PatternErrors.invalid(
          text,
          "invalid operator " + written + "; the operators are = != < <= > >=",
          at + 1,
          written.equals("=!") ? "for 'not equal' write !=" : null);
    }
    return op;
  }

  /** The value token exactly as written (quoted with its quotes, %regex% with its signs). */
  private String value(ValueCondition.Op op) {
    int start = pos;
    int n = text.length();
    if (pos >= n || text.charAt(pos) == ',' || text.charAt(pos) == ']'
        || text.startsWith("&&", pos) || text.startsWith("||", pos)) {
      throw PatternErrors.invalid(text, "missing value after " + op.symbol, start + 1);
    }
    char c = text.charAt(pos);
    if (c == '"') {
      int i = pos + 1;
      while (i < n && text.charAt(i) != '"') {
        i += text.charAt(i) == '\\' ? 2 : 1;
      }
      if (i >= n) {
        throw PatternErrors.invalid(text, "the quoted value has no closing '\"'", start + 1);
      }
      pos = i + 1;
      return text.substring(start, pos);
    }
    if (c == '%') {
      int close = text.indexOf('%', pos + 1);
      if (close < 0) {
        throw PatternErrors.invalid(
            text, "the regular expression value has no closing '%'", start + 1);
      }
      pos = close + 1;
      return text.substring(start, pos);
    }
    while (pos < n) {
      char d = text.charAt(pos);
      if (Chars.isBlank(d) || d == ',' || d == ']' || text.startsWith("&&", pos)
          || text.startsWith("||", pos)) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  /**
   * The string a value token compares with, when {@link ValueCondition} treats it as a string: a
   * quoted value without its quotes ({@code \"} and {@code \\} unescaped), or a bare token that is
   * not a number; null for numbers and regexes.
   */
  static @Nullable String stringValue(String valueText) {
    if (valueText.startsWith("%") || valueText.isEmpty()) {
      return null;
    }
    if (!valueText.startsWith("\"")) {
      return Numbers.isDecimal(valueText) ? null : valueText;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < valueText.length() - 1; i++) {
      char c = valueText.charAt(i);
      if (c == '\\' && i + 1 < valueText.length() - 1
          && (valueText.charAt(i + 1) == '"' || valueText.charAt(i + 1) == '\\')) {
        c = valueText.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * A substring that every field value satisfying {@code = value} contains, or null: the string
   * value without its leading/trailing {@code *} wildcards (not for numbers, which compare
   * numerically, nor regexes). Field values are substrings of the event, so an event without it
   * cannot match: a cheap {@code String.contains} prefilter.
   */
  static @Nullable String requiredLiteral(ValueCondition.Op op, String valueText) {
    String content = op == ValueCondition.Op.EQ ? stringValue(valueText) : null;
    if (content == null) {
      return null;
    }
    int from = content.startsWith("*") ? 1 : 0;
    int to = content.length() > 1 && content.endsWith("*") ? content.length() - 1 : content.length();
    return from < to ? content.substring(from, to) : null;
  }

  /**
   * The text every field value satisfying {@code = value} starts with, or null: the string value
   * up to its trailing {@code *}, when it has no leading one (a quoted value, {@code "40"}, is a
   * string comparison on a field; an unquoted number compares numerically and gives none).
   */
  static @Nullable String requiredStart(ValueCondition.Op op, String valueText) {
    String content = op == ValueCondition.Op.EQ ? stringValue(valueText) : null;
    if (content == null || content.startsWith("*")) {
      return null;
    }
    return requiredLiteral(op, valueText);
  }

  private static @Nullable String slotHint(char c) {
    switch (c) {
      case '$':
        return "field names in a space-delimited pattern are written without '$' (status, not"
            + " $status); $ is used in metric values and dimensions";
      case '"':
        return "field names are not quoted; quotes are for values, as in request=\"GET /\"";
      case '(':
      case ')':
        return "parentheses are not supported in space-delimited patterns";
      case '{':
        return "a JSON pattern must start with '{': it cannot be inside [ ]";
      default:
        return null;
    }
  }
}
