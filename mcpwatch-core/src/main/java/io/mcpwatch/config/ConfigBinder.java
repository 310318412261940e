package io.mcpwatch.config;

import com.google.re2j.Pattern;
import io.mcpwatch.pattern.PatternOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link ConfigNode} tree into a {@link McpwatchConfig}, collecting every error (unknown
 * keys with a did-you-mean, wrong types, out-of-range values, invalid patterns) with its key path
 * and line:column instead of stopping at the first.
 *
 * <p>Each top-level section has its own small binder class; adding a section is one class, one
 * {@code take} here (or in {@code ServiceSection} for the live-service sections) and one record
 * component.
 */
public final class ConfigBinder {
  private ConfigBinder() {}

  static final Set<String> LOG_GROUP_VARS = Set.of("env", "app");
  static final String DEFAULT_ALARM_NAME = "{app}-{env}-{alarm}";
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  /**
   * Binds the whole document without environment variables (every {@code ${NAME}} value is reported
   * as unset). Never throws for configuration mistakes.
   */
  public static BindResult bind(ConfigNode root) {
    return bind(root, Map.of());
  }

  /**
   * Binds the whole document; a value written as exactly {@code ${NAME}} is taken from {@code
   * environment} (the CLI passes {@code System.getenv()}). Never throws for configuration mistakes,
   * and no message shows a secret (passwords, tokens) or a resolved variable of one.
   */
  public static BindResult bind(ConfigNode root, Map<String, String> environment) {
    BindContext ctx = new BindContext(environment);
    if (!(root instanceof ConfigNode.MapNode)) {
      ctx.error(
          "",
          root,
          "expected a map of configuration keys (namespace, environments, apps, alarms, ...),"
              + " found "
              + root.describe());
      McpwatchConfig empty =
          new McpwatchConfig(
              null,
              null,
              null,
              null,
              List.of(),
              List.of(),
              AlarmSettings.empty(),
              List.of(),
              List.of(),
              List.of(),
              PatternOptions.defaults(),
              ServiceSettings.defaults());
      return new BindResult(empty, ctx.errors());
    }
    MapReader top = MapReader.of(root, "", ctx);

    PatternOptions options = PatternOptionsSection.bind(top.take("patternOptions"), ctx);
    ctx.patternOptions(options);

    Located<String> namespace = namespace(top.require("namespace"), ctx);
    Located<String> region = region(top.take("region"), ctx);
    Located<String> logGroup = template(top.require("logGroup"), "logGroup", LOG_GROUP_VARS, ctx);
    ConfigNode nameNode = top.take("alarmName");
    Located<String> alarmName =
        nameNode == null
            ? Located.builtin(DEFAULT_ALARM_NAME, "alarmName")
            : template(nameNode, "alarmName", AlarmSettingsSection.NAME_VARS, ctx);

    TopicsSection topics = new TopicsSection();
    List<Environment> environments =
        EnvironmentsSection.bind(top.require("environments"), topics, ctx);
    topics.bindSection(top.take("topics"), ctx);
    List<AlarmDefinition> alarms = AlarmsSection.bind(top.require("alarms"), ctx);

    ConfigNode defaultsNode = top.take("defaults");
    MapReader defaultsMap = MapReader.of(defaultsNode, "defaults", ctx);
    AlarmSettings defaults = AlarmSettingsSection.bind(defaultsMap, ctx);
    defaultsMap.finish();

    Set<String> envNames = new LinkedHashSet<>();
    environments.forEach(e -> envNames.add(e.name()));
    Set<String> alarmNames = new LinkedHashSet<>();
    alarms.forEach(a -> alarmNames.add(a.name()));
    List<ServiceSettings.SourceSettings> appLogs = new ArrayList<>();
    List<App> apps = AppsSection.bind(top.require("apps"), envNames, alarmNames, appLogs, ctx);
    Set<String> appNames = new LinkedHashSet<>();
    apps.forEach(a -> appNames.add(a.name()));
    List<AlarmOverride> overrides =
        OverridesSection.bind(top.take("overrides"), envNames, appNames, alarmNames, ctx);
    ServiceSettings service = ServiceSection.bind(top, environments, apps, appLogs, ctx);
    // kafka: is the Kafka Streams runtime's section (mcpwatch-streams binds it; other commands ignore it)
    top.take("kafka");

    top.finish();
    List<ConfigError> errors = new ArrayList<>(ctx.errors());
    errors.sort(null);
    McpwatchConfig config =
        new McpwatchConfig(
            namespace,
            region,
            logGroup,
            alarmName,
            environments,
            apps,
            defaults,
            alarms,
            overrides,
            topics.topics(),
            options,
            service);
    return new BindResult(config, errors);
  }

  /** Whether {@code name} is one of {@code known}; reports it otherwise. */
  static boolean known(Located<String> name, Set<String> known, String what, BindContext ctx) {
    if (known.contains(name.value())) {
      return true;
    }
    String hint = Suggest.didYouMean(name.value(), known);
    ctx.add(
        name.error(
            "unknown "
                + what
                + " "
                + name.value()
                + (hint.isEmpty() ? " (declared: " + String.join(", ", known) + ")" : hint)));
    return false;
  }

  private static @Nullable Located<String> namespace(@Nullable ConfigNode node, BindContext ctx) {
    if (node == null) {
      return null;
    }
    Located<String> ns = Values.nonEmpty(node, "namespace", ctx);
    if (ns == null) {
      return null;
    }
    String v = ns.value();
    if (v.length() > 255) {
      ctx.add(ns.error("must be at most 255 characters"));
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ':' || c == '*' || c == '$') {
        ctx.error(
            "namespace", ns.line(), ns.columnAt(i + 1), "a namespace must not contain '" + c + "'");
        return null;
      }
    }
    if (v.startsWith("AWS/")) {
      ctx.add(ns.error("namespaces starting with AWS/ are reserved for AWS services"));
      return null;
    }
    return ns;
  }

  private static @Nullable Located<String> region(@Nullable ConfigNode node, BindContext ctx) {
    if (node == null || Values.isNull(node)) {
      return null;
    }
    Located<String> r = Values.nonEmpty(node, "region", ctx);
    if (r != null && !REGION.matches(r.value())) {
      ctx.add(r.error("expected an AWS region such as us-east-1, found " + node.describe()));
      return null;
    }
    return r;
  }

  private static @Nullable Located<String> template(
      @Nullable ConfigNode node, String key, Set<String> vars, BindContext ctx) {
    if (node == null) {
      return null;
    }
    Located<String> t = Values.nonEmpty(node, key, ctx);
    return t != null && Templates.check(t, vars, ctx) ? t : null;
  }
}
