package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import io.mcpwatch.terraform.hcl.HclParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported Terraform: the ADR's resources, valid HCL, formatted as terraform fmt would. */
class ExportTerraformTest {
  @TempDir Path dir;

  static TerraformExport.Files exportInit() {
    ConfigCheck c = ConfigFiles.check("mcpwatch.yaml", ConfigFiles.initTemplate(), Map.of());
    return TerraformExport.render(c.config(), c.resolution().alarms(), "mcpwatch.yaml");
  }

  @Test
  void render_initTemplate_givesTheAdrsLayoutAndNames() {
    TerraformExport.Files tf = exportInit();

    assertThat(tf.files().keySet())
        .containsExactly(
            "modules/mcp_server/variables.tf",
            "modules/mcp_server/alarms.tf",
            "main/shared/main.tf",
            "envs/dev/main.tf",
            "envs/prod/main.tf");
    String alarms = tf.files().get("modules/mcp_server/alarms.tf");
    assertThat(alarms)
        .contains("alarm_name          = \"${var.appname}-${var.environment}-http-4xx\"")
        .contains("pattern        = \"[level, client, dash, request=*HTTP*, status=4*, ...]\"")
        .contains("name      = \"${var.appname}-HTTP4xx\"")
        .contains("treat_missing_data  = \"notBreaching\"")
        .contains("alarm_actions       = [var.sns_topic_arn]")
        .contains("# - early firing (engine.earlyFiring: true)")
        .contains("quoted in mcpwatch's e-mails")
        .doesNotContain("dimensions =");
    assertThat(tf.files().get("main/shared/main.tf"))
        .contains("name = \"aiconnectors-alarms-${var.environment}\"")
        .contains("variable \"alarm_email_subscribers\" {")
        .contains("endpoint  = var.alarm_email_subscribers[count.index]");
  }

  @Test
  void render_everyFile_parsesWithTheHclParser() {
    exportInit().files().forEach((name, text) -> assertThat(HclParser.parse(name, text)).isNotNull());
  }

  @Test
  @Tag("slow")
  void render_everyFile_isFormattedAsTerraformFmtWould() throws Exception {
    Path terraform = Path.of("/usr/local/bin/terraform");
    assumeTrue(Files.isExecutable(terraform), "terraform is not installed: fmt check skipped");
    exportInit().write(dir);
    Process p =
        new ProcessBuilder(terraform.toString(), "fmt", "-check", "-diff", "-recursive", dir.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  /**
   * HashiCorp's own HCL parser (compiled to WASM in npm {@code @cdktf/hcl2json}) reads every file;
   * installed under target/ when node and npm are present, else skipped with a message.
   */
  @Test
  @Tag("slow")
  void render_everyFile_parsesWithHashicorpsParser() throws Exception {
    Path node = Path.of("/usr/bin/node");
    Path npm = Path.of("/usr/bin/npm");
    assumeTrue(Files.isExecutable(node) && Files.isExecutable(npm), "node/npm not found: skipped");
    Path tools = Path.of("target", "hcl2json").toAbsolutePath();
    Path pkg = tools.resolve("node_modules/@cdktf/hcl2json");
    if (!Files.isDirectory(pkg)) {
      Files.createDirectories(tools);
      Process install =
          new ProcessBuilder(npm.toString(), "install", "--no-audit", "--no-fund", "--prefix",
                  tools.toString(), "@cdktf/hcl2json@0.21.0")
              .redirectErrorStream(true)
              .start();
      String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean done = install.waitFor(300, TimeUnit.SECONDS);
      assumeTrue(done && install.exitValue() == 0 && Files.isDirectory(pkg),
          "npm install @cdktf/hcl2json@0.21.0 failed, skipped: " + log);
    }
    exportInit().write(dir);
    List<String> files = new ArrayList<>();
    try (var s = Files.walk(dir)) {
      s.filter(f -> f.toString().endsWith(".tf")).forEach(f -> files.add(f.toString()));
    }
    Path script = tools.resolve("check.js");
    Files.writeString(
        script,
        "const { parse } = require('@cdktf/hcl2json');\n"
            + "const fs = require('fs');\n"
            + "(async () => {\n"
            + "  for (const f of process.argv.slice(2)) {\n"
            + "    const json = await parse(f, fs.readFileSync(f, 'utf8'));\n"
            + "    console.log(f + ' ' + Object.keys(json).join(','));\n"
            + "    if (f.endsWith('alarms.tf')) console.log(JSON.stringify(json));\n"
            + "  }\n"
            + "})().catch(e => { console.error(String(e)); process.exit(1); });\n");
    List<String> cmd = new ArrayList<>(List.of(node.toString(), script.toString()));
    cmd.addAll(files);
    Process p = new ProcessBuilder(cmd).directory(tools.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("alarms.tf locals,resource")
        .contains("main.tf module")
        .contains("main.tf output,resource,variable")
        // HashiCorp's parser reads the same pattern text as mcpwatch wrote
        .contains("\"pattern\":\"[level, client, dash, request=*HTTP*, status=4*, ...]\"");
  }

}
