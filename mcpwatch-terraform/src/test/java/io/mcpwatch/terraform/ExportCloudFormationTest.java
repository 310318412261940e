package io.mcpwatch.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.configfile.ConfigCheck;
import io.mcpwatch.configfile.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CloudFormation templates checked against the documented properties of the four resource
 * types (src/test/resources/cloudformation/properties.tsv, from AWS's template reference): every
 * property known and of its type, every required one present, every Ref resolvable.
 */
class ExportCloudFormationTest {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  record Prop(String type, boolean required) {}

  static Map<String, Map<String, Prop>> table() throws IOException {
    Map<String, Map<String, Prop>> t = new HashMap<>();
    for (String line :
        Files.readAllLines(Fixtures.path("cloudformation/properties.tsv"), StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      t.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], new Prop(f[2], f[3].equals("yes")));
    }
    return t;
  }

  @Test
  void render_initTemplate_everyResourceHasOnlyDocumentedPropertiesOfTheirTypes() throws Exception {
    ConfigCheck c = ConfigFiles.check("mcpwatch.yaml", ConfigFiles.initTemplate(), Map.of());
    TerraformExport.Files cfn =
        CloudFormationExport.render(c.config(), c.resolution().alarms(), "mcpwatch.yaml");
    assertThat(cfn.files().keySet())
        .containsExactly("cloudformation/dev.yaml", "cloudformation/prod.yaml");
    Map<String, Map<String, Prop>> table = table();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> file : cfn.files().entrySet()) {
      JsonNode root = YAML.readTree(file.getValue());
      assertThat(root.get("AWSTemplateFormatVersion").asString()).isEqualTo("2010-09-09");
      JsonNode resources = root.get("Resources");
      JsonNode params = root.get("Parameters");
      for (var e : resources.properties()) {
        String type = e.getValue().get("Type").asString();
        assertThat(table).as(type).containsKey(type);
        check(file.getKey() + " " + e.getKey(), type, e.getValue().get("Properties"), table, problems);
        refs(e.getValue(), resources, params, file.getKey() + " " + e.getKey(), problems);
      }
    }
    assertThat(problems).isEmpty();

    String prod = cfn.files().get("cloudformation/prod.yaml");
    JsonNode p = YAML.readTree(prod);
    JsonNode alarm = p.get("Resources").get("TeamsHttp5xxAlarm").get("Properties");
    assertThat(alarm.get("AlarmName").asString()).isEqualTo("teams-prod-http-5xx");
    assertThat(alarm.get("MetricName").asString()).isEqualTo("teams-HTTP5xx");
    assertThat(alarm.get("Threshold").asInt()).isEqualTo(10);
    assertThat(alarm.get("TreatMissingData").asString()).isEqualTo("notBreaching");
    JsonNode filter = p.get("Resources").get("TeamsHttp5xxFilter").get("Properties");
    assertThat(filter.get("FilterPattern").asString())
        .isEqualTo("[level, client, dash, request=*HTTP*, status=5*, ...]");
    assertThat(p.get("Parameters").get("Subscriber1Endpoint").get("Default").asString())
        .isEqualTo("owners@example.com");
    assertThat(p.get("Resources").get("AlarmTopic").get("Properties").get("TopicName").asString())
        .isEqualTo("aiconnectors-alarms-prod");
    assertThat(prod).contains("# - early firing").contains("# - chat subscribers");
  }

  @Test
  void render_alarmDimensions_becomeTheAlarmsDimensionsBesideTheFiltersField() throws Exception {
    String yaml =
        "namespace: Web\n"
            + "logGroup: /app/{app}\n"
            + "alarmName: '{app}-{env}-{alarm}'\n"
            + "environments:\n"
            + "  prod: { topic: web-prod, subscribers: [{ email: ops@example.com }] }\n"
            + "apps: [web]\n"
            + "defaults: { dimensions: null, period: 60 }\n"
            + "alarms:\n"
            + "  not-found:\n"
            + "    metric: Responses\n"
            + "    pattern: '[ip, user, status, bytes]'\n"
            + "    dimensions: { Status: $status }\n"
            + "    alarmDimensions: { Status: '404' }\n"
            + "    threshold: 5\n";
    ConfigCheck c = ConfigFiles.check("mcpwatch.yaml", yaml, Map.of());
    assertThat(c.errors()).isEmpty();
    TerraformExport.Files cfn =
        CloudFormationExport.render(c.config(), c.resolution().alarms(), "mcpwatch.yaml");
    JsonNode resources = YAML.readTree(cfn.files().get("cloudformation/prod.yaml")).get("Resources");
    Map<String, Map<String, Prop>> table = table();
    List<String> problems = new ArrayList<>();
    for (var e : resources.properties()) {
      String type = e.getValue().get("Type").asString();
      check(e.getKey(), type, e.getValue().get("Properties"), table, problems);
    }
    assertThat(problems).isEmpty();

    JsonNode alarm = resources.get("WebNotFoundAlarm").get("Properties");
    assertThat(alarm.get("MetricName").asString()).isEqualTo("Responses");
    assertThat(alarm.get("Dimensions")).hasSize(1);
    assertThat(alarm.get("Dimensions").get(0).get("Name").asString()).isEqualTo("Status");
    assertThat(alarm.get("Dimensions").get(0).get("Value").asString()).isEqualTo("404");
    JsonNode mt =
        resources.get("WebNotFoundFilter").get("Properties").get("MetricTransformations").get(0);
    assertThat(mt.get("Dimensions").get(0).get("Key").asString()).isEqualTo("Status");
    assertThat(mt.get("Dimensions").get(0).get("Value").asString()).isEqualTo("$status");
  }

  @Test
  void check_undocumentedPropertyOrWrongType_isReported() throws Exception {
    List<String> problems = new ArrayList<>();
    JsonNode props =
        YAML.readTree(
            "FilterPattern: x\nLogGroupName: g\nFilterPatern: y\n"
                + "MetricTransformations: [{ MetricName: m, MetricNamespace: n, MetricValue: '1', DefaultValue: zero }]\n");
    check("t", "AWS::Logs::MetricFilter", props, table(), problems);
    assertThat(problems)
        .containsExactly(
            "t: AWS::Logs::MetricFilter has no property FilterPatern",
            "t.MetricTransformations[].DefaultValue: expected Number, found \"zero\"");
  }

  private static void check(
      String where, String type, JsonNode props, Map<String, Map<String, Prop>> table, List<String> problems) {
    Map<String, Prop> known = table.get(type);
    for (var p : props.properties()) {
      Prop prop = known.get(p.getKey());
      if (prop == null) {
        problems.add(where + ": " + type + " has no property " + p.getKey());
        continue;
      }
      checkValue(where + "." + p.getKey(), prop.type(), p.getValue(), table, problems);
    }
    known.forEach(
        (name, prop) -> {
          if (prop.required() && !props.has(name)) {
            problems.add(where + ": required property " + name + " is missing");
          }
        });
  }

  private static void checkValue(
      String where, String type, JsonNode v, Map<String, Map<String, Prop>> table, List<String> problems) {
    if (v.isObject() && (v.has("Ref") || v.has("Fn::GetAtt") || v.has("Fn::Sub"))) {
      return; // an intrinsic function: its value is computed
    }
    if (type.startsWith("List<")) {
      if (!v.isArray()) {
        problems.add(where + ": expected a list");
        return;
      }
      String inner = type.substring(5, type.length() - 1);
      for (JsonNode item : v) {
        checkValue(where + "[]", inner, item, table, problems);
      }
      return;
    }
    boolean ok;
    switch (type) {
      case "String":
        ok = v.isString();
        break;
      case "Integer":
        ok = v.isIntegralNumber();
        break;
      case "Number":
        ok = v.isNumber();
        break;
      case "Boolean":
        ok = v.isBoolean();
        break;
      case "Json":
        ok = true;
        break;
      default:
        ok = v.isObject();
        if (ok) {
          check(where, type, v, table, problems);
        }
    }
    if (!ok) {
      problems.add(where + ": expected " + type + ", found " + v);
    }
  }

  private static void refs(JsonNode n, JsonNode resources, JsonNode params, String where, List<String> problems) {
    if (n.isObject()) {
      if (n.has("Ref")) {
        String r = n.get("Ref").asString();
        if (!resources.has(r) && (params == null || !params.has(r))) {
          problems.add(where + ": Ref " + r + " names no resource or parameter");
        }
      }
      for (var e : n.properties()) {
        refs(e.getValue(), resources, params, where, problems);
      }
    } else if (n.isArray()) {
      for (JsonNode x : n) {
        refs(x, resources, params, where, problems);
      }
    }
    if (n.isObject() && n.has("DependsOn") && !resources.has(n.get("DependsOn").asString())) {
      problems.add(where + ": DependsOn names no resource");
    }
  }
}
