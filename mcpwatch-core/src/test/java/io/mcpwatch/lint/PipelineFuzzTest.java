package io.mcpwatch.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.mcpwatch.config.AlarmField;
import io.mcpwatch.config.BindResult;
import io.mcpwatch.config.ConfigBinder;
import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.ConfigFixtures;
import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.config.ConfigNode.ScalarNode;
import io.mcpwatch.config.ConfigResolver;
import io.mcpwatch.config.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile documents: random mutations of a valid configuration never make binding, resolution or
 * linting throw, and every error they report has a path and a position inside the document.
 */
class PipelineFuzzTest {
  private static final ConfigNode ADR = ConfigFixtures.parse(ConfigFixtures.adr());
  private static final String[] WORDS = {
    "",
    " ",
    "dev",
    "prod",
    "teams",
    "errors",
    "http-4xx",
    "{app}",
    "{env}-{alarm}",
    "{nope}",
    "{",
    "4??",
    "\"4??\"",
    "ERROR",
    "?ERROR ?WARN x",
    "[a, b=5*, ...]",
    "{ $.level = \"ERROR\" }",
    "%x??%",
    "$status",
    "$.a",
    "1",
    "-1",
    "0",
    "1e309",
    "NaN",
    "Sum",
    "Maximum",
    "LessThanThreshold",
    "breaching",
    "notBreaching",
    "p99",
    "owners@example.com",
    "AWS/Logs",
    "a:b",
    "\u0000",
    "x".repeat(300),
    "[",
    "{ $.a = ",
    "\"unterminated"
  };

  @Test
  void pipeline_mutatedDocuments_neverThrow() {
    qt().withExamples(300)
        .forAll(longs().all())
        .check(
            seed -> {
              Random rnd = new Random(seed);
              ConfigNode doc = mutate(ADR, rnd, 0);
              BindResult b = ConfigBinder.bind(doc);
              Resolution r = ConfigResolver.resolve(b.config());
              List<Finding> findings = Linter.lint(b.config(), r);
              List<ConfigError> errors = new ArrayList<>(b.errors());
              errors.addAll(r.errors());
              for (ConfigError e : errors) {
                assertThat(e.line()).isBetween(0, 30);
              }
              for (Finding f : findings) {
                assertThat(f.line()).isBetween(0, 30);
              }
              return true;
            });
  }

  @Test
  void pipeline_randomDocuments_neverThrow() {
    qt().withExamples(500)
        .forAll(longs().all())
        .check(
            seed -> {
              Random rnd = new Random(seed);
              ConfigNode doc = random(rnd, 0);
              BindResult b = ConfigBinder.bind(doc);
              Linter.lint(b.config(), ConfigResolver.resolve(b.config()));
              return true;
            });
  }

  private static ConfigNode mutate(ConfigNode node, Random rnd, int depth) {
    if (rnd.nextInt(12) == 0) {
      return random(rnd, depth);
    }
    if (node instanceof ConfigNode.MapNode) {
      List<ConfigNode.Entry> entries = new ArrayList<>();
      for (ConfigNode.Entry e : ((ConfigNode.MapNode) node).entries()) {
        if (rnd.nextInt(20) == 0) {
          continue; // drop the key
        }
        String key = rnd.nextInt(25) == 0 ? key(rnd) : e.key();
        entries.add(
            new ConfigNode.Entry(key, e.line(), e.column(), mutate(e.value(), rnd, depth + 1)));
      }
      if (rnd.nextInt(10) == 0) {
        entries.add(
            new ConfigNode.Entry(key(rnd), node.line(), node.column(), random(rnd, depth + 1)));
      }
      return new ConfigNode.MapNode(entries, node.line(), node.column());
    }
    if (node instanceof ConfigNode.ListNode) {
      List<ConfigNode> items = new ArrayList<>();
      for (ConfigNode item : ((ConfigNode.ListNode) node).items()) {
        items.add(mutate(item, rnd, depth + 1));
        if (rnd.nextInt(15) == 0) {
          items.add(item);
        }
      }
      return new ConfigNode.ListNode(items, node.line(), node.column());
    }
    return node;
  }

  private static String key(Random rnd) {
    List<String> keys = AlarmField.keys();
    String[] extra = {
      "env",
      "app",
      "alarm",
      "name",
      "topic",
      "subscribers",
      "email",
      "alarms",
      "apps",
      "defaults",
      "overrides",
      "x"
    };
    return rnd.nextBoolean()
        ? keys.get(rnd.nextInt(keys.size()))
        : extra[rnd.nextInt(extra.length)];
  }

  private static ConfigNode random(Random rnd, int depth) {
    int line = 1 + rnd.nextInt(20);
    int column = 1 + rnd.nextInt(60);
    int kind = depth > 4 ? 0 : rnd.nextInt(4);
    switch (kind) {
      case 1:
        {
          List<ConfigNode.Entry> entries = new ArrayList<>();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            entries.add(new ConfigNode.Entry(key(rnd), line, column, random(rnd, depth + 1)));
          }
          return new ConfigNode.MapNode(entries, line, column);
        }
      case 2:
        {
          List<ConfigNode> items = new ArrayList<>();
          for (int i = rnd.nextInt(4); i > 0; i--) {
            items.add(random(rnd, depth + 1));
          }
          return new ConfigNode.ListNode(items, line, column);
        }
      default:
        ScalarNode.Type type = ScalarNode.Type.values()[rnd.nextInt(4)];
        String text =
            type == ScalarNode.Type.NUMBER
                ? String.valueOf(rnd.nextInt(1000) - 100)
                : type == ScalarNode.Type.BOOLEAN
                    ? String.valueOf(rnd.nextBoolean())
                    : type == ScalarNode.Type.NULL ? "" : WORDS[rnd.nextInt(WORDS.length)];
        return new ScalarNode(text, type, line, column, rnd.nextBoolean() ? column + 1 : 0);
    }
  }
}
