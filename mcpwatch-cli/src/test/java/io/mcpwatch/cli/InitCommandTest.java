package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.config.ServiceSettings.RetrySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path dir;

  @Test
  void init_writesTheTemplate_andItValidatesWithInfosOnly() throws Exception {
    Path file = dir.resolve("mcpwatch.yaml");

    Cli.Result init = Cli.run("init", file.toString());

    assertThat(init.exit()).isZero();
    assertThat(init.out())
        .startsWith(
            "wrote " + file + ": 32 alarms resolved for 2 environments x 4 apps x 4 alarms");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(InitCommand.template());

    Cli.Result validate = Cli.run("validate", "-c", file.toString());
    assertThat(validate.exit()).isZero();
    assertThat(validate.out()).doesNotContain(": error: ").doesNotContain(": warning: ");
    assertThat(validate.out())
        .endsWith(file + ": 0 errors, 0 warnings, 4 infos; 32 alarms resolved\n");
    assertThat(validate.out())
        .contains(": info: sources: there are no sources")
        .contains(
            ": info: smtp: there is no smtp section, so mail is written to"
                + " mcpwatch-data/mailbox as .eml files");
  }

  @Test
  void init_refusesToOverwrite_unlessForced() throws Exception {
    Path file = dir.resolve("existing.yaml");
    Files.writeString(file, "mine");

    Cli.Result refused = Cli.run("init", file.toString());
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err())
        .isEqualTo("mcpwatch: " + file + " already exists; use --force to overwrite it\n");
    assertThat(Files.readString(file)).isEqualTo("mine");

    Cli.Result forced = Cli.run("init", "--force", file.toString());
    assertThat(forced.exit()).isZero();
    assertThat(Files.readString(file)).isEqualTo(InitCommand.template());
  }

  @Test
  void init_intoMissingDirectory_isAUserError() {
    Cli.Result r = Cli.run("init", dir.resolve("no/such/dir/m.yaml").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("the directory does not exist");
  }

  @Test
  void template_commentedJsonAppExample_validates() {
    String t = InitCommand.template();
    int start = t.indexOf("# apps:\n");
    int end = t.indexOf("apps: [sharepoint");
    String example = t.substring(start, end).replaceAll("(?m)^# ?", "");
    String text = t.substring(0, start) + example + t.substring(t.indexOf('\n', end) + 1);

    ConfigCheck c = ConfigFiles.check("x.yaml", text);

    assertThat(c.errors()).isEmpty();
    assertThat(c.exitCode()).isZero();
    ResolvedAlarm dbx =
        c.resolution().alarms().stream()
            .filter(a -> a.app().equals("databricks") && a.alarm().equals("errors"))
            .findFirst()
            .orElseThrow();
    assertThat(dbx.filter().pattern().matches("{\"level\": \"CRITICAL\", \"msg\": \"disk\"}"))
        .isTrue();
    assertThat(dbx.filter().pattern().matches("ERROR:root:boom")).isFalse();
    assertThat(c.resolution().alarms()).hasSize(32);
  }

  @Test
  void template_commentedRetryLine_validatesAsSnsPolicies() {
    String t = InitCommand.template();
    String commented = "  # retry: {";
    assertThat(t).contains(commented);
    ConfigCheck c = ConfigFiles.check("x.yaml", t.replace(commented, "  retry: {"));
    ConfigCheck bad = ConfigFiles.check("x.yaml",
        t.replace(commented + " email: { numRetries: 50 }", "  retry: { email: { numRetries: 5 }"));

    assertThat(c.errors()).isEmpty();
    assertThat(c.config().service().notifications().retry()).isEqualTo(RetrySettings.defaults());
    assertThat(bad.errors()).extracting(e -> e.render("x.yaml"))
        .singleElement().asString()
        .matches("x\\.yaml:\\d+:\\d+: notifications\\.retry\\.email\\.numRetries: must be"
            + " at least .* = 40, found 5");
  }

  @Test
  void template_explainsWhereItDiffersFromTheAdr() {
    String t = InitCommand.template();

    assertThat(t).contains("4?? and 5?? are not wildcards");
    assertThat(t)
        .contains("ERROR is a substring search")
        .contains("ERROR_RATE_LIMIT")
        .contains("ERRORCODE");
    assertThat(t).contains("cannot set a static dimension value");
    assertThat(t).contains("%(levelname)s:%(name)s:%(message)s");
    assertThat(t)
        .contains("INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 422 Unprocessable Entity");
    assertThat(t.lines().filter(l -> l.length() > 100)).isEmpty();
  }
}
