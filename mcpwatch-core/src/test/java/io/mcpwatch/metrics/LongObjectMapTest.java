package io.mcpwatch.metrics;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

  @Test
  void operations_agreeWithHashMap() {
    // positive ops put key, negative ops remove -key; keys collide a lot in a small range
    qt().withExamples(300)
        .forAll(lists().of(integers().between(-40, 40)).ofSizeBetween(0, 300))
        .check(ops -> agree(ops));
  }

  private static boolean agree(List<Integer> ops) {
    LongObjectMap<String> map = new LongObjectMap<>();
    Map<Long, String> ref = new HashMap<>();
    for (int op : ops) {
      long key = Math.abs(op) * 64L;
      if (op >= 0) {
        map.put(key, "v" + op);
        ref.put(key, "v" + op);
      } else {
        map.remove(key);
        ref.remove(key);
      }
    }
    if (map.size() != ref.size()) {
      return false;
    }
    for (long k = 0; k <= 40 * 64; k += 64) {
      if (!java.util.Objects.equals(map.get(k), ref.get(k))) {
        return false;
      }
    }
    long[] keys = ref.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    return Arrays.equals(map.sortedKeys(), keys);
  }
}
