package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.configfile.ConfigFileException;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.demo.CorpusGenerator;
import io.mcpwatch.replay.Replay;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestHeadStartTest {
  private static final String[] NO_CONFIG = {"backtest", "--env", "prod", "-c", "/nonexistent/x.yaml"};


  @Test
  void awaitEnd_itReplayedItsLinesThroughTheBacktestsSteps() {
    BacktestHeadStart w = BacktestHeadStart.begin(NO_CONFIG);
    w.awaitEnd();
    Replay.Result r = w.result();
    assertThat(r).as("the warm-up ran to its end").isNotNull();
    assertThat(r.summary().eventsReplayed()).isEqualTo(7);
    // the five OBO failures in one period fire the auth-failures alarm: the engine evaluated
    List<Replay.AlarmResult> fired = r.alarms().stream().filter(a -> a.timesFired() > 0).toList();
    assertThat(fired).extracting(a -> a.alarm().spec().alarmName()).containsExactly("teams-prod-auth-failures");
    assertThat(fired.get(0).finalState()).isEqualTo(AlarmState.ALARM);
    assertThat(r.alarms()).extracting(a -> a.alarm().spec().alarmName())
        .contains("teams-prod-errors", "teams-prod-http-4xx", "teams-prod-http-5xx", "teams-prod-json");
  }

  @Test
  void stop_beforeItStarted_itEndsWithoutAResult() throws Exception {
    BacktestHeadStart w = BacktestHeadStart.begin(NO_CONFIG);
    w.stop();
    w.close();
    // it may have finished a step before seeing the stop, but never runs on after close
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(BacktestHeadStart.THREAD));
  }

  @Test
  void configNamed_whatPicocliMakesOfTheArguments_orNullWhenNotSimple() {
    assertThat(BacktestHeadStart.configNamed("backtest", "-c", "a.yaml", "--env", "prod", "in.jsonl"))
        .isEqualTo(Path.of("a.yaml"));
    assertThat(BacktestHeadStart.configNamed("backtest", "--env", "prod", "--config", "b.yaml", "-"))
        .isEqualTo(Path.of("b.yaml"));
    assertThat(BacktestHeadStart.configNamed("backtest", "--config=c.yaml")).isEqualTo(Path.of("c.yaml"));
    assertThat(BacktestHeadStart.configNamed("backtest", "--env", "prod", "in.jsonl"))
        .isEqualTo(Path.of(ConfigOption.DEFAULT));
    assertThat(BacktestHeadStart.configNamed("backtest", "-cd.yaml")).isNull();
    assertThat(BacktestHeadStart.configNamed("backtest", "--conf", "e.yaml")).isNull();
    assertThat(BacktestHeadStart.configNamed("backtest", "-c", "a.yaml", "-c", "b.yaml")).isNull();
    assertThat(BacktestHeadStart.configNamed("backtest", "-c")).isNull();
    assertThat(BacktestHeadStart.configNamed("backtest", "--", "-c", "x")).isEqualTo(Path.of(ConfigOption.DEFAULT));
  }

  @Test
  void config_theFileTheArgumentsName_isTheOneReadAhead(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
    BacktestHeadStart h = BacktestHeadStart.begin("backtest", "--env", "prod", "-c", config.toString(), "x");
    h.awaitEnd();
    Files.writeString(config, "not: [valid"); // read before this: the command takes what was read
    LoadedConfig loaded = h.config(config);
    assertThat(loaded.alarms()).hasSize(32);
    assertThat(h.result()).as("the warm-up ran too").isNotNull();
    // another file is read now
    Path other = dir.resolve("other.yaml");
    assertThat(Cli.run("init", other.toString()).exit()).isZero();
    assertThat(h.config(other).file()).isEqualTo(other);
  }

  @Test
  void config_aFileWithErrors_throwsWhatReadingItThrows(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "namespace: [\n");
    String expected = catchThrowableOfType(ConfigFileException.class, () -> ConfigFiles.load(config))
        .getMessage();
    BacktestHeadStart h = BacktestHeadStart.begin("backtest", "-c", config.toString());
    assertThatThrownBy(() -> h.config(config)).isInstanceOf(ConfigFileException.class).hasMessage(expected);
    h.close();
  }

  @Test
  void config_terraformIsNotReadAhead_askedAnywayItIsReadNow(@TempDir Path dir) throws Exception {
    Path tf = dir.resolve("main.tf");
    Files.writeString(tf, "# nothing\n");
    BacktestHeadStart h = BacktestHeadStart.begin("backtest", "-c", tf.toString());
    h.awaitEnd();
    String expected = catchThrowableOfType(RuntimeException.class, () -> ConfigFiles.load(tf)).getMessage();
    assertThatThrownBy(() -> h.config(tf)).hasMessage(expected);
  }

  @Test
  void main_aConfigurationWithErrors_sameMessageAndExitCodeAsInProcess(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "namespace: MCP/Security\nalarms: { x: { pattern: '[a' } }\n");
    Path corpus = dir.resolve("events.jsonl");
    Files.writeString(corpus, "{\"timestamp\":1,\"message\":\"m\"}\n");
    String[] args = {"backtest", "-c", config.toString(), "--env", "prod", "--no-progress", corpus.toString()};
    Cli.Result inProcess = Cli.run(args);
    assertThat(inProcess.exit()).isEqualTo(2);
    Child child = child(dir, args);
    assertThat(child.exit()).isEqualTo(inProcess.exit());
    assertThat(child.out()).isEqualTo(inProcess.out());
    assertThat(child.err()).isEqualTo(inProcess.err());
  }

  private record Child(int exit, String out, String err) {}

  /** Main.main in a child JVM: the head start runs beside picocli. */
  private static Child child(Path dir, String... args) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(new File("/dev/null")).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void main_backtestWithTheHeadStart_printsExactlyWhatTheCommandPrintsWithout(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
    Path corpus = dir.resolve("events.jsonl");
    CorpusGenerator.write(corpus, 2L << 20, 11, CorpusGenerator.Format.JSON_LINES);
    String[] args = {"backtest", "-c", config.toString(), "--env", "prod", "--format", "json",
        "--no-progress", corpus.toString()};
    Cli.Result inProcess = Cli.run(args);
    assertThat(inProcess.exit()).as(inProcess.err()).isZero();

    Child child = child(dir, args);
    assertThat(child.exit()).as(child.err()).isZero();
    assertThat(child.out()).isEqualTo(inProcess.out());
    assertThat(child.err()).isEqualTo(inProcess.err());
  }
}
