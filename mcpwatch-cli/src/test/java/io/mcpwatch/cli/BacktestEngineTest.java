package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.configfile.LoadedConfig;
import io.mcpwatch.engine.EngineOptions;
import io.mcpwatch.live.RunOptions;
import io.mcpwatch.live.ServicePlan;
import io.mcpwatch.metrics.DefaultValueMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Backtest builds its engine from the file's {@code engine:} section exactly as run does. */
class BacktestEngineTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static String template;
  static Path burst;

  @BeforeAll
  static void setUp() throws IOException {
    Path init = dir.resolve("init.yaml");
    assertThat(Cli.run("init", init.toString()).exit()).isZero();
    template = Files.readString(init, StandardCharsets.UTF_8);
    // six OBO failures in one minute, then quiet: the auth alarm (threshold 5) fires once
    burst = dir.resolve("burst.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lines.add("{\"timestamp\":" + (1772445600000L + 60_000 + i * 1000L)
          + ",\"message\":\"ERROR:auth:OBO token exchange failed: AADSTS50013\"}");
    }
    lines.add("{\"timestamp\":" + (1772445600000L + 3_600_000L) + ",\"message\":\"INFO: later\"}");
    Files.write(burst, lines, StandardCharsets.UTF_8);
  }

  private static Path config(String name, String engine) throws IOException {
    String text = template.replaceAll("(?s)\nengine:\n.*?(\n[a-z]|\\z)", "\nengine: " + engine + "\n$1");
    assertThat(text).contains("engine: " + engine);
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void engineOptions_areRunsForEveryEngineSection() throws IOException {
    String[] sections = {
      "{}",
      "{ earlyFiring: false, evaluationRangeExtra: 0, defaultValueMode: PER_MINUTE }",
      "{ evaluationRangeExtra: 100, notifyInitialOk: false }",
    };
    for (int i = 0; i < sections.length; i++) {
      LoadedConfig loaded = ConfigFiles.load(config("e" + i + ".yaml", sections[i]));
      for (boolean noEarly : new boolean[] {false, true}) {
        EngineOptions run = ServicePlan.of(loaded, RunOptions.defaults().withNoEarly(noEarly)).engineOptions();
        EngineOptions backtest = BacktestCommand.engineOptions(loaded, noEarly);

        assertThat(backtest.withRetainAll(run.retainAll()).withHistory(run.history()))
            .as(sections[i] + " noEarly=" + noEarly).isEqualTo(run);
      }
    }
    EngineOptions custom = BacktestCommand.engineOptions(ConfigFiles.load(dir.resolve("e1.yaml")), false);
    assertThat(custom.earlyFiring()).isFalse();
    assertThat(custom.extraRangeDatapoints()).isZero();
    assertThat(custom.defaultValueMode()).isEqualTo(DefaultValueMode.PER_MINUTE);
  }

  private static JsonNode auth(Path config) {
    Cli.Result r = Cli.run("backtest", "-c", config.toString(), "--env", "prod", "--app", "teams", "--format", "json",
        "--no-progress", burst.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    for (JsonNode a : JSON.readTree(r.out()).get("alarms")) {
      if (a.get("alarmName").asString().equals("teams-prod-auth-failures")) {
        return a.get("transitions");
      }
    }
    throw new AssertionError("no auth alarm");
  }

  @Test
  void backtest_followsTheEngineSection() throws IOException {
    JsonNode early = auth(config("early.yaml", "{ earlyFiring: true }"));
    JsonNode late = auth(config("late.yaml", "{ earlyFiring: false }"));
    JsonNode range0 = auth(config("r0.yaml", "{ evaluationRangeExtra: 0 }"));
    JsonNode range100 = auth(config("r100.yaml", "{ evaluationRangeExtra: 100 }"));

    assertThat(early.toString()).contains("\"early\":true");
    assertThat(late.toString()).doesNotContain("\"early\":true");
    assertThat(range0).isNotEqualTo(range100);
  }
}
