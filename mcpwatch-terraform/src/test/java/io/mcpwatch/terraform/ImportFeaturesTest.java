package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Terraform features of {@code features/root/main.tf}, each pinned to what it becomes. */
class ImportFeaturesTest {
  private static final String ROOT = Fixtures.path("features/root").toString();

  @Test
  void load_defaults_countOverAppsLocalsFormatUpperAndResourceReferences() throws Exception {
    ImportedConfig c = TerraformImport.load(List.of(ROOT), List.of(), List.of());

    assertThat(c.yaml())
        .contains("namespace: MCP\n") // upper("mcp") through a local
        .contains("logGroup: '/svc/{app}/{env}'\n") // interpolation of var.apps[count.index]
        .contains("alarmName: '{app}-{env}-{alarm}'\n") // format("%s-%s-errors", ...)
        .contains("  dev:\n    topic: dev-alarms-topic\n") // format + lower, aws_sns_topic.x.arn
        .contains("apps: [alpha, beta]\n") // count = length(var.apps)
        .contains("    metric: Errors\n") // ...metric_transformation[0].name
        .contains("    threshold: 5\n") // the variable's default
        .contains("    datapointsToAlarm: 2\n")
        .contains("    treatMissingData: breaching\n")
        .contains("    okActions: ['{topic}']\n")
        .contains("# from " + ROOT + "/main.tf:50 (aws_cloudwatch_metric_alarm.errors)");
    // the YAML loads with the real loader, without errors
    ConfigCheck check = ConfigFiles.check("imported.yaml", c.yaml(), Map.of());
    assertThat(check.errors()).isEmpty();
    assertThat(check.alarmCount()).isEqualTo(2);
  }

  @Test
  void load_varFileAndVar_overrideTheDefaults() throws Exception {
    ImportedConfig c =
        TerraformImport.load(
            List.of(ROOT), List.of("apps=[\"gamma\"]"), List.of(ROOT + "/prod.tfvars"));

    assertThat(c.yaml())
        .contains("apps: [gamma]\n")
        .contains("  Prod:\n    topic: prod-alarms-topic\n") // lower(var.env) in the topic name
        .contains("subscribers: [{ email: oncall@example.com }, { email: owners@example.com }]")
        .contains("    threshold: 7\n");
    assertThat(ConfigFiles.check("imported.yaml", c.yaml(), Map.of()).errors()).isEmpty();
  }

  @Test
  void load_adrRoot_yamlLoadsWithTheRealLoaderAtTheEmittersPositions() throws Exception {
    ImportedConfig c =
        TerraformImport.load(
            List.of(Fixtures.path("adr/infra/main/dev").toString()), List.of(), List.of());
    // the real YAML reader finds every error and finding where the emitter's node tree put it,
    // so positions in the YAML map back to the .tf files
    ConfigCheck check = ConfigFiles.check("imported.yaml", c.yaml(), Map.of());
    io.mcpwatch.config.BindResult tree = io.mcpwatch.config.ConfigBinder.bind(c.root());
    io.mcpwatch.config.Resolution res = io.mcpwatch.config.ConfigResolver.resolve(tree.config());
    assertThat(check.errors()).isEqualTo(tree.errors()).hasSize(2);
    assertThat(check.findings()).isEqualTo(io.mcpwatch.lint.Linter.lint(tree.config(), res));
  }
}
