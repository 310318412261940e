package io.mcpwatch.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpwatch.cli.McpwatchCommand;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
      f.append(ServiceFixture.jsonl(Instant.now(), ServiceFixture.accessMessage(200)));
      await().atMost(Duration.ofSeconds(10)).until(() -> f.status().alarms().size() == 4
          && !f.status().checkpoints().isEmpty());

      Run text = cli("status", "-c", f.configFile.toString(), "--app", "outlook");
      assertThat(text.exit()).as(text.err()).isEqualTo(0);
      assertThat(text.out()).contains("outlook-prod-auth-failures").contains("2 alarms;")
          .doesNotContain("teams-prod").doesNotContain("no longer in the configuration");
      // only the app's own sources (the fixture's one file source is teams')
      assertThat(text.out()).doesNotContain("file:prod/teams").contains("sources:\n  none\n")
          .contains("(1 source of other apps not listed)");
      Run json = cli("status", "-c", f.configFile.toString(), "--app", "outlook", "--format", "json");
      JsonNode root = JsonMapper.builder().build().readTree(json.out());
      assertThat(root.get("sources").size()).isZero();
      assertThat(root.get("sourcesOfOtherApps").asInt()).isEqualTo(1);
      Run teams = cli("status", "-c", f.configFile.toString(), "--app", "teams");
      assertThat(teams.out()).contains("file:prod/teams").doesNotContain("of other apps not listed");

      // outlook removed from the file: listed as such when nothing is filtered
      Files.writeString(f.configFile, ServiceFixture.YAML);
      Run removed = cli("status", "-c", f.configFile.toString());
      assertThat(removed.out()).contains("outlook-prod-auth-failures")
          .contains("(no longer in the configuration)");
    }
  }

  @Test
  void status_withConfigurationErrors_readsTheDatabaseAndSaysSoInOneLine() throws Exception {
    try (ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", false)) {
      f.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> f.status().alarms().size() == 2);
      // a mistake made while editing the file of a running service
      Files.writeString(f.configFile,
          ServiceFixture.YAML.replace("threshold: 3", "threshold: lots"));

      Run text = cli("status", "-c", f.configFile.toString());
      assertThat(text.exit()).as(text.err()).isEqualTo(0);
      assertThat(text.err().lines().count()).as(text.err()).isEqualTo(1);
      assertThat(text.err()).startsWith("mcpwatch: " + f.configFile + " has 1 error")
          .contains("mcpwatch validate -c").contains("mcpwatch.db");
      assertThat(text.out()).contains("teams-prod-auth-failures").contains("teams-prod-http-5xx")
          .contains("2 alarms;").contains("service: running");

      Run json = cli("status", "-c", f.configFile.toString(), "--format", "json");
      assertThat(json.exit()).as(json.err()).isEqualTo(0);
      JsonNode root = JsonMapper.builder().build().readTree(json.out());
      assertThat(root.get("alarms")).hasSize(2);
      assertThat(root.get("alarms").get(0).get("finalState").asString()).isNotEmpty();

      // not even YAML: the default storage.url, which this service uses
      Files.writeString(f.configFile, "alarms: [unclosed\n");
      Run broken = cli("status", "-c", f.configFile.toString());
      assertThat(broken.exit()).as(broken.err()).isEqualTo(0);
      assertThat(broken.err()).contains("(the default storage.url)");
      assertThat(broken.out()).contains("teams-prod-auth-failures");
    }
  }

  @Test
  void status_saysWhetherTheServiceRunsAndWhereItListens() throws Exception {
    ServiceFixture f = new ServiceFixture(dir, "jsonl", "none", true);
    try (f) {
      LiveService s = f.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> f.status().alarms().size() == 2);
      Run running = cli("status", "-c", f.configFile.toString());
      assertThat(running.exit()).as(running.err()).isEqualTo(0);
      assertThat(running.out().lines().findFirst().orElseThrow())
          .startsWith("service: running, pid " + ProcessHandle.current().pid())
          .contains("listening on http://127.0.0.1:" + s.httpUri().getPort());
      Run json = cli("status", "-c", f.configFile.toString(), "--format", "json");
      JsonNode svc = JsonMapper.builder().build().readTree(json.out()).get("service");
      assertThat(svc.get("running").asBoolean()).isTrue();
      assertThat(svc.get("listenUrl").asString()).isEqualTo(s.httpUri().toString());
    }
    Run stopped = cli("status", "-c", f.configFile.toString());
    assertThat(stopped.exit()).as(stopped.err()).isEqualTo(0);
    assertThat(stopped.out().lines().findFirst().orElseThrow())
        .startsWith("service: not running (stopped at ");
  }

  @Test
  void status_listsFailedNotificationsWithTheirCause() throws Exception {
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/", ex -> {
      byte[] body = "no_service".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(404, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    hook.start();
    // an HTTP subscriber whose endpoint answers 404 to the confirmation request
    String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/s3cr3t";
    String yaml = ServiceFixture.YAML.replace("      - email: owners@example.com",
        "      - email: owners@example.com\n      - http: '" + url + "'");
    try (ServiceFixture f = new ServiceFixture(dir, yaml, "jsonl", "none", false,
        RunOptions.defaults())) {
      f.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> f.status().outbox().failed() >= 1);

      Run text = cli("status", "-c", f.configFile.toString());
      assertThat(text.exit()).as(text.err()).isEqualTo(0);
      String failed = text.out().lines().filter(l -> l.strip().startsWith("FAILED"))
          .findFirst().orElseThrow(() -> new AssertionError(text.out()));
      assertThat(failed).contains(" http http://127.0.0.1:").contains("confirmation request")
          .contains("404").doesNotContain("s3cr3t");
      Run json = cli("status", "-c", f.configFile.toString(), "--format", "json");
      JsonNode u = JsonMapper.builder().build().readTree(json.out()).get("outbox")
          .get("undelivered").get(0);
      assertThat(u.get("status").asString()).isEqualTo("FAILED");
      assertThat(u.get("lastError").asString()).contains("404");
    } finally {
      hook.stop(0);
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
