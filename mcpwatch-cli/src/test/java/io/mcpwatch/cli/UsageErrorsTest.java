package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors: one line naming the mistake and the command's help, exit 2. */
class UsageErrorsTest {

  @Test
  void noSubcommand_isAUsageErrorExit2() {
    Cli.Result r = Cli.run();

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: mcpwatch");
  }

  @Test
  void missingOption_isOneLineWithTheCommandsHelp() {
    Cli.Result r = Cli.run("backtest", "-c", "x.yaml", "in.jsonl");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines().toList())
        .containsExactly("mcpwatch: Missing required option: '--env=ENV'; see `mcpwatch backtest --help`");
  }

  @Test
  void badValue_namesNoJavaClass() {
    Cli.Result r = Cli.run("test-pattern", "--format", "xml", "ERROR");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines().toList()).singleElement().asString()
        .startsWith("mcpwatch: ")
        .endsWith("; see `mcpwatch test-pattern --help`")
        .doesNotContain("java.").doesNotContain("Exception").doesNotContain("OutputFormat");
  }

  @Test
  void unknownSubcommand_isOneLine() {
    Cli.Result r = Cli.run("bakctest");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines().toList()).singleElement().asString()
        .startsWith("mcpwatch: Unmatched argument at index 0: 'bakctest'")
        .endsWith("; see `mcpwatch --help`");
  }
}
