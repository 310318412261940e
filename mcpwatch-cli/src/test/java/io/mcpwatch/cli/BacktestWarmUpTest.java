package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.AlarmState;
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

class BacktestWarmUpTest {

  @Test
  void awaitEnd_afterTheWarmUpRan_itReplayedItsLinesThroughTheBacktestsSteps() {
    BacktestWarmUp w = BacktestWarmUp.begin();
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
    BacktestWarmUp w = BacktestWarmUp.begin();
    w.stop();
    w.close();
    // it may have finished a step before seeing the stop, but never runs on after close
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(BacktestWarmUp.THREAD));
  }

  @Test
  void main_backtestWithTheWarmUp_printsExactlyWhatTheCommandPrintsWithout(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
    Path corpus = dir.resolve("events.jsonl");
    CorpusGenerator.write(corpus, 2L << 20, 11, CorpusGenerator.Format.JSON_LINES);
    String[] args = {"backtest", "-c", config.toString(), "--env", "prod", "--format", "json",
        "--no-progress", corpus.toString()};
    Cli.Result inProcess = Cli.run(args);
    assertThat(inProcess.exit()).as(inProcess.err()).isZero();

    // Main.main (a child JVM): the warm-up thread runs beside the command line's parsing
    Path out = dir.resolve("out.json");
    Path err = dir.resolve("err.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(new File("/dev/null")).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(inProcess.out());
    assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEqualTo(inProcess.err());
  }
}
