package io.mcpwatch.config;

import io.mcpwatch.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Test helper: builds a {@link ConfigNode} tree with real positions from relaxed JSON (unquoted
 * keys, single quotes, comments), which is also YAML flow syntax. Core has no YAML library; the
 * CLI's YAML reader is tested in the CLI module.
 */
final class Trees {
  private Trees() {}

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  static ConfigNode parse(String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      p.nextToken();
      return node(p, text);
    }
  }

  /** Binds {@code text}. */
  static BindResult bind(String text) {
    return ConfigBinder.bind(parse(text));
  }

  private static ConfigNode node(JsonParser p, String text) {
    TokenStreamLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          List<ConfigNode.Entry> entries = new ArrayList<>();
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            TokenStreamLocation k = p.currentTokenLocation();
            String key = p.currentName();
            p.nextToken();
            entries.add(new ConfigNode.Entry(key, k.getLineNr(), k.getColumnNr(), node(p, text)));
          }
          return new ConfigNode.MapNode(entries, line, col);
        }
      case START_ARRAY:
        {
          List<ConfigNode> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p, text));
          }
          return new ConfigNode.ListNode(items, line, col);
        }
      case VALUE_STRING:
        {
          String s = p.getString();
          int offset = (int) at.getCharOffset();
          boolean verbatim = offset >= 0 && text.startsWith(s, offset + 1);
          return new ScalarNode(s, ScalarNode.Type.STRING, line, col, verbatim ? col + 1 : 0);
        }
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return ScalarNode.plain(p.getString(), ScalarNode.Type.NUMBER, line, col);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return ScalarNode.plain(p.getString(), ScalarNode.Type.BOOLEAN, line, col);
      case VALUE_NULL:
        return ScalarNode.plain("", ScalarNode.Type.NULL, line, col);
      default:
        throw new IllegalArgumentException("unexpected " + t);
    }
  }

  /** A small valid configuration (one environment, two apps, two alarms) to vary in tests. */
  static final String SMALL =
      String.join(
          "\n",
          "{",
          "  namespace: 'MCP/Security',",
          "  logGroup: '/ecs/aiconnectors-{env}-aiconnectors/{app}-main-svc/{app}',",
          "  environments: { dev: { topic: 'alarms-dev', subscribers: [ { email: 'o@example.com' }"
              + " ] } },",
          "  apps: [ 'sharepoint', 'teams' ],",
          "  defaults: { treatMissingData: 'notBreaching' },",
          "  alarms: {",
          "    'auth-failures': { metric: 'OBOAuthFailures', pattern: '\"OBO token exchange"
              + " failed\"', threshold: 5 },",
          "    'http-5xx': { metric: 'HTTP5xx', pattern: '[level, client, dash, request=*HTTP*,"
              + " status=5*, ...]', threshold: 10 },",
          "  },",
          "}");
}
