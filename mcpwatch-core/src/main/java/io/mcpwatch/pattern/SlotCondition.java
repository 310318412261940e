package io.mcpwatch.pattern;

import java.util.List;

/**
 * The conditions of one slot of a space-delimited pattern: an OR of ANDs of {@code name OP value}
 * comparisons, all on that slot's field ({@code status_code = 404 || status_code = 410}).
 */
final class SlotCondition {
  private final ValueCondition[][] anyOfAll;

  SlotCondition(List<List<ValueCondition>> anyOfAll) {
    this.anyOfAll = new ValueCondition[anyOfAll.size()][];
    for (int i = 0; i < anyOfAll.size(); i++) {
      this.anyOfAll[i] = anyOfAll.get(i).toArray(new ValueCondition[0]);
    }
  }

  boolean test(String fieldValue) {
    for (ValueCondition[] all : anyOfAll) {
      if (allHold(all, fieldValue)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allHold(ValueCondition[] all, String fieldValue) {
    for (ValueCondition c : all) {
      if (!c.testString(fieldValue)) {
        return false;
      }
    }
    return true;
  }
}
