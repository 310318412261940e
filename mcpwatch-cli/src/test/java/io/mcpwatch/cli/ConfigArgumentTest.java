package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The configuration file a command line names, told without picocli, as picocli parses it. */
class ConfigArgumentTest {
  private static final ConfigArgument BACKTEST = ConfigArgument.BACKTEST;
  private static final ConfigArgument VALIDATE = ConfigArgument.VALIDATE;

  @Test
  void backtest_everyFormPicocliAccepts_andTheDefault() {
    assertThat(BACKTEST.in(args("backtest", "--env", "prod", "x.jsonl")))
        .isEqualTo(Path.of("mcpwatch.yaml"));
    assertThat(BACKTEST.in(args("backtest", "-c", "a.yaml", "x.jsonl")))
        .isEqualTo(Path.of("a.yaml"));
    assertThat(BACKTEST.in(args("backtest", "-cb.yaml", "x.jsonl"))).isEqualTo(Path.of("b.yaml"));
    assertThat(BACKTEST.in(args("backtest", "-c=c.yaml", "x.jsonl"))).isEqualTo(Path.of("c.yaml"));
    assertThat(BACKTEST.in(args("backtest", "--config", "d.yaml", "x.jsonl")))
        .isEqualTo(Path.of("d.yaml"));
    assertThat(
            BACKTEST.in(args("backtest", "--config=e.yaml", "--env", "prod", "--no-progress", "-")))
        .isEqualTo(Path.of("e.yaml"));
    // another option's value that looks like -c is that option's
    assertThat(BACKTEST.in(args("backtest", "--log-group", "-cgroup", "x.jsonl")))
        .isEqualTo(Path.of("mcpwatch.yaml"));
    // after "--" everything is an input
    assertThat(BACKTEST.in(args("backtest", "--", "-c", "f.yaml")))
        .isEqualTo(Path.of("mcpwatch.yaml"));
    // what only picocli can tell: a missing value, an unknown option
    assertThat(BACKTEST.in(args("backtest", "--env", "prod", "-c"))).isNull();
    assertThat(BACKTEST.in(args("backtest", "--fast", "-c", "a.yaml"))).isNull();
  }

  @Test
  void validate_theParameter_elseTheConfigOption_elseTheDefault() {
    assertThat(VALIDATE.in(args("validate"))).isEqualTo(Path.of("mcpwatch.yaml"));
    assertThat(VALIDATE.in(args("validate", "-c", "a.yaml"))).isEqualTo(Path.of("a.yaml"));
    assertThat(VALIDATE.in(args("validate", "-cb.yaml"))).isEqualTo(Path.of("b.yaml"));
    assertThat(VALIDATE.in(args("validate", "--config=c.yaml", "--format", "json")))
        .isEqualTo(Path.of("c.yaml"));
    assertThat(VALIDATE.in(args("validate", "--format=json", "infra/")))
        .isEqualTo(Path.of("infra/"));
    // the parameter wins over -c, as in ValidateCommand
    assertThat(VALIDATE.in(args("validate", "-c", "a.yaml", "main.tf", "--var", "x=1")))
        .isEqualTo(Path.of("main.tf"));
    assertThat(VALIDATE.in(args("validate", "--", "-odd.yaml"))).isEqualTo(Path.of("-odd.yaml"));
    // what only picocli can tell: an unknown option, a missing value, two parameters
    assertThat(VALIDATE.in(args("validate", "--strict", "a.yaml"))).isNull();
    assertThat(VALIDATE.in(args("validate", "--var-file"))).isNull();
    assertThat(VALIDATE.in(args("validate", "a.yaml", "b.yaml"))).isNull();
  }

  /** A new option of either command must be listed, or its command line is never prefetched. */
  @Test
  void theOptionLists_areThoseOfPicocli() {
    assertLists(BACKTEST, "backtest");
    assertLists(VALIDATE, "validate");
  }

  private static void assertLists(ConfigArgument guess, String command) {
    CommandLine cl = McpwatchCommand.commandLine(command).getSubcommands().get(command);
    List<String> values = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      for (String name : o.names()) {
        if (name.equals("-c") || name.equals("--config")) {
          continue;
        }
        (o.arity().max() > 0 ? values : flags).add(name);
      }
    }
    assertThat(guess.valueOptions())
        .as(command + " options with a value")
        .containsExactlyInAnyOrderElementsOf(values);
    assertThat(guess.flags())
        .as(command + " options without one")
        .containsExactlyInAnyOrderElementsOf(flags);
  }

  private static String[] args(String... a) {
    return a;
  }
}
