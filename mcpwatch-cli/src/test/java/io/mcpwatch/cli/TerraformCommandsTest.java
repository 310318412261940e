package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import terraform}, {@code validate PATH} and {@code backtest -c PATH} on .tf files. */
class TerraformCommandsTest {

  /** A per-MCP module with working patterns (what export writes, by hand). */
  static final String MODULE =
      "variable \"appname\" {\n"
          + "  type = string\n"
          + "}\n"
          + "variable \"environment\" {\n"
          + "  type = string\n"
          + "}\n"
          + "variable \"sns_topic_arn\" {\n"
          + "  type = string\n"
          + "}\n"
          + "resource \"aws_cloudwatch_log_metric_filter\" \"errors\" {\n"
          + "  name           = \"${var.appname}-errors\"\n"
          + "  log_group_name = \"/ecs/${var.environment}/${var.appname}\"\n"
          + "  pattern        = \"[level=\\\"ERROR:*\\\", ...]\"\n"
          + "  metric_transformation {\n"
          + "    name      = \"${var.appname}-Errors\"\n"
          + "    namespace = \"MCP/Security\"\n"
          + "    value     = \"1\"\n"
          + "  }\n"
          + "}\n"
          + "resource \"aws_cloudwatch_metric_alarm\" \"errors\" {\n"
          + "  alarm_name          = \"${var.appname}-${var.environment}-errors\"\n"
          + "  namespace           = \"MCP/Security\"\n"
          + "  metric_name         = aws_cloudwatch_log_metric_filter.errors.metric_transformation[0].name\n"
          + "  statistic           = \"Sum\"\n"
          + "  period              = 60\n"
          + "  evaluation_periods  = 1\n"
          + "  threshold           = 2\n"
          + "  comparison_operator = \"GreaterThanOrEqualToThreshold\"\n"
          + "  treat_missing_data  = \"notBreaching\"\n"
          + "  alarm_actions       = [var.sns_topic_arn]\n"
          + "}\n";

  static Path module(Path dir, String text) throws IOException {
    Path m = dir.resolve("mcp_server");
    Files.createDirectories(m);
    Files.writeString(m.resolve("main.tf"), text);
    return m;
  }

  @Test
  void importTerraform_writesYamlThatValidates(@TempDir Path dir) throws IOException {
    Path m = module(dir, MODULE);
    Path out = dir.resolve("imported.yaml");

    Cli.Result r =
        Cli.run("import", "terraform", m.toString(), "--var", "appname=teams", "--var",
            "environment=prod", "-o", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out))
        .contains("apps: [teams]")
        .contains("# from " + m + "/main.tf:20 (aws_cloudwatch_metric_alarm.errors)")
        .contains("metric: '{app}-Errors'");
    Cli.Result v = Cli.run("validate", "-c", out.toString());
    assertThat(v.out()).doesNotContain("error:");
    assertThat(v.exit()).as(v.out()).isLessThan(2);
  }

  @Test
  void validate_tfDirectory_pointsAtTheTfLine(@TempDir Path dir) throws IOException {
    Path m = module(dir, MODULE.replace("[level=\\\"ERROR:*\\\", ...]", "5??"));

    Cli.Result r = Cli.run("validate", m.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out())
        .contains(m + "/main.tf:13:21: error: 5?? is not a wildcard")
        .contains("AWS rejects it at apply time: InvalidParameterException: Invalid character(s) in term")
        .contains("fix: pattern = \"[level, client, dash, request=*HTTP*, status=5*, ...]\"")
        // the live service's sections (smtp, sources) are not Terraform's business
        .doesNotContain("smtp")
        .doesNotContain("sources");
    Cli.Result json = Cli.run("validate", m.toString(), "--format", "json");
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.out())
        .contains("\"file\" : \"" + m + "/main.tf\"")
        .contains("\"line\" : 13")
        .contains("\"awsError\" : \"Invalid character(s) in term\"");
  }

  @Test
  void validate_unresolvable_isOneLineWithFileLineColumn(@TempDir Path dir) throws IOException {
    Path m = module(dir, MODULE.replace("threshold           = 2", "threshold = var.limit"));

    Cli.Result r = Cli.run("validate", m.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            m
                + "/main.tf:27:15: in var.limit: no variable limit is declared in the files read"
                + " (declared: appname, environment, sns_topic_arn)")
        .doesNotContain("Exception");
  }

  @Test
  void backtest_tfDirectory_replaysTheTerraformAlarms(@TempDir Path dir) throws IOException {
    Path m = module(dir, MODULE);
    Path log = dir.resolve("events.jsonl");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      sb.append("{\"timestamp\":\"2026-03-02T10:00:0")
          .append(i)
          .append("Z\",\"logGroup\":\"/ecs/prod/teams\",\"message\":\"ERROR:root:boom\"}\n");
    }
    Files.writeString(log, sb.toString());

    Cli.Result r =
        Cli.run("backtest", "-c", m.toString(), "--var", "appname=teams", "--var",
            "environment=prod", "--env", "prod", "--format", "json", "--no-progress",
            log.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\"alarmName\" : \"teams-prod-errors\"")
        .contains("\"metricName\" : \"teams-Errors\"")
        .contains("\"dimensions\" : { }")
        .contains("\"newState\" : \"ALARM\"");
  }

  @Test
  void exportTerraform_thenValidateTheExport_hasNoErrors(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("mcpwatch.yaml");
    assertThat(Cli.run("init", config.toString()).exit()).isZero();
    Path out = dir.resolve("infra");

    Cli.Result r = Cli.run("export", "terraform", "-c", config.toString(), "-o", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("wrote " + out.resolve("modules/mcp_server/alarms.tf"))
        .contains("not exported: early firing");
    assertThat(Files.readString(out.resolve("main/shared/main.tf")))
        .contains("name = \"aiconnectors-alarms-${var.environment}\"");
    Cli.Result v = Cli.run("validate", out.resolve("envs/prod").toString());
    assertThat(v.out()).as(v.out()).doesNotContain(": error:");
    assertThat(v.exit()).as(v.out()).isLessThan(2);

    Cli.Result cfn =
        Cli.run("export", "cloudformation", "-c", config.toString(), "-o", out.toString());
    assertThat(cfn.exit()).as(cfn.err()).isZero();
    assertThat(Files.readString(out.resolve("cloudformation/prod.yaml")))
        .contains("Type: 'AWS::CloudWatch::Alarm'");
  }
}
