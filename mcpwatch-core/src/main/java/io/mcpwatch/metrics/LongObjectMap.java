package io.mcpwatch.metrics;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** A small open-addressing map from long keys to values: no boxing on lookups. */
final class LongObjectMap<V> {

  // room for one key to begin with: most of 10,000 alarms' series never get a sample
  private long[] keys = new long[2];
  private @Nullable Object[] values = new Object[2];
  private int size;

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  @Nullable V get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      Object v = values[i];
      if (v == null) {
        return null;
      }
      if (keys[i] == key) {
        return (V) v;
      }
    }
  }

  void put(long key, V value) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (values[i] == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == key) {
        values[i] = value;
        return;
      }
    }
  }

  void remove(long key) {
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (values[i] != null && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (values[i] == null) {
      return;
    }
    values[i] = null;
    size--;
    // backward-shift deletion keeps every probe chain unbroken
    for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
      int home = slot(keys[j], mask);
      boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
      if (movable) {
        keys[i] = keys[j];
        values[i] = values[j];
        values[j] = null;
        i = j;
      }
    }
  }

  /** The keys, sorted ascending. */
  long[] sortedKeys() {
    long[] out = new long[size];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != null) {
        out[n++] = keys[i];
      }
    }
    Arrays.sort(out);
    return out;
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        @SuppressWarnings("unchecked")
        V v = (V) oldValues[i];
        put(oldKeys[i], v);
      }
    }
  }

  private static int slot(long key, int mask) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }
}
