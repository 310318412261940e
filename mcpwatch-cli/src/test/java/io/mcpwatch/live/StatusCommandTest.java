package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.cli.McpwatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StatusCommandTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = McpwatchCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void status_whileRunning_showsStatesMinutesCheckpointsAndOutbox() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", false)) {
      f.start();
      Instant now = ServiceFixture.awayFromBoundary();
      String obo = ServiceFixture.jsonl(now, ServiceFixture.OBO_MESSAGE);
      f.append(obo, obo, obo, ServiceFixture.jsonl(now, ServiceFixture.accessMessage(200)));
      f.awaitLines(4);
      await().atMost(Duration.ofSeconds(10)).until(() ->
          ServiceFixture.alarm(f.status(), "teams-prod-auth-failures").matchedEvents() == 3);

      Run json = cli("status", "-c", f.configFile.toString(), "--format", "json");
      assertThat(json.exit()).as(json.err()).isEqualTo(0);
      JsonNode root = JsonMapper.builder().build().readTree(json.out());
      JsonNode auth = null;
      for (JsonNode a : root.get("alarms")) {
        if (a.get("alarmName").asString().equals("teams-prod-auth-failures")) {
          auth = a;
        }
      }
      assertThat(auth).isNotNull();
      assertThat(auth.get("finalState").asString()).isEqualTo("ALARM");
      assertThat(auth.get("env").asString()).isEqualTo("prod");
      assertThat(auth.get("app").asString()).isEqualTo("teams");
      assertThat(auth.get("metricName").asString()).isEqualTo("OBOAuthFailures");
      assertThat(auth.get("matchedEvents").asLong()).isEqualTo(3);
      assertThat(auth.get("minutes").get(0).get("sum").asDouble()).isEqualTo(3.0);
      JsonNode t = auth.get("transitions").get(auth.get("transitions").size() - 1);
      assertThat(t.get("newState").asString()).isEqualTo("ALARM");
      assertThat(t.get("early").asBoolean()).isTrue();
      assertThat(auth.get("stateReason").asString()).startsWith("Threshold Crossed");
      JsonNode file = root.get("sources").get(0).get("files").get(0);
      assertThat(file.get("offset").asLong()).isEqualTo(Files.size(f.log));
      assertThat(root.get("outbox").has("pending")).isTrue();
      assertThat(root.get("outbox").has("stuck")).isTrue();

      Run text = cli("status", "-c", f.configFile.toString());
      assertThat(text.exit()).isEqualTo(0);
      assertThat(text.out()).contains("teams-prod-auth-failures").contains("ALARM")
          .contains("(early)").contains("at byte " + String.format("%,d", Files.size(f.log)));
    }
  }

  @Test
  void status_forOneApp_showsOnlyItsAlarmsAndNoneAsRemoved() throws Exception {
    String yaml = ServiceFixture.YAML.replace("apps: [teams]", "apps: [teams, outlook]");
    try (ServiceFixture f = new ServiceFixture(dir, yaml, "jsonl", "none", false,
        RunOptions.defaults())) {
      f.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> f.status().alarms().size() == 4);

      Run text = cli("status", "-c", f.configFile.toString(), "--app", "outlook");
      assertThat(text.exit()).as(text.err()).isEqualTo(0);
      assertThat(text.out()).contains("outlook-prod-auth-failures").contains("2 alarms;")
          .doesNotContain("teams-prod").doesNotContain("no longer in the configuration");

      // outlook removed from the file: listed as such when nothing is filtered
      Files.writeString(f.configFile, ServiceFixture.YAML);
      Run removed = cli("status", "-c", f.configFile.toString());
      assertThat(removed.out()).contains("outlook-prod-auth-failures")
          .contains("(no longer in the configuration)");
    }
  }

  @Test
  void status_withoutDatabase_saysSoInOneLine() throws Exception {
    Path cfg = dir.resolve("mcpwatch.yaml");
    Files.writeString(cfg, ServiceFixture.YAML);
    Run r = cli("status", "-c", cfg.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("mcpwatch: ").contains("mcpwatch run -c");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
