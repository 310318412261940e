package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backtest}'s configuration read while picocli parses: only for the file picocli parsed,
 * with exactly what a load on the command's own thread gives or throws.
 */
class ConfigPrefetchTest {
  @TempDir Path dir;

  @Test
  void start_onlyForBacktest() {
    assertThat(ConfigPrefetch.start(args("validate", "-c", "a.yaml"))).isNull();
    assertThat(ConfigPrefetch.start(args())).isNull();
  }

  @Test
  void early_theParsedFile_isWhatALoadGives_once() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, ConfigFiles.initTemplate());

    ConfigPrefetch p =
        ConfigPrefetch.start(args("backtest", "-c", config.toString(), "--env", "prod"));

    LoadedConfig early = p.early(config);
    LoadedConfig linted = p.load();
    LoadedConfig loaded = ConfigFiles.load(config);
    assertThat(names(early.alarms())).isEqualTo(names(loaded.alarms())).hasSize(32);
    assertThat(early.findings()).as("not linted yet").isEmpty();
    assertThat(linted.alarms()).isEqualTo(early.alarms());
    assertThat(linted.findings()).isEqualTo(loaded.findings()).isNotEmpty();
    assertThat(p.early(config)).as("taken once").isNull();
  }

  @Test
  void early_anotherFile_isNull_theCommandLoadsItself() throws Exception {
    Path guessed = dir.resolve("guessed.yaml");
    Files.writeString(guessed, ConfigFiles.initTemplate());

    ConfigPrefetch p = ConfigPrefetch.start(args("backtest", "-c", guessed.toString()));

    assertThat(p.early(dir.resolve("parsed.yaml"))).isNull();
    assertThat(p.early(Path.of("mcpwatch.yaml"))).isNull();
  }

  @Test
  void early_aFileWithErrors_throwsWhatALoadThrows() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(
        config, ConfigFiles.initTemplate().replace("threshold: 5\n", "threshold: five\n"));
    String expected = messageOfLoad(config);
    assertThat(expected).contains("bad.yaml has ").contains("threshold");

    ConfigPrefetch p =
        ConfigPrefetch.start(args("backtest", "--config=" + config, "--env", "prod"));

    assertThatThrownBy(() -> p.early(config))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(expected);
  }

  @Test
  void early_aMissingFile_throwsWhatALoadThrows() {
    Path config = dir.resolve("missing.yaml");
    String expected = messageOfLoad(config);

    ConfigPrefetch p = ConfigPrefetch.start(args("backtest", "-c", config.toString()));

    assertThatThrownBy(() -> p.early(config))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage(expected);
  }

  @Test
  void early_aTerraformFile_isNull_theCommandImportsIt() throws Exception {
    Path tf = dir.resolve("main.tf");
    Files.writeString(tf, "resource \"aws_sns_topic\" \"t\" {\n  name = \"t\"\n}\n");

    ConfigPrefetch p = ConfigPrefetch.start(args("backtest", "-c", tf.toString()));

    assertThat(p.early(tf)).isNull();
  }

  @Test
  void backtest_withTheConfigurationGivenEachWay_reportsTheSame() throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    Files.writeString(config, ConfigFiles.initTemplate());
    Path events = dir.resolve("events.jsonl");
    Files.writeString(
        events,
        "{\"timestamp\":1772409600021,\"message\":\"ERROR:root:boom\","
            + "\"logGroup\":\"/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams\"}\n");

    Cli.Result first =
        Cli.run(
            "backtest",
            "-c",
            config.toString(),
            "--env",
            "prod",
            "--format",
            "json",
            events.toString());
    Cli.Result second =
        Cli.run(
            "backtest",
            "--env",
            "prod",
            "--format",
            "json",
            events.toString(),
            "--config=" + config);

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("\"eventsReplayed\" : 1").isEqualTo(second.out());
    assertThat(first.err()).isEqualTo(second.err());
  }

  @Test
  void early_thenALintError_loadAndFailFastThrowWhatALoadThrows() throws Exception {
    Path config = dir.resolve("token.yaml");
    Files.writeString(config, withLintError());
    String expected = messageOfLoad(config);
    assertThat(expected).contains("http.token");

    ConfigPrefetch p = ConfigPrefetch.start(args("backtest", "-c", config.toString()));

    assertThat(p.early(config).alarms()).hasSize(32); // resolved: the replay can start
    assertThatThrownBy(p::load).isInstanceOf(ConfigFileException.class).hasMessage(expected);
    assertThatThrownBy(p::failFast).isInstanceOf(ConfigFileException.class).hasMessage(expected);
  }

  @Test
  void backtest_aLintError_isReportedAsALoadReportsIt_andNoReportIsPrinted() throws Exception {
    Path config = dir.resolve("token.yaml");
    Files.writeString(config, withLintError());

    Cli.Result r =
        Cli.run(
            "backtest",
            "-c",
            config.toString(),
            "--env",
            "prod",
            "--format",
            "json",
            events().toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("mcpwatch: " + messageOfLoad(config) + "\n");
  }

  @Test
  void backtest_aLintErrorAndAnArgumentError_theConfigurationErrorWins() throws Exception {
    Path config = dir.resolve("token.yaml");
    Files.writeString(config, withLintError());

    Cli.Result r =
        Cli.run(
            "backtest",
            "-c",
            config.toString(),
            "--env",
            "prod",
            "--from",
            "2026-03-02T01:00:00Z",
            "--to",
            "2026-03-02T00:00:00Z",
            events().toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("mcpwatch: " + messageOfLoad(config) + "\n");
  }

  @Test
  void backtest_aLintWarning_isCountedOnStderr_andTheReportPrinted() throws Exception {
    Path config = dir.resolve("warning.yaml");
    String text = ConfigFiles.initTemplate();
    String pattern = "pattern: '\"OBO token exchange failed\"'";
    assertThat(text).contains(pattern);
    Files.writeString(config, text.replace(pattern, "pattern: '\"4??\"'"));

    Cli.Result r =
        Cli.run(
            "backtest",
            "-c",
            config.toString(),
            "--env",
            "prod",
            "--format",
            "json",
            events().toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"eventsReplayed\" : 1");
    assertThat(r.err())
        .isEqualTo(
            "mcpwatch: "
                + config
                + " has 1 lint warning(s); mcpwatch validate -c "
                + config
                + " shows them\n");
  }

  private static String withLintError() {
    String text = ConfigFiles.initTemplate();
    String commented = "  # token: ${MCPWATCH_HTTP_TOKEN}";
    assertThat(text).contains(commented);
    return text.replace(
        commented, "  token: abc"); // shorter than 16: a lint error, not a binding one
  }

  private Path events() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Files.writeString(
        events,
        "{\"timestamp\":1772409600021,\"message\":\"ERROR:root:boom\","
            + "\"logGroup\":\"/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams\"}\n");
    return events;
  }

  private static String messageOfLoad(Path config) {
    try {
      ConfigFiles.load(config);
    } catch (ConfigFileException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected " + config + " to fail");
  }

  private static List<String> names(List<ResolvedAlarm> alarms) {
    return alarms.stream().map(a -> a.env() + "/" + a.spec().alarmName()).toList();
  }

  private static String[] args(String... a) {
    return a;
  }
}
