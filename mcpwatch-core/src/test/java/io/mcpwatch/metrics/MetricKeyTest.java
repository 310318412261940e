package io.mcpwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricKeyTest {

  /** The record MetricKey was before it wrote its methods out: its generated equals and hash. */
  private record Generated(String env, String namespace, String metricName,
      Map<String, String> dimensions) {}

  @Test
  void equalsAndHashCode_randomKeys_asTheGeneratedRecordMethods() {
    SplittableRandom r = new SplittableRandom(14);
    String[] words = {"prod", "dev", "MCP/Security", "MCP", "Errors", "HTTP5xx", "a", "", "Zone"};
    List<MetricKey> keys = new ArrayList<>();
    List<Generated> generated = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      Map<String, String> dims = new LinkedHashMap<>();
      for (int d = r.nextInt(4); d > 0; d--) {
        dims.put(words[r.nextInt(words.length)], words[r.nextInt(words.length)]);
      }
      String env = words[r.nextInt(3)];
      String ns = words[2 + r.nextInt(2)];
      String name = words[4 + r.nextInt(3)];
      keys.add(new MetricKey(env, ns, name, dims));
      generated.add(new Generated(env, ns, name, new TreeMap<>(dims)));
    }
    for (int i = 0; i < keys.size(); i++) {
      assertThat(keys.get(i).hashCode()).isEqualTo(generated.get(i).hashCode());
      int j = r.nextInt(keys.size());
      assertThat(keys.get(i).equals(keys.get(j)))
          .as("%s and %s", keys.get(i), keys.get(j))
          .isEqualTo(generated.get(i).equals(generated.get(j)));
      assertThat(keys.get(i)).isEqualTo(new MetricKey(generated.get(i).env(),
          generated.get(i).namespace(), generated.get(i).metricName(), generated.get(i).dimensions()));
    }
  }

  @Test
  void dimensions_sortedByNameUnmodifiableAndCopied() {
    Map<String, String> one = new HashMap<>(Map.of("MCP", "teams"));
    MetricKey k1 = new MetricKey("prod", "NS", "M", one);
    one.put("MCP", "changed");
    assertThat(k1.dimensions()).containsExactly(Map.entry("MCP", "teams"));
    assertThat(k1.toString()).isEqualTo("prod:NS/M{MCP=teams}");
    assertThatThrownBy(() -> k1.dimensions().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);

    Map<String, String> three = new LinkedHashMap<>();
    three.put("Zone", "z");
    three.put("MCP", "m");
    three.put("Alpha", "a");
    MetricKey k3 = new MetricKey("prod", "NS", "M", three);
    assertThat(k3.dimensions().keySet()).containsExactly("Alpha", "MCP", "Zone");
    assertThat(new MetricKey("prod", "NS", "M", Map.of()).dimensions()).isEmpty();

    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "v");
    assertThatNullPointerException().isThrownBy(() -> new MetricKey("prod", "NS", "M", nullName));
  }
}
