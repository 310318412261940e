package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.ConfigResolver;
import io.mcpwatch.config.Resolution;
import io.mcpwatch.config.ResolvedAlarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTerraformTest {

  static ImportedConfig load(String... paths) throws Exception {
    return TerraformImport.load(List.of(paths), List.of(), List.of());
  }

  @Test
  void load_adrModuleAlone_givesTheAdrsFourAlarmsWithTheirSourceLines() throws Exception {
    String module = Fixtures.path("adr/infra/modules/mcp_server").toString();
    ImportedConfig c = load(module);

    assertThat(c.yaml())
        .contains("logGroup: '/ecs/aiconnectors-{env}-aiconnectors/{app}-main-svc/{app}'")
        .contains("alarmName: '{app}-{env}-{alarm}'")
        .contains("# from " + module + "/alarms.tf:20 (aws_cloudwatch_metric_alarm.auth_failures)")
        .contains("# from " + module + "/alarms.tf:104 (aws_cloudwatch_metric_alarm.http_5xx)")
        .contains("pattern: '4??'")
        .contains("dimensions: { MCP: '{app}' }");
    assertThat(c.notes())
        .anySatisfy(n -> assertThat(n).startsWith("var.sns_topic_arn has no value here"));
    BindResult bound = ConfigBinder.bind(c.root());
    // AWS rejects 4?? and 5??; everything else binds
    assertThat(bound.errors())
        .extracting(ConfigError::path)
        .containsExactly("alarms.http-4xx.pattern", "alarms.http-5xx.pattern");
    assertThat(bound.config().alarms())
        .extracting(a -> a.name())
        .containsExactly("auth-failures", "errors", "http-4xx", "http-5xx");
    assertThat(bound.config().apps()).extracting(a -> a.name()).containsExactly("appname");
  }

  @Test
  void load_adrRoot_readsTheModuleOncePerAppAndTheSharedTopic() throws Exception {
    ImportedConfig c = load(Fixtures.path("adr/infra/main/dev").toString());

    assertThat(c.yaml())
        .contains("apps: [sharepoint, outlook, databricks, teams]")
        .contains("    topic: aiconnectors-alarms-dev\n")
        .contains("subscribers: [{ email: owners@example.com }]")
        .contains("overrides: []");
    BindResult bound = ConfigBinder.bind(c.root());
    assertThat(bound.errors()).hasSize(2);
    Resolution r = ConfigResolver.resolve(bound.config());
    List<String> names =
        r.alarms().stream().map(a -> a.spec().alarmName()).collect(Collectors.toList());
    // 4 apps x the 2 alarms whose patterns AWS accepts (4?? and 5?? are errors above)
    assertThat(names).hasSize(4 * 2).contains("sharepoint-dev-auth-failures", "teams-dev-errors");
  }

  @Test
  void load_withVars_setsTheModulesVariables() throws Exception {
    String module = Fixtures.path("adr/infra/modules/mcp_server").toString();
    ImportedConfig c =
        TerraformImport.load(
            List.of(module),
            List.of("appname=outlook", "environment=prod", "sns_topic_arn=arn:aws:sns:us-east-1:123456789012:alarms-prod"),
            List.of());
    assertThat(c.yaml())
        .contains("apps: [outlook]")
        .contains("  prod:\n    topic: alarms-prod")
        .contains("alarmActions: ['{topic}']");
  }

  @Test
  void load_unresolvableReference_isAnErrorNamingFileLineColumnAndExpression(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("main.tf"),
        "variable \"threshold\" {\n  type = number\n}\n"
            + "resource \"aws_cloudwatch_log_metric_filter\" \"f\" {\n"
            + "  name = \"f\"\n  log_group_name = \"/app\"\n  pattern = \"ERROR\"\n"
            + "  metric_transformation {\n    name = \"Errors\"\n    namespace = \"App\"\n"
            + "    value = \"1\"\n  }\n}\n"
            + "resource \"aws_cloudwatch_metric_alarm\" \"a\" {\n"
            + "  alarm_name = \"errors\"\n  namespace = \"App\"\n  metric_name = \"Errors\"\n"
            + "  statistic = \"Sum\"\n  period = 60\n  evaluation_periods = 1\n"
            + "  comparison_operator = \"GreaterThanThreshold\"\n"
            + "  threshold = var.threshold * 2\n}\n");
    String shown = dir.toString();
    assertThatThrownBy(() -> load(shown))
        .isInstanceOf(TerraformImport.ImportException.class)
        .hasMessage(
            shown
                + "/main.tf:22:15: cannot resolve var.threshold * 2: var.threshold is not known"
                + " (variable threshold (declared at "
                + shown
                + "/main.tf:1:1) has no default and no value; pass --var threshold=VALUE or"
                + " --var-file)");
  }

  @Test
  void load_moduleCallingItselfOrACyclicLocal_isAnErrorNotAHang(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("main.tf"), "module \"again\" {\n  source = \"./\"\n}\n");
    String shown = dir.toString();
    assertThatThrownBy(() -> load(shown))
        .isInstanceOf(TerraformImport.ImportException.class)
        .hasMessageContaining("modules are nested more than 16 deep (does a module call itself?)");

    Files.writeString(
        dir.resolve("main.tf"),
        "locals {\n  a = local.b\n  b = local.a\n}\n"
            + "resource \"aws_sns_topic\" \"t\" {\n  name = local.a\n}\n"
            + "resource \"aws_cloudwatch_metric_alarm\" \"x\" {\n  alarm_name = \"x\"\n"
            + "  metric_name = local.a\n  namespace = \"n\"\n}\n");
    assertThatThrownBy(() -> load(shown))
        .isInstanceOf(TerraformImport.ImportException.class)
        .hasMessageContaining("main.tf:2:3: local.a refers to itself");
  }
}
