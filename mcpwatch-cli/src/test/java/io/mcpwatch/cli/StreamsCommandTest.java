package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamsCommandTest {
  @Test
  void streams_inTheMainJar_pointsToTheStreamsJarInOneLine() {
    Cli.Result r = Cli.run("streams", "run", "-c", "mcpwatch.yaml");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .contains("./mcpwatch streams run -c mcpwatch.yaml")
        .contains("mcpwatch-streams/target/mcpwatch-streams.jar run -c mcpwatch.yaml");
  }
}
