package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.lint.Severity;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValidateTerraformTest {

  @Test
  void check_adrModule_reportsTheThreeProblemsAtTheirTfLines() throws Exception {
    String module = Fixtures.path("adr/infra/modules/mcp_server").toString();
    ImportedConfig c = TerraformImport.load(List.of(module), List.of(), List.of());
    List<TerraformLint.TfFinding> findings = TerraformLint.check(c);
    String report = findings.stream().map(TerraformLint.TfFinding::render).collect(Collectors.joining());
    String alarms = module + "/alarms.tf";

    // 4?? and 5??: AWS rejects them; the column is the 4 of "4??"
    assertThat(report)
        .contains(alarms + ":66:21: error: 4?? is not a wildcard")
        .contains(alarms + ":94:21: error: 5?? is not a wildcard")
        .contains("AWS rejects it at apply time: InvalidParameterException: Invalid character(s) in term")
        .contains("fix: pattern = \"[level, client, dash, request=*HTTP*, status=4*, ...]\"");
    // "ERROR" counts lines that merely mention ERROR
    assertThat(report)
        .contains(alarms + ":38:21: warning: ERROR is a substring search")
        .contains(
            "fix: pattern = \"[level=\\\"ERROR:*\\\" || level=\\\"CRITICAL:*\\\", ...]\"");
    // MCP = var.appname: AWS rejects a static dimension on a term pattern
    assertThat(report)
        .contains(alarms + ":16:26: error: a metric filter cannot set a static dimension value (MCP = var.appname)")
        .contains("InvalidParameterException: The specified filter pattern does not support dimensions")
        .contains("name = \"${var.appname}-OBOAuthFailures\"");
    assertThat(findings)
        .filteredOn(f -> f.severity() == Severity.ERROR)
        .extracting(f -> f.at().line())
        .containsExactly(16, 44, 66, 72, 94, 100);
    assertThat(findings).allSatisfy(f -> assertThat(f.at()).isNotNull());
    assertThat(TerraformLint.exitCode(findings)).isEqualTo(2);
  }
}
