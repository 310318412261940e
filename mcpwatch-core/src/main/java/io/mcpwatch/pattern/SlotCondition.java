package io.mcpwatch.pattern;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The conditions of one slot of a space-delimited pattern: an OR of ANDs of {@code name OP value}
 * comparisons, all on that slot's field ({@code status_code = 404 || status_code = 410}).
 *
 * <p>Comparisons are tested on the field's region of the event, without copying it: string
 * equality with {@code *} wildcards ({@code = 4*}, {@code != "*.html*"}) is done here with region
 * matches, exactly as {@link ValueCondition#testString} defines it (a property test checks that
 * they agree); numbers and regexes go through {@link ValueCondition#testString} on a substring.
 */
final class SlotCondition {

  /** One comparison on a region {@code message[from, to)}. */
  interface Test {
    boolean test(String message, int from, int to);
  }

  private final Test[][] anyOfAll;

  /**
   * @param anyOfAll the comparisons, each with its operator and value token as written
   */
  SlotCondition(List<List<Comparison>> anyOfAll) {
    this.anyOfAll = new Test[anyOfAll.size()][];
    for (int i = 0; i < anyOfAll.size(); i++) {
      List<Comparison> all = anyOfAll.get(i);
      this.anyOfAll[i] = new Test[all.size()];
      for (int j = 0; j < all.size(); j++) {
        this.anyOfAll[i][j] = all.get(j).test();
      }
    }
  }

  /** A parsed comparison and the value token it was parsed from. */
  record Comparison(ValueCondition condition, String valueText) {
    Test test() {
      Test fast = StringTest.of(condition.op(), valueText);
      return fast != null ? fast : new Fallback(condition);
    }
  }

  boolean test(String message, int from, int to) {
    for (Test[] all : anyOfAll) {
      if (allHold(all, message, from, to)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allHold(Test[] all, String message, int from, int to) {
    for (Test t : all) {
      if (!t.test(message, from, to)) {
        return false;
      }
    }
    return true;
  }

  /** Numbers and regexes: the shared semantics on a copy of the field. */
  private static final class Fallback implements Test {
    private final ValueCondition condition;

    Fallback(ValueCondition condition) {
      this.condition = condition;
    }

    @Override
    public boolean test(String message, int from, int to) {
      return condition.testString(message.substring(from, to));
    }
  }

  /**
   * {@code =} or {@code !=} with a string value: equals, or starts/ends with, or contains the core
   * when the value starts and/or ends with {@code *} (a lone {@code *} matches anything).
   */
  static final class StringTest implements Test {
    private final String core;
    private final boolean leading;
    private final boolean trailing;
    private final boolean negate;

    private StringTest(String core, boolean leading, boolean trailing, boolean negate) {
      this.core = core;
      this.leading = leading;
      this.trailing = trailing;
      this.negate = negate;
    }

    /** The region test for {@code op valueText}, or null when it is no plain string comparison. */
    static @Nullable StringTest of(ValueCondition.Op op, String valueText) {
      if (op != ValueCondition.Op.EQ && op != ValueCondition.Op.NE) {
        return null;
      }
      String s = DelimitedParser.stringValue(valueText);
      if (s == null) {
        return null;
      }
      boolean leading = s.startsWith("*");
      boolean trailing = s.length() > 1 && s.endsWith("*");
      String core = s.substring(leading ? 1 : 0, s.length() - (trailing ? 1 : 0));
      return new StringTest(core, leading, trailing, op == ValueCondition.Op.NE);
    }

    @Override
    public boolean test(String message, int from, int to) {
      return negate != matches(message, from, to);
    }

    private boolean matches(String message, int from, int to) {
      int len = core.length();
      if (len > to - from) {
        return false;
      }
      if (leading && trailing) {
        int at = message.indexOf(core, from);
        return at >= 0 && at + len <= to;
      }
      if (leading) {
        return message.startsWith(core, to - len);
      }
      if (trailing) {
        return message.startsWith(core, from);
      }
      return len == to - from && message.startsWith(core, from);
    }
  }
}
