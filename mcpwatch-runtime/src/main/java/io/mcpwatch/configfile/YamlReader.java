package io.mcpwatch.configfile;

import io.mcpwatch.config.ConfigError;
import io.mcpwatch.config.ConfigNode;
import io.mcpwatch.config.ConfigNode.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Parses one YAML document into a {@link ConfigNode} tree with 1-based lines and columns, using
 * Jackson's YAML streaming parser (YAML 1.2: {@code no} stays a string). Scalars keep how they were
 * written: quoted ones are strings, and the column where their text starts verbatim is recorded so
 * pattern errors can point into the pattern. Aliases and multiple documents are rejected; a syntax
 * error is one {@link ConfigError}.
 */
final class YamlReader {
  private YamlReader() {}

  private static final YAMLFactory YAML = YAMLFactory.builder().build();
  private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");
  private static final Set<String> BOOLEANS =
      Set.of("true", "True", "TRUE", "false", "False", "FALSE");

  /** A YAML syntax error (or a construct mcpwatch does not read), with its position. */
  static final class YamlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ConfigError error;

    YamlException(ConfigError error) {
      super(error.message());
      this.error = error;
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws YamlException on a syntax error, an empty document, an alias or a second document
   */
  static ConfigNode parse(String text) {
    String src = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try (JsonParser p = YAML.createParser(ObjectReadContext.empty(), src)) {
      if (p.nextToken() == null) {
        throw new YamlException(
            new ConfigError("", 1, 1, "the file is empty; run mcpwatch init for a starting point"));
      }
      ConfigNode root = new Reader(p, src).node();
      if (p.nextToken() != null) {
        TokenStreamLocation at = p.currentTokenLocation();
        throw new YamlException(
            new ConfigError(
                "",
                at.getLineNr(),
                at.getColumnNr(),
                "a second YAML document (---) is not supported; put everything in one"));
      }
      return root;
    } catch (JacksonException e) {
      throw new YamlException(syntaxError(e));
    }
  }

  static ConfigError syntaxError(JacksonException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYamlEngineException) {
      MarkedYamlEngineException m = (MarkedYamlEngineException) cause;
      Mark mark = m.getProblemMark().orElse(m.getContextMark().orElse(null));
      StringBuilder msg =
          new StringBuilder("YAML syntax error: ").append(firstLine(m.getProblem()));
      if (m.getContext() != null && !m.getContext().isEmpty()) {
        msg.append(" (").append(firstLine(m.getContext()));
        m.getContextMark()
            .ifPresent(
                c ->
                    msg.append(" at ")
                        .append(c.getLine() + 1)
                        .append(':')
                        .append(c.getColumn() + 1));
        msg.append(')');
      }
      if (mark != null) {
        return new ConfigError("", mark.getLine() + 1, mark.getColumn() + 1, msg.toString());
      }
    }
    TokenStreamLocation at = e.getLocation();
    int line = at == null ? 0 : Math.max(0, at.getLineNr());
    int column = at == null ? 0 : Math.max(0, at.getColumnNr());
    return new ConfigError(
        "", line, column, "YAML syntax error: " + firstLine(e.getOriginalMessage()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Walks the token stream of one document. */
  private static final class Reader {
    private final JsonParser p;
    private final String src;

    Reader(JsonParser p, String src) {
      this.p = p;
      this.src = src;
    }

    /** The node starting at the current token. */
    ConfigNode node() {
      TokenStreamLocation at = p.currentTokenLocation();
      int line = at.getLineNr();
      int column = at.getColumnNr();
      JsonToken t = p.currentToken();
      if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
        throw new YamlException(
            new ConfigError(
                "",
                line,
                column,
                "YAML aliases (*"
                    + p.getString()
                    + ") are not supported; use defaults or overrides to share values"));
      }
      switch (t) {
        case START_OBJECT:
          {
            List<ConfigNode.Entry> entries = new ArrayList<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              TokenStreamLocation k = p.currentTokenLocation();
              String key = p.currentName();
              p.nextToken();
              entries.add(new ConfigNode.Entry(key, k.getLineNr(), k.getColumnNr(), node()));
            }
            return new ConfigNode.MapNode(entries, line, column);
          }
        case START_ARRAY:
          {
            List<ConfigNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              items.add(node());
            }
            return new ConfigNode.ListNode(items, line, column);
          }
        case VALUE_STRING:
          return string(p.getString(), line, column, (int) at.getCharOffset());
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return ScalarNode.plain(p.getString(), ScalarNode.Type.NUMBER, line, column);
        case VALUE_TRUE:
        case VALUE_FALSE:
          return ScalarNode.plain(p.getString(), ScalarNode.Type.BOOLEAN, line, column);
        case VALUE_NULL:
          return ScalarNode.plain("", ScalarNode.Type.NULL, line, column);
        default:
          throw new YamlException(
              new ConfigError("", line, column, "unsupported YAML content (" + t + ")"));
      }
    }

    /** A string scalar: its style decides whether it is really a string and where its text is. */
    private ScalarNode string(String text, int line, int column, int offset) {
      char first = offset >= 0 && offset < src.length() ? src.charAt(offset) : 0;
      if (first == '\'' || first == '"') {
        boolean verbatim = text.indexOf('\n') < 0 && src.startsWith(text + first, offset + 1);
        return new ScalarNode(
            text, ScalarNode.Type.STRING, line, column, verbatim ? column + 1 : 0);
      }
      if (first == '|' || first == '>' || first == '&' || first == '!') {
        return new ScalarNode(text, ScalarNode.Type.STRING, line, column, 0);
      }
      // plain: YAML 1.2 core-schema nulls and booleans that Jackson leaves as strings
      if (NULLS.contains(text)) {
        return ScalarNode.plain("", ScalarNode.Type.NULL, line, column);
      }
      if (BOOLEANS.contains(text)) {
        return ScalarNode.plain(
            text.toLowerCase(java.util.Locale.ROOT), ScalarNode.Type.BOOLEAN, line, column);
      }
      boolean verbatim = text.indexOf('\n') < 0 && src.startsWith(text, offset);
      return new ScalarNode(text, ScalarNode.Type.STRING, line, column, verbatim ? column : 0);
    }
  }
}
