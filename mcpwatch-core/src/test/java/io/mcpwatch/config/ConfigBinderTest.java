package io.mcpwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpwatch.alarm.Statistic;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {

  private static String errors(BindResult r) {
    StringBuilder sb = new StringBuilder();
    r.errors().forEach(e -> sb.append(e.render("f")).append('\n'));
    return sb.toString();
  }

  @Test
  void bind_smallConfig_hasNoErrors() {
    BindResult r = Trees.bind(Trees.SMALL);

    assertThat(r.errors()).isEmpty();
    McpwatchConfig c = r.config();
    assertThat(c.namespace().value()).isEqualTo("MCP/Security");
    assertThat(c.environments()).extracting(Environment::name).containsExactly("dev");
    assertThat(c.apps()).extracting(App::name).containsExactly("sharepoint", "teams");
    assertThat(c.alarms())
        .extracting(AlarmDefinition::name)
        .containsExactly("auth-failures", "http-5xx");
    assertThat(c.topics()).extracting(Topic::name).containsExactly("alarms-dev");
    assertThat(c.topics().get(0).subscribers())
        .extracting(Subscriber::endpoint)
        .containsExactly("o@example.com");
    assertThat(c.alarmName().value()).isEqualTo("{app}-{env}-{alarm}");
    assertThat(c.alarmName().inFile()).isFalse();
  }

  @Test
  void bind_misspeltKey_reportsPathLineColumnAndSuggestion() {
    BindResult r =
        Trees.bind(
            Trees.SMALL.replace(
                "metric: 'HTTP5xx', pattern", "metric: 'HTTP5xx', treshold: 3, pattern"));

    assertThat(r.errors()).hasSize(1);
    ConfigError e = r.errors().get(0);
    assertThat(e.path()).isEqualTo("alarms.http-5xx.treshold");
    assertThat(e.message()).isEqualTo("unknown key (did you mean threshold?)");
    assertThat(e.line()).isEqualTo(9);
    assertThat(e.column()).isEqualTo(Trees.SMALL.split("\n")[8].indexOf("metric: 'HTTP5xx'") + 20);
  }

  @Test
  void bind_numberGivenAsWord_saysExpectedAndFound() {
    String text = Trees.SMALL.replace("threshold: 10", "threshold: 'fifty'");
    int column = text.split("\n")[8].indexOf("'fifty'") + 1;

    BindResult r = Trees.bind(text);

    assertThat(errors(r))
        .isEqualTo(
            "f:9:" + column + ": alarms.http-5xx.threshold: expected a number, found \"fifty\"\n");
  }

  @Test
  void bind_severalMistakes_reportsAllInDocumentOrder() {
    String text =
        String.join(
            "\n",
            "{",
            "  namespace: 'AWS/Logs',",
            "  logGroup: '/ecs/{environment}/{app}',",
            "  environments: { dev: { topic: 'alarms dev', subscribers: [ { sms: '+1555' } ] } },",
            "  apps: [ 'a', 'a' ],",
            "  defaults: { period: 45, statistic: 'sum', evaluationPeriods: 0 },",
            "  alarms: { errors: { metric: 'E', pattern: 'ERROR', threshold: 'fifty', treshold: 1 }"
                + " },",
            "  overrides: [ { env: 'prod', app: 'a', threshold: 2 } ],",
            "  sources: { },",
            "}");

    BindResult r = Trees.bind(text);

    assertThat(r.errors())
        .extracting(e -> e.line() + ":" + e.path())
        .containsExactly(
            "2:namespace",
            "3:logGroup",
            "4:environments.dev.topic",
            "4:environments.dev.subscribers[0].sms",
            "5:apps[1]",
            "6:defaults.period",
            "6:defaults.statistic",
            "6:defaults.evaluationPeriods",
            "7:alarms.errors.threshold",
            "7:alarms.errors.treshold",
            "8:overrides[0].env",
            "9:sources");
    assertThat(errors(r))
        .contains("namespace: namespaces starting with AWS/ are reserved for AWS services")
        .contains("logGroup: unknown placeholder {environment} (known: {app}, {env})")
        .contains("apps[1]: app a is already listed at 5:11")
        .contains("defaults.period: expected 10, 20, 30 or a multiple of 60 (seconds), found 45")
        .contains(
            "defaults.statistic: expected one of SampleCount, Average, Sum, Minimum, Maximum; found"
                + " \"sum\" (did you mean Sum?)")
        .contains("defaults.evaluationPeriods: must be at least 1, found 0")
        .contains(
            "environments.dev.topic: expected a topic name of 1 to 256 characters from A-Z a-z"
                + " 0-9 _ - (as SNS allows), found \"alarms dev\"")
        .contains(
            "unknown subscriber protocol (supported: email, email-json, http, https, slack,"
                + " teams)")
        .contains("overrides[0].env: unknown environment prod (declared: dev)")
        .contains("sources: expected a list, found a map");
  }

  @Test
  void bind_missingRequiredSections_namesThem() {
    BindResult r = Trees.bind("{ region: 'us-east-1' }");

    assertThat(r.errors())
        .extracting(ConfigError::message)
        .containsExactlyInAnyOrder(
            "missing required key namespace",
            "missing required key logGroup",
            "missing required key environments",
            "missing required key alarms",
            "missing required key apps");
    assertThat(r.config().region().value()).isEqualTo("us-east-1");
  }

  @Test
  void bind_rootNotAMap_isOneError() {
    BindResult r =
        ConfigBinder.bind(
            ConfigNode.ScalarNode.plain("hello", ConfigNode.ScalarNode.Type.STRING, 1, 1));

    assertThat(r.errors())
        .singleElement()
        .extracting(ConfigError::message)
        .asString()
        .startsWith("expected a map");
  }

  @Test
  void bind_duplicateKey_isReportedWithFirstPosition() {
    BindResult r =
        Trees.bind(Trees.SMALL.replace("threshold: 5 }", "threshold: 5, threshold: 6 }"));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.auth-failures.threshold");
              assertThat(e.message()).startsWith("duplicate key (first written at 8:");
            });
    assertThat(r.config().alarms().get(0).settings().threshold().value()).isEqualTo(5.0);
  }

  @Test
  void bind_invalidPattern_pointsAtTheOffendingCharacter() {
    String text = Trees.SMALL.replace("'\"OBO token exchange failed\"'", "'ERROR 4??'");
    BindResult r = Trees.bind(text);

    ConfigError e = r.errors().get(0);
    assertThat(e.path()).isEqualTo("alarms.auth-failures.pattern");
    assertThat(e.message()).startsWith("Invalid character(s) in term");
    // the pattern starts after the opening quote; '?' is its 8th character
    int patternStart = text.split("\n")[7].indexOf("'ERROR 4??'") + 2;
    assertThat(e.column()).isEqualTo(patternStart + 7);
    assertThat(e.hint()).contains("status=4*");
    AlarmSettings s = r.config().alarms().get(0).settings();
    assertThat(s.isInvalid(AlarmField.PATTERN)).isTrue();
    assertThat(s.pattern().value()).isEqualTo("ERROR 4??");
  }

  @Test
  void bind_appMapForm_bindsPerAppAlarmFields() {
    String text =
        Trees.SMALL.replace(
            "apps: [ 'sharepoint', 'teams' ]",
            "apps: [ 'sharepoint', { name: 'teams', environments: 'dev', logGroup: '/teams/{env}',"
                + " alarms: { 'http-5xx': { pattern: '{ $.status >= 500 }', statistic:"
                + " 'SampleCount' } } } ]");

    BindResult r = Trees.bind(text);

    assertThat(errors(r)).isEmpty();
    App teams = r.config().apps().get(1);
    assertThat(teams.name()).isEqualTo("teams");
    assertThat(teams.environments()).containsExactly("dev");
    assertThat(teams.logGroup().value()).isEqualTo("/teams/{env}");
    assertThat(teams.alarms().get("http-5xx").statistic().value()).isEqualTo(Statistic.SampleCount);
  }

  @Test
  void bind_appAlarmNotDeclared_suggestsTheDeclaredOne() {
    String text =
        Trees.SMALL.replace(
            "'teams' ]",
            "{ name: 'teams', alarms: { 'http-5xxx': { threshold: 1 }, errors: { foo: 1 } } } ]");

    BindResult r = Trees.bind(text);

    assertThat(r.errors())
        .extracting(ConfigError::path, ConfigError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "apps[1].alarms.http-5xxx", "unknown alarm http-5xxx (did you mean http-5xx?)"),
            org.assertj.core.groups.Tuple.tuple(
                "apps[1].alarms.errors",
                "unknown alarm errors (declared: auth-failures, http-5xx)"),
            org.assertj.core.groups.Tuple.tuple(
                "apps[1].alarms.errors.foo",
                "unknown key (expected one of: " + String.join(", ", AlarmField.keys()) + ")"));
  }

  @Test
  void bind_nullField_clearsTheInheritedValue() {
    String text =
        Trees.SMALL.replace(
            "threshold: 10 }",
            "threshold: 10, treatMissingData: null, dimensions: { MCP: null, status: '$status' }"
                + " }");

    BindResult r = Trees.bind(text);

    assertThat(errors(r)).isEmpty();
    AlarmSettings merged =
        ConfigResolver.BUILTIN_DEFAULTS
            .overlay(r.config().defaults())
            .overlay(r.config().alarms().get(1).settings());
    assertThat(merged.treatMissingData()).isNull();
    assertThat(merged.effectiveDimensions()).containsOnlyKeys("status");
  }

  @Test
  void bind_subscribersAndTopics_validated() {
    String text =
        Trees.SMALL
            .replace(
                "{ email: 'o@example.com' }",
                "{ email: 'not-an-address' }, { email: 'a@b.io', name: 'x' }")
            .replace(
                "apps:",
                "topics: { oncall: { subscribers: [] }, 'alarms-dev': { subscribers: [ { email:"
                    + " 'x@y.io' } ] } }, apps:");

    BindResult r = Trees.bind(text);

    assertThat(r.errors())
        .extracting(ConfigError::path)
        .containsExactly(
            "environments.dev.subscribers[0].email",
            "environments.dev.subscribers[1]",
            "topics.alarms-dev");
    assertThat(r.config().topics()).extracting(Topic::name).containsExactly("alarms-dev", "oncall");
  }

  @Test
  void bind_patternOptions_areUsed() {
    BindResult r =
        Trees.bind(
            Trees.SMALL.replace(
                "apps:", "patternOptions: { delimitedFieldCount: 'LAST_ABSORBS_REST' }, apps:"));

    assertThat(r.errors()).isEmpty();
    assertThat(r.config().patternOptions().delimitedFieldCount().name())
        .isEqualTo("LAST_ABSORBS_REST");
  }

  @Test
  void bind_actionsAndDimensionTemplates_checkPlaceholders() {
    String text =
        Trees.SMALL.replace(
            "defaults: {",
            "defaults: { alarmActions: [ '{topic}', 'pager-{envv}' ], dimensions: { MCP: '{app}',"
                + " Env: '{stage}' },");

    BindResult r = Trees.bind(text);

    assertThat(r.errors())
        .extracting(ConfigError::message)
        .containsExactly(
            "unknown placeholder {envv} (known: {alarm}, {app}, {env}, {topic}) (did you mean"
                + " env?)",
            "unknown placeholder {stage} (known: {alarm}, {app}, {env})");
    assertThat(r.errors())
        .extracting(ConfigError::path)
        .containsExactly("defaults.alarmActions[1]", "defaults.dimensions.Env");
  }

  @Test
  void bind_emptySections_areErrors() {
    BindResult r =
        Trees.bind("{ namespace: 'N', logGroup: '/g', environments: {}, apps: [], alarms: {} }");

    assertThat(r.errors())
        .extracting(ConfigError::message)
        .containsExactly(
            "declare at least one environment",
            "declare at least one app",
            "declare at least one alarm");
  }

  @Test
  void bind_badNames_areErrorsNamingTheKey() {
    BindResult r =
        Trees.bind("{ namespace: 'N', logGroup: '/g', environments: { 'pr od': { topic: 't' } },"
            + " apps: ['a'], alarms: { 'a/b': { metric: 'M', pattern: 'x', threshold: 1 } } }");

    assertThat(r.errors())
        .extracting(e -> e.path() + ": " + e.message())
        .contains(
            "environments.pr od: expected an environment name of letters, digits, '_', '.' and"
                + " '-'",
            "alarms.a/b: expected an alarm name of letters, digits, '_', '.' and '-'");
  }

  @Test
  void bind_valuesOfEveryField_areChecked() {
    String text =
        Trees.SMALL.replace(
            "threshold: 5 }",
            "threshold: 5, metricValue: 'count', defaultValue: 'x', unit: 'count', description: 7,"
                + " datapointsToAlarm: 1.5, comparison: 'LessThanLowerThreshold', actionsEnabled:"
                + " 'yes', okActions: 'alarms-dev', enabled: true }");

    BindResult r = Trees.bind(text);

    assertThat(r.errors())
        .extracting(ConfigError::message)
        .containsExactly(
            "expected a number or a field reference ($name, $3, $.path), found \"count\"",
            "expected a number, found \"x\"",
            "expected a CloudWatch unit (Count, Seconds, Milliseconds, Bytes, Percent, None, ...),"
                + " found \"count\" (did you mean Count?)",
            "expected a whole number, found 1.5",
            "anomaly-detection operators are not supported; expected one of"
                + " GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold,"
                + " LessThanOrEqualToThreshold",
            "expected true or false, found \"yes\"",
            "expected a list, found \"alarms-dev\"");
  }

  @Test
  void bind_alarmFieldKeys_matchTheEnum() {
    assertThat(AlarmField.keys())
        .contains("metric", "pattern", "treatMissingData", "insufficientDataActions");
    assertThat(AlarmField.ofKey("datapointsToAlarm")).isEqualTo(AlarmField.DATAPOINTS_TO_ALARM);
    assertThat(AlarmField.ofKey("nope")).isNull();
    assertThat(List.of(AlarmField.values())).hasSize(AlarmField.keys().size());
  }
}
