package io.mcpwatch.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding's hand-written equals, hashCode and compareTo (see the comment in Finding). */
class FindingTest {

  private static final Object[] BASE = {Severity.WARNING, "rule", "a.b", 3, 4, "message", "hint"};

  /** Another value for each component, in the order of BASE. */
  private static final Object[] OTHER = {Severity.ERROR, "rule2", "a.c", 5, 6, "other", null};

  private static Finding finding(Object[] values) throws Exception {
    Class<?>[] types =
        Arrays.stream(Finding.class.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    Constructor<Finding> c = Finding.class.getDeclaredConstructor(types);
    return c.newInstance(values);
  }

  @Test
  void equalsAndHashCode_everyComponentCounts() throws Exception {
    RecordComponent[] components = Finding.class.getRecordComponents();
    assertThat(components).as("BASE and OTHER have a value per component").hasSize(BASE.length);
    Finding base = finding(BASE);
    Finding same = finding(BASE.clone());
    assertThat(same).isEqualTo(base).hasSameHashCodeAs(base);
    assertThat(base).isNotEqualTo(null).isNotEqualTo("rule");
    for (int k = 0; k < components.length; k++) {
      Object[] values = BASE.clone();
      values[k] = OTHER[k];
      Finding changed = finding(values);
      assertThat(changed).as(components[k].getName()).isNotEqualTo(base);
      assertThat(base).as(components[k].getName()).isNotEqualTo(changed);
      assertThat(changed).as(components[k].getName()).isEqualTo(finding(values.clone()))
          .hasSameHashCodeAs(finding(values.clone()));
    }
  }

  @Test
  void compareTo_byLineColumnSeverityRuleAndMessage() {
    List<Finding> sorted =
        List.of(
            new Finding(Severity.INFO, "r", "p", 0, 0, "m", null),
            new Finding(Severity.INFO, "r", "p", 2, 1, "m", null),
            new Finding(Severity.INFO, "r", "p", 2, 7, "m", null),
            new Finding(Severity.ERROR, "z", "p", 2, 8, "m", null),
            new Finding(Severity.WARNING, "a", "p", 2, 8, "m", null),
            new Finding(Severity.WARNING, "b", "p", 2, 8, "a", null),
            new Finding(Severity.WARNING, "b", "p", 2, 8, "b", null),
            new Finding(Severity.WARNING, "b", "q", 3, 1, "a", "s"));
    List<Finding> shuffled = new ArrayList<>(sorted);
    java.util.Collections.shuffle(shuffled, new java.util.Random(3));
    shuffled.sort(null);
    assertThat(shuffled).containsExactlyElementsOf(sorted);
    assertThat(sorted.get(3).compareTo(sorted.get(4))).as("severity before the rule").isNegative();
    assertThat(sorted.get(7).compareTo(sorted.get(7))).isZero();
  }
}
