package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command that reads the configuration defaults {@code -c} to {@code mcpwatch.yaml} (what
 * {@code mcpwatch init} writes), and says so the same way in its help.
 */
class ConfigDefaultTest {
  private static final List<List<String>> COMMANDS =
      List.of(
          List.of("validate"),
          List.of("run"),
          List.of("status"),
          List.of("subscriptions", "list"),
          List.of("subscriptions", "confirm", "--token", "t"),
          List.of("subscriptions", "resend", "arn:aws:sns:us-east-1:000000000000:t:1"),
          List.of("subscriptions", "remove", "arn:aws:sns:us-east-1:000000000000:t:1"),
          List.of("backtest", "--env", "prod", "events.jsonl"),
          List.of("export", "terraform", "-o", "out"));

  @BeforeEach
  void noConfigurationHere() {
    // the tests run in the module directory: without an mcpwatch.yaml there, each command must
    // look for it and say it is missing (not ask for -c)
    assumeFalse(Files.exists(Path.of("mcpwatch.yaml")));
  }

  @Test
  void withoutDashC_everyCommandReadsMcpwatchYaml() {
    for (List<String> cmd : COMMANDS) {
      Cli.Result r = Cli.run(cmd.toArray(String[]::new));
      assertThat(r.exit()).as(cmd + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().lines().toList()).as(cmd.toString()).singleElement().asString()
          .startsWith("mcpwatch: mcpwatch.yaml: no such file");
    }
  }

  @Test
  void help_namesTheDefaultTheSameWayEverywhere() {
    for (List<String> cmd : COMMANDS) {
      List<String> help = new java.util.ArrayList<>(cmd.subList(0, cmd.get(0).equals("subscriptions")
          || cmd.get(0).equals("export") ? 2 : 1));
      help.add("--help");
      Cli.Result r = Cli.run(help.toArray(String[]::new));
      assertThat(r.exit()).as(help.toString()).isZero();
      assertThat(r.out().replaceAll("\\s+", " ")).as(help.toString())
          .contains("-c, --config=FILE The configuration file (default: mcpwatch.yaml; see"
              + " mcpwatch init)");
    }
  }
}
