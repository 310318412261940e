package io.mcpwatch.configfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.config.ConfigNode.MapNode;
import io.mcpwatch.config.ConfigNode.ScalarNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  private static ConfigNode value(ConfigNode map, String key) {
    return ((MapNode) map)
        .entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow().value();
  }

  private static ConfigError error(String yaml) {
    try {
      YamlReader.parse(yaml);
    } catch (YamlReader.YamlException e) {
      return e.error;
    }
    throw new AssertionError("no error for " + yaml);
  }

  @Test
  void parse_mapsListsAndScalars_keepPositions() {
    String yaml =
        "namespace: MCP/Security\n"
            + "alarms:\n"
            + "  errors: { pattern: 'ERROR', threshold: 20 }\n"
            + "apps: [a, {name: b}]\n";
    ConfigNode root = YamlReader.parse(yaml);

    MapNode top = (MapNode) root;
    assertThat(top.entries())
        .extracting(ConfigNode.Entry::key)
        .containsExactly("namespace", "alarms", "apps");
    assertThat(top.entries().get(1).line()).isEqualTo(2);
    assertThat(top.entries().get(1).column()).isEqualTo(1);
    ConfigNode errors = value(value(root, "alarms"), "errors");
    ConfigNode.Entry pattern = ((MapNode) errors).entries().get(0);
    assertThat(pattern.line()).isEqualTo(3);
    assertThat(pattern.column()).isEqualTo(13);
    ScalarNode p = (ScalarNode) pattern.value();
    assertThat(p.text()).isEqualTo("ERROR");
    assertThat(p.column()).isEqualTo(22);
    assertThat(p.textColumn()).isEqualTo(23);
    ScalarNode t = (ScalarNode) value(errors, "threshold");
    assertThat(t.type()).isEqualTo(ScalarNode.Type.NUMBER);
    assertThat(t.column()).isEqualTo(42);
    List<ConfigNode> apps = ((ConfigNode.ListNode) value(root, "apps")).items();
    assertThat(apps.get(1)).isInstanceOf(MapNode.class);
    assertThat(apps.get(1).column()).isEqualTo(11);
  }

  @Test
  void parse_scalarTypes_followYaml12() {
    ConfigNode root =
        YamlReader.parse(
            "a: 5\nb: '5'\nc: no\nd: ~\ne:\nf: True\ng: 2.5\nh: \"x\"\ni: null\nj: |\n  text\n");

    assertThat(((ScalarNode) value(root, "a")).type()).isEqualTo(ScalarNode.Type.NUMBER);
    assertThat(((ScalarNode) value(root, "b")).type()).isEqualTo(ScalarNode.Type.STRING);
    assertThat(((ScalarNode) value(root, "c")).text()).isEqualTo("no");
    assertThat(((ScalarNode) value(root, "c")).type()).isEqualTo(ScalarNode.Type.STRING);
    assertThat(((ScalarNode) value(root, "d")).type()).isEqualTo(ScalarNode.Type.NULL);
    assertThat(((ScalarNode) value(root, "e")).type()).isEqualTo(ScalarNode.Type.NULL);
    assertThat(((ScalarNode) value(root, "f")).type()).isEqualTo(ScalarNode.Type.BOOLEAN);
    assertThat(((ScalarNode) value(root, "f")).text()).isEqualTo("true");
    assertThat(((ScalarNode) value(root, "g")).type()).isEqualTo(ScalarNode.Type.NUMBER);
    assertThat(((ScalarNode) value(root, "i")).type()).isEqualTo(ScalarNode.Type.NULL);
    ScalarNode block = (ScalarNode) value(root, "j");
    assertThat(block.text()).isEqualTo("text\n");
    assertThat(block.textColumn()).isZero();
  }

  @Test
  void parse_quotedWithEscapes_hasNoVerbatimColumn() {
    ConfigNode root = YamlReader.parse("a: 'it''s'\nb: \"x\\\"y\"\nc: plain words\n");

    assertThat(((ScalarNode) value(root, "a")).text()).isEqualTo("it's");
    assertThat(((ScalarNode) value(root, "a")).textColumn()).isZero();
    assertThat(((ScalarNode) value(root, "b")).textColumn()).isZero();
    assertThat(((ScalarNode) value(root, "c")).textColumn()).isEqualTo(4);
  }

  @Test
  void parse_syntaxErrors_pointAtTheProblem() {
    ConfigError tab = error("a: 1\nb:\n\tc: 3\n");
    assertThat(tab.line()).isEqualTo(3);
    assertThat(tab.column()).isEqualTo(1);
    assertThat(tab.message())
        .startsWith("YAML syntax error: found character '\\t(TAB)' that cannot start any token");

    ConfigError flow = error("a: [1, 2\nb: c\n");
    assertThat(flow.line()).isEqualTo(2);
    assertThat(flow.column()).isEqualTo(2);
    assertThat(flow.message())
        .isEqualTo(
            "YAML syntax error: expected ',' or ']', but got : (while parsing a flow sequence at"
                + " 1:4)");

    ConfigError mapping = error("a: b: c\n");
    assertThat(mapping.line() + ":" + mapping.column()).isEqualTo("1:5");
  }

  @Test
  void parse_unsupportedConstructs_areErrors() {
    assertThat(error("").message()).startsWith("the file is empty");
    assertThat(error("a: &x 1\nb: *x\n").message())
        .startsWith("YAML aliases (*x) are not supported");
    ConfigError second = error("a: 1\n---\nb: 2\n");
    assertThat(second.line()).isEqualTo(3);
    assertThat(second.message()).startsWith("a second YAML document");
  }

  @Test
  void parse_byteOrderMark_isSkipped() {
    ConfigNode root = YamlReader.parse("\uFEFFa: 1\n");

    assertThat(((MapNode) root).entries().get(0).key()).isEqualTo("a");
  }

  @Test
  void parse_arbitraryText_eitherParsesOrReportsAPosition() {
    qt().withExamples(500)
        .forAll(strings().ascii().ofLengthBetween(0, 40))
        .check(
            s -> {
              try {
                YamlReader.parse(s);
                return true;
              } catch (YamlReader.YamlException e) {
                return e.error.line() >= 0 && e.error.message().length() > 0;
              }
            });
  }

  @Test
  void parse_nonMapRoot_isReturnedForTheBinderToReport() {
    assertThat(((ScalarNode) YamlReader.parse("---\n...\n")).type())
        .isEqualTo(ScalarNode.Type.NULL);
    assertThat(YamlReader.parse("just text")).isInstanceOf(ScalarNode.class);
  }
}
