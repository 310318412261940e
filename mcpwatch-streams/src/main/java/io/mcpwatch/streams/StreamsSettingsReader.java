package io.mcpwatch.streams;

import io.mcpwatch.configfile.ConfigFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds the {@code kafka:} section of the configuration file (the rest is bound by {@link
 * io.mcpwatch.configfile.ConfigFiles}, which skips this section). Values may use {@code ${NAME}}
 * for environment variables (secrets such as {@code sasl.jaas.config}). All errors are reported at
 * once, each as {@code FILE: kafka.key: what was expected}.
 */
final class StreamsSettingsReader {
  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final Set<String> KEYS =
      Set.of("bootstrapServers", "applicationId", "inputTopics", "transitionsTopic", "partitions",
          "clock", "stateDir", "tickSeconds", "properties");

  private StreamsSettingsReader() {}

  static StreamsSettings read(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigFileException(file + ": cannot read: " + e.getMessage());
    }
    return read(file.toString(), text, env, file.toAbsolutePath().getParent());
  }

  static StreamsSettings read(String name, String text, Map<String, String> env, Path baseDir) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      throw new ConfigFileException(name + ": not valid YAML (mcpwatch validate -c " + name
          + " shows where)");
    }
    JsonNode k = root == null ? null : root.get("kafka");
    if (k == null || k.isNull() || k.isMissingNode()) {
      throw new ConfigFileException(name + ": kafka: missing; mcpwatch streams needs at least"
          + " kafka.bootstrapServers and kafka.inputTopics (see docs/streams.md)");
    }
    List<String> errors = new ArrayList<>();
    if (!k.isObject()) {
      throw new ConfigFileException(name + ": kafka: expected a map of settings");
    }
    for (String key : k.propertyNames()) {
      if (!KEYS.contains(key)) {
        errors.add("kafka." + key + ": unknown key (expected one of " + new java.util.TreeSet<>(KEYS)
            + ")");
      }
    }
    String bootstrap = string(k, "bootstrapServers", null, env, errors);
    String appId = string(k, "applicationId", "mcpwatch", env, errors);
    List<String> inputs = new ArrayList<>();
    JsonNode in = k.get("inputTopics");
    if (in == null) {
      errors.add("kafka.inputTopics: missing; expected a list of topic names");
    } else if (in.isString()) {
      inputs.add(in.asString());
    } else if (in.isArray() && !in.isEmpty()) {
      for (int i = 0; i < in.size(); i++) {
        if (in.get(i).isString() && !in.get(i).asString().isBlank()) {
          inputs.add(in.get(i).asString());
        } else {
          errors.add("kafka.inputTopics[" + i + "]: expected a topic name");
        }
      }
    } else {
      errors.add("kafka.inputTopics: expected a list of topic names");
    }
    String transitions = string(k, "transitionsTopic", "mcpwatch-transitions", env, errors);
    int partitions = (int) number(k, "partitions", 6, 1, 10_000, errors);
    String clockText = string(k, "clock", "wall", env, errors);
    StreamsSettings.ClockMode clock = StreamsSettings.ClockMode.WALL;
    if (clockText != null) {
      try {
        clock = StreamsSettings.ClockMode.valueOf(clockText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add("kafka.clock: expected wall or event, got \"" + clockText + "\"");
      }
    }
    String stateDir = string(k, "stateDir", "mcpwatch-streams-state", env, errors);
    long tick = number(k, "tickSeconds", 1, 1, 60, errors);
    Map<String, String> props = new LinkedHashMap<>();
    JsonNode p = k.get("properties");
    if (p != null && !p.isNull()) {
      if (!p.isObject()) {
        errors.add("kafka.properties: expected a map of Kafka client properties");
      } else {
        for (Map.Entry<String, JsonNode> e : p.properties()) {
          JsonNode v = e.getValue();
          if (v.isValueNode() && !v.isNull()) {
            props.put(e.getKey(), substitute(v.asString(), env, "kafka.properties." + e.getKey(),
                errors));
          } else {
            errors.add("kafka.properties." + e.getKey() + ": expected a scalar value");
          }
        }
      }
    }
    if (bootstrap == null) {
      errors.add("kafka.bootstrapServers: missing; expected host:port[,host:port...]");
    }
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder(name + " has " + errors.size()
          + (errors.size() == 1 ? " error" : " errors") + " in kafka:");
      errors.forEach(e -> sb.append('\n').append(name).append(": ").append(e));
      throw new ConfigFileException(sb.toString());
    }
    Path dir = Path.of(stateDir);
    if (!dir.isAbsolute() && baseDir != null) {
      dir = baseDir.resolve(dir);
    }
    return new StreamsSettings(bootstrap, appId, inputs, transitions, partitions, clock, dir,
        tick * 1000, props);
  }

  private static String string(JsonNode k, String key, String dflt, Map<String, String> env,
      List<String> errors) {
    JsonNode v = k.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isString() || v.asString().isBlank()) {
      errors.add("kafka." + key + ": expected a non-empty string");
      return dflt;
    }
    return substitute(v.asString(), env, "kafka." + key, errors);
  }

  private static long number(JsonNode k, String key, long dflt, long min, long max,
      List<String> errors) {
    JsonNode v = k.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      errors.add("kafka." + key + ": expected a whole number from " + min + " to " + max);
      return dflt;
    }
    return v.asLong();
  }

  private static String substitute(String s, Map<String, String> env, String path,
      List<String> errors) {
    Matcher m = VAR.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null) {
        errors.add(path + ": environment variable " + m.group(1) + " is not set");
        v = "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
