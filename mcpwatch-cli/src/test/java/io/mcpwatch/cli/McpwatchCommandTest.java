package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which subcommands the command line is built with (start-up: only the one that runs). */
class McpwatchCommandTest {

  @Test
  void commandLine_aNamedSubcommand_buildsOnlyThatOne() {
    assertThat(McpwatchCommand.commandLine("backtest", "-c", "x.yaml").getSubcommands())
        .containsOnlyKeys("backtest");
    assertThat(McpwatchCommand.commandLine("status").getSubcommands()).containsOnlyKeys("status");
  }

  @Test
  void commandLine_helpOptionsOrUnknownNames_buildEveryOneInHelpOrder() {
    for (String[] args : new String[][] {{}, {"--help"}, {"help", "backtest"}, {"bakctest"}}) {
      assertThat(McpwatchCommand.commandLine(args).getSubcommands().keySet())
          .as(String.join(" ", args))
          .containsExactly("test-pattern", "init", "validate", "backtest", "run", "status",
              "subscriptions", "demo", "import", "export", "streams", "help");
    }
  }

  @Test
  void helpOfASubcommand_stillWorksThroughTheHelpCommand() {
    Cli.Result r = Cli.run("help", "validate");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Usage: mcpwatch validate");
  }
}
