package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePlanSourcesTest {
  @TempDir Path dir;

  @Test
  void of_stripAnsiOfASource_reachesItsReadOptions() throws IOException {
    Path file = dir.resolve("mcpwatch.yaml");
    Files.writeString(
        file,
        ServiceFixture.YAML
            + "sources:\n"
            + "  - { app: teams, env: prod, type: file, path: 'a/*.log', stripAnsi: true }\n"
            + "  - { app: teams, env: prod, type: file, path: 'b/*.log' }\n",
        StandardCharsets.UTF_8);

    ServicePlan plan = ServicePlan.of(ConfigFiles.load(file), RunOptions.defaults());

    assertThat(plan.sources()).extracting(s -> s.read().stripAnsi()).containsExactly(true, false);
  }

  @Test
  void notifySettings_regionNameOfTheFile_namesThePlace() throws IOException {
    Path file = dir.resolve("mcpwatch.yaml");
    Files.writeString(file, ServiceFixture.YAML + "notifications: { regionName: 'Berlin rack 4' }\n",
        StandardCharsets.UTF_8);
    ServicePlan plan = ServicePlan.of(ConfigFiles.load(file), RunOptions.defaults());

    assertThat(Subscriptions.notifySettings(plan.service(), "eu-west-1", "http://127.0.0.1:1")
        .regionLongName()).isEqualTo("Berlin rack 4");
    assertThat(Subscriptions.notifySettings(
        io.mcpwatch.config.ServiceSettings.defaults(), "eu-west-1", "http://127.0.0.1:1")
        .regionLongName()).isEqualTo("EU (Ireland)");
  }
}
