package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate}'s check run while picocli parses: only for the file picocli parsed, with exactly
 * what a check on the command's own thread gives or throws.
 */
class CheckPrefetchTest {
  @TempDir Path dir;

  @Test
  void start_onlyForValidate() {
    assertThat(CheckPrefetch.start(args("backtest", "-c", "a.yaml"))).isNull();
    assertThat(CheckPrefetch.start(args())).isNull();
  }

  @Test
  void check_theParsedFile_isWhatACheckGives_once() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(
        config, ConfigFiles.initTemplate().replace("threshold: 5\n", "threshold: five\n"));

    CheckPrefetch p = CheckPrefetch.start(args("validate", "-c", config.toString()));

    ConfigCheck prefetched = p.check(config);
    ConfigCheck checked = ConfigFiles.check(config);
    assertThat(prefetched.errors()).isEqualTo(checked.errors()).isNotEmpty();
    assertThat(prefetched.findings()).isEqualTo(checked.findings());
    assertThat(prefetched.alarmCount()).isEqualTo(checked.alarmCount());
    assertThat(p.check(config)).as("taken once").isNull();
  }

  @Test
  void check_anotherFileOrTerraform_isNull_theCommandChecksItself() throws Exception {
    Path guessed = dir.resolve("guessed.yaml");
    Files.writeString(guessed, ConfigFiles.initTemplate());
    Path tf = dir.resolve("main.tf");
    Files.writeString(tf, "resource \"aws_sns_topic\" \"t\" {\n  name = \"t\"\n}\n");

    assertThat(
            CheckPrefetch.start(args("validate", guessed.toString()))
                .check(dir.resolve("other.yaml")))
        .isNull();
    assertThat(CheckPrefetch.start(args("validate", tf.toString())).check(tf)).isNull();
  }

  @Test
  void check_aMissingFile_throwsWhatACheckThrows() {
    Path config = dir.resolve("missing.yaml");
    String expected;
    try {
      ConfigFiles.check(config);
      throw new AssertionError("expected " + config + " to fail");
    } catch (ConfigFileException e) {
      expected = e.getMessage();
    }

    CheckPrefetch p = CheckPrefetch.start(args("validate", "-c", config.toString()));

    assertThatThrownBy(() -> p.check(config))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(expected);
  }

  @Test
  void validate_theFileGivenEachWay_reportsTheSame() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(
        config, ConfigFiles.initTemplate().replace("threshold: 5\n", "threshold: five\n"));

    Cli.Result byOption = Cli.run("validate", "-c", config.toString(), "--format", "json");
    Cli.Result byParameter = Cli.run("validate", "--format=json", config.toString());
    Cli.Result byEquals = Cli.run("validate", "--config=" + config, "--format", "json");

    assertThat(byOption.exit()).isEqualTo(2);
    assertThat(byOption.out()).contains("threshold");
    assertThat(byParameter).isEqualTo(byOption);
    assertThat(byEquals).isEqualTo(byOption);
  }

  private static String[] args(String... a) {
    return a;
  }
}
