package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which app a source belongs to, read from its key as {@link ServicePlan} writes it. */
class StatusViewSourcesTest {
  @Test
  void appOf_theKeysServicePlanWrites() {
    assertThat(StatusView.appOf("file:prod/teams:jsonl:/srv/logs/*.log")).isEqualTo("teams");
    assertThat(StatusView.appOf("docker:*/sharepoint:docker:/var/lib/docker/containers/*/*.log"))
        .isEqualTo("sharepoint");
    assertThat(StatusView.appOf("stdin:dev/outlook")).isEqualTo("outlook");
    assertThat(StatusView.appOf("file:prod/a-b:text:C:/logs/x.log")).isEqualTo("a-b");
    // not a key of this shape: listed, never hidden
    assertThat(StatusView.appOf("kafka-offsets")).isNull();
    assertThat(StatusView.appOf("stdin:prod/")).isNull();
  }
}
