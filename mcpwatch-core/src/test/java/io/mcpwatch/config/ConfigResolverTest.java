package io.mcpwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.mcpwatch.alarm.ComparisonOperator;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.pattern.Observation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {

  /** ADR-0003 with working patterns: 2 environments x 4 apps x 4 alarms. */
  static final String ADR =
      String.join(
          "\n",
          "{",
          "  namespace: 'MCP/Security', region: 'us-east-1',",
          "  logGroup: '/ecs/aiconnectors-{env}-aiconnectors/{app}-main-svc/{app}',",
          "  alarmName: '{app}-{env}-{alarm}',",
          "  environments: {",
          "    dev: { topic: 'aiconnectors-alarms-dev', subscribers: [ { email:"
              + " 'owners@example.com' } ] },",
          "    prod: { topic: 'aiconnectors-alarms-prod', subscribers: [ { email:"
              + " 'owners@example.com' } ] },",
          "  },",
          "  apps: [ 'sharepoint', 'outlook', 'databricks', 'teams' ],",
          "  defaults: { period: 300, evaluationPeriods: 1, statistic: 'Sum', comparison:"
              + " 'GreaterThanOrEqualToThreshold',",
          "              treatMissingData: 'notBreaching', metricValue: '1' },",
          "  alarms: {",
          "    'auth-failures': { metric: 'OBOAuthFailures', pattern: '\"OBO token exchange"
              + " failed\"', threshold: 5 },",
          "    errors: { metric: 'Errors', pattern: '[level=\"ERROR:*\" || level=\"CRITICAL:*\","
              + " ...]', threshold: 20 },",
          "    'http-4xx': { metric: 'HTTP4xx', pattern: '[level, client, dash, request=*HTTP*,"
              + " status=4*, ...]', threshold: 50 },",
          "    'http-5xx': { metric: 'HTTP5xx', pattern: '[level, client, dash, request=*HTTP*,"
              + " status=5*, ...]', threshold: 10 },",
          "  },",
          "  overrides: [ { env: 'prod', app: 'databricks', alarm: 'http-4xx', threshold: 200 } ],",
          "}");

  static Resolution resolve(String text) {
    BindResult b = Trees.bind(text);
    assertThat(b.errors()).isEmpty();
    return ConfigResolver.resolve(b.config());
  }

  static ResolvedAlarm find(Resolution r, String env, String app, String alarm) {
    return r.alarms().stream()
        .filter(a -> a.env().equals(env) && a.app().equals(app) && a.alarm().equals(alarm))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void resolve_adr_givesSixteenAlarmsPerEnvironment() {
    Resolution r = resolve(ADR);

    assertThat(r.errors()).isEmpty();
    assertThat(r.alarms()).hasSize(32);
    Map<String, Long> perEnv =
        r.alarms().stream()
            .collect(Collectors.groupingBy(ResolvedAlarm::env, Collectors.counting()));
    assertThat(perEnv).containsEntry("dev", 16L).containsEntry("prod", 16L);
    assertThat(r.alarms().get(0).spec().alarmName()).isEqualTo("sharepoint-dev-auth-failures");
    assertThat(r.alarms()).extracting(a -> a.spec().alarmName()).doesNotHaveDuplicates();

    ResolvedAlarm teams5xx = find(r, "prod", "teams", "http-5xx");
    assertThat(teams5xx.logGroup())
        .isEqualTo("/ecs/aiconnectors-prod-aiconnectors/teams-main-svc/teams");
    assertThat(teams5xx.spec().namespace()).isEqualTo("MCP/Security");
    assertThat(teams5xx.spec().metricName()).isEqualTo("HTTP5xx");
    assertThat(teams5xx.spec().dimensions()).isEqualTo(Map.of("MCP", "teams"));
    assertThat(teams5xx.spec().statistic()).isEqualTo(Statistic.Sum);
    assertThat(teams5xx.spec().periodSeconds()).isEqualTo(300);
    assertThat(teams5xx.spec().threshold()).isEqualTo(10.0);
    assertThat(teams5xx.spec().comparison())
        .isEqualTo(ComparisonOperator.GreaterThanOrEqualToThreshold);
    assertThat(teams5xx.spec().treatMissingData()).isEqualTo(TreatMissingData.notBreaching);
    assertThat(teams5xx.spec().datapointsToAlarm()).isNull();
    assertThat(teams5xx.spec().alarmActions()).containsExactly("aiconnectors-alarms-prod");
    assertThat(teams5xx.spec().okActions()).containsExactly("aiconnectors-alarms-prod");
    assertThat(teams5xx.spec().insufficientDataActions()).isEmpty();
    assertThat(teams5xx.spec().actionsEnabled()).isTrue();
    assertThat(teams5xx.filter().transformation().dimensions()).isEmpty();

    assertThat(
            teams5xx
                .filter()
                .observe(
                    "INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 503 Service Unavailable"))
        .isInstanceOf(Observation.Published.class);
    assertThat(
            teams5xx.filter().observe("INFO:     10.0.1.23:51234 - \"POST /mcp HTTP/1.1\" 200 OK"))
        .isSameAs(Observation.NoMatch.INSTANCE);
  }

  @Test
  void resolve_manyApps_compilesEachDistinctPatternOnce() {
    Resolution r = resolve(ADR);

    // 32 alarms of 4 distinct patterns: one compiled pattern per text, shared by all 8 instances
    Map<String, List<io.mcpwatch.pattern.FilterPattern>> byText =
        r.alarms().stream()
            .map(a -> a.filter().pattern())
            .collect(Collectors.groupingBy(io.mcpwatch.pattern.FilterPattern::text));
    assertThat(byText).hasSize(4);
    byText.forEach(
        (text, compiled) -> {
          assertThat(compiled).hasSize(8);
          assertThat(compiled).allSatisfy(p -> assertThat(p).isSameAs(compiled.get(0)));
        });
    // each alarm keeps its own transformation on the shared pattern
    assertThat(find(r, "prod", "teams", "http-5xx").filter().transformation().metricName())
        .isEqualTo("HTTP5xx");
    assertThat(find(r, "prod", "teams", "http-4xx").filter().pattern())
        .isNotSameAs(find(r, "prod", "teams", "http-5xx").filter().pattern());
  }

  @Test
  void resolve_override_appliesOnlyToItsSelection() {
    Resolution r = resolve(ADR);

    assertThat(find(r, "prod", "databricks", "http-4xx").spec().threshold()).isEqualTo(200.0);
    assertThat(find(r, "dev", "databricks", "http-4xx").spec().threshold()).isEqualTo(50.0);
    assertThat(find(r, "prod", "teams", "http-4xx").spec().threshold()).isEqualTo(50.0);
    assertThat(find(r, "prod", "databricks", "http-5xx").spec().threshold()).isEqualTo(10.0);
  }

  @Test
  void resolve_overrides_laterOneWins() {
    String text =
        ADR.replace(
            "overrides: [",
            "overrides: [ { threshold: 7, datapointsToAlarm: 1 }, { env: ['dev', 'prod'], alarm:"
                + " 'errors', threshold: 30 }, { app: 'teams', threshold: 1 },");
    Resolution r = resolve(text);

    assertThat(find(r, "dev", "sharepoint", "auth-failures").spec().threshold()).isEqualTo(7.0);
    assertThat(find(r, "dev", "sharepoint", "errors").spec().threshold()).isEqualTo(30.0);
    assertThat(find(r, "dev", "teams", "errors").spec().threshold()).isEqualTo(1.0);
    assertThat(find(r, "prod", "databricks", "http-4xx").spec().threshold()).isEqualTo(200.0);
    assertThat(find(r, "dev", "teams", "errors").spec().datapointsToAlarm()).isEqualTo(1);
  }

  @Test
  void resolve_overrideOrder_lastMatchingThresholdWins() {
    qt().forAll(lists().of(integers().between(1, 1000)).ofSizeBetween(1, 6))
        .check(
            thresholds -> {
              String overrides =
                  thresholds.stream()
                      .map(t -> "{ alarm: 'errors', threshold: " + t + " }")
                      .collect(Collectors.joining(", "));
              Resolution r =
                  ConfigResolver.resolve(
                      Trees.bind(ADR.replace("overrides: [", "overrides: [" + overrides + ","))
                          .config());
              return find(r, "prod", "outlook", "errors").spec().threshold()
                  == thresholds.get(thresholds.size() - 1);
            });
  }

  @Test
  void resolve_perAppAlarmFields_overrideTheDefinitionForThatApp() {
    String text =
        ADR.replace(
            "'outlook', 'databricks',",
            "'outlook', { name: 'databricks', alarms: { errors: { pattern: '{ $.level = \"ERROR\""
                + " }', threshold: 3 } } },");
    Resolution r = resolve(text);

    ResolvedAlarm dbx = find(r, "dev", "databricks", "errors");
    assertThat(dbx.filter().pattern().text()).isEqualTo("{ $.level = \"ERROR\" }");
    assertThat(dbx.spec().threshold()).isEqualTo(3.0);
    assertThat(dbx.filter().observe("{\"level\": \"ERROR\", \"msg\": \"boom\"}"))
        .isInstanceOf(Observation.Published.class);
    assertThat(find(r, "dev", "teams", "errors").filter().pattern().text()).startsWith("[level=");
    // the override for prod/databricks/http-4xx still applies on top of the app's fields
    assertThat(find(r, "prod", "databricks", "http-4xx").spec().threshold()).isEqualTo(200.0);
  }

  @Test
  void resolve_explicitSettings_areKeptAndUnsetStayNull() {
    Resolution unset = resolve(ADR.replace("treatMissingData: 'notBreaching', ", ""));
    assertThat(unset.alarms()).allSatisfy(a -> assertThat(a.spec().treatMissingData()).isNull());
    assertThat(unset.alarms()).allSatisfy(a -> assertThat(a.spec().datapointsToAlarm()).isNull());

    Resolution set =
        resolve(
            ADR.replace("evaluationPeriods: 1,", "evaluationPeriods: 3, datapointsToAlarm: 2,"));
    assertThat(set.alarms()).allSatisfy(a -> assertThat(a.spec().datapointsToAlarm()).isEqualTo(2));

    Resolution cleared =
        resolve(ADR.replace("threshold: 5 }", "threshold: 5, treatMissingData: null }"));
    assertThat(find(cleared, "dev", "teams", "auth-failures").spec().treatMissingData()).isNull();
    assertThat(find(cleared, "dev", "teams", "errors").spec().treatMissingData())
        .isEqualTo(TreatMissingData.notBreaching);
  }

  @Test
  void resolve_actions_useTopicPlaceholderAndDeclaredTopics() {
    String text =
        ADR.replace(
                "apps:",
                "topics: { oncall: { subscribers: [ { email: 'pager@example.com' } ] } }, apps:")
            .replace(
                "overrides: [",
                "overrides: [ { env: 'prod', alarm: 'http-5xx', alarmActions: [ '{topic}', 'oncall'"
                    + " ], okActions: [], insufficientDataActions: [ 'aiconnectors-alarms-{env}' ]"
                    + " },");
    Resolution r = resolve(text);

    assertThat(r.errors()).isEmpty();
    ResolvedAlarm a = find(r, "prod", "outlook", "http-5xx");
    assertThat(a.spec().alarmActions()).containsExactly("aiconnectors-alarms-prod", "oncall");
    assertThat(a.spec().okActions()).isEmpty();
    assertThat(a.spec().insufficientDataActions()).containsExactly("aiconnectors-alarms-prod");
  }

  @Test
  void resolve_appsOfAnEnvironment_shareTheirTopicListsAndAppNames() {
    Resolution r = resolve(ADR.replace(
            "apps:",
            "topics: { oncall: { subscribers: [ { email: 'pager@example.com' } ] } }, apps:")
        .replace("overrides: [", "overrides: [ { env: 'prod', alarm: 'errors', alarmActions: ["
            + " 'oncall', '{topic}', 'oncall' ] },"));

    assertThat(r.errors()).isEmpty();
    ResolvedAlarm teams = find(r, "prod", "teams", "http-5xx");
    assertThat(teams.spec().alarmActions()).containsExactly("aiconnectors-alarms-prod")
        .isSameAs(find(r, "prod", "outlook", "http-5xx").spec().alarmActions())
        .isSameAs(teams.spec().okActions());
    assertThat(find(r, "dev", "teams", "http-5xx").spec().alarmActions())
        .containsExactly("aiconnectors-alarms-dev");
    assertThat(find(r, "prod", "teams", "errors").spec().alarmActions())
        .containsExactly("oncall", "aiconnectors-alarms-prod")
        .isSameAs(find(r, "prod", "outlook", "errors").spec().alarmActions());
    assertThat(teams.spec().dimensions().get("MCP")).isSameAs(teams.app());
    // the alarms of an app in an environment read one log group: one string
    assertThat(find(r, "prod", "teams", "errors").logGroup()).isSameAs(teams.logGroup());
    assertThat(find(r, "dev", "teams", "errors").logGroup())
        .isEqualTo("/ecs/aiconnectors-dev-aiconnectors/teams-main-svc/teams");
  }

  @Test
  void resolve_appWithItsOwnLogGroup_betweenAppsWithTheDefault() {
    Resolution r = resolve(ADR.replace("apps: [ 'sharepoint', 'outlook',",
        "apps: [ 'sharepoint', { name: 'outlook', logGroup: '/custom/{env}/{app}' },"));

    assertThat(r.errors()).isEmpty();
    for (String env : List.of("dev", "prod")) {
      for (String alarm : List.of("errors", "http-5xx")) {
        assertThat(find(r, env, "outlook", alarm).logGroup()).isEqualTo("/custom/" + env + "/outlook");
        assertThat(find(r, env, "databricks", alarm).logGroup())
            .isEqualTo("/ecs/aiconnectors-" + env + "-aiconnectors/databricks-main-svc/databricks");
        assertThat(find(r, env, "sharepoint", alarm).logGroup())
            .isEqualTo("/ecs/aiconnectors-" + env + "-aiconnectors/sharepoint-main-svc/sharepoint");
      }
    }
  }

  @Test
  void resolve_unknownWatchedDimension_namesTheFieldDimensionsInTheOrderWritten() {
    Resolution r = resolve(ADR.replace("threshold: 10 }",
        "threshold: 10, dimensions: { Status: '$status', Env: '{env}', Client: '$client' },"
            + " alarmDimensions: { Nope: 1 } }"));

    assertThat(r.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.message()).startsWith(
        "the alarm's metric has no field dimension Nope (it has Status, Client);"));
  }

  @Test
  void resolve_unknownTopic_isAnErrorAtTheAction() {
    Resolution r =
        resolve(
            ADR.replace(
                "metricValue: '1' }",
                "metricValue: '1', alarmActions: [ 'aiconnectors-alarms-prd' ] }"));

    assertThat(r.alarms()).isEmpty();
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("defaults.alarmActions[0]");
              assertThat(e.line()).isEqualTo(11);
              assertThat(e.message())
                  .isEqualTo(
                      "unknown topic aiconnectors-alarms-prd (declare it under environments or"
                          + " topics) (did you mean aiconnectors-alarms-prod?)");
            });
  }

  @Test
  void resolve_dimensions_splitIntoStaticAndFieldReferences() {
    String text =
        ADR.replace(
            "threshold: 10 }", "threshold: 10, dimensions: { Env: '{env}', Status: '$status' } }");
    Resolution r = resolve(text);

    ResolvedAlarm a = find(r, "dev", "teams", "http-5xx");
    assertThat(a.spec().dimensions()).isEqualTo(Map.of("MCP", "teams", "Env", "dev"));
    assertThat(a.filter().transformation().dimensions()).isEqualTo(Map.of("Status", "$status"));
  }

  @Test
  void resolve_alarmDimensions_completeTheWatchedDimensionSet() {
    String text =
        ADR.replace(
            "threshold: 10 }",
            "threshold: 10, dimensions: { Status: '$status', Client: '$client' },"
                + " alarmDimensions: { Status: 503, Client: '{app}-lb' } }");
    Resolution r = resolve(text);

    assertThat(r.errors()).isEmpty();
    ResolvedAlarm a = find(r, "dev", "teams", "http-5xx");
    assertThat(a.spec().dimensions())
        .isEqualTo(Map.of("MCP", "teams", "Status", "503", "Client", "teams-lb"));
    assertThat(a.filter().transformation().dimensions())
        .isEqualTo(Map.of("Status", "$status", "Client", "$client"));
  }

  @Test
  void resolve_alarmDimensionsOverride_replacesByNameAndNullRemoves() {
    String text =
        ADR.replace(
                "threshold: 10 }",
                "threshold: 10, dimensions: { Status: '$status' }, alarmDimensions: { Status: 500 }"
                    + " }")
            .replace(
                "overrides: [ {",
                "overrides: [ { env: 'prod', alarm: 'http-5xx', alarmDimensions: { Status: 503 } },"
                    + " { env: 'dev', app: 'teams', alarm: 'http-5xx', alarmDimensions: { Status:"
                    + " null } }, {");
    Resolution r = resolve(text);

    assertThat(r.errors()).isEmpty();
    assertThat(find(r, "prod", "teams", "http-5xx").spec().dimensions())
        .containsEntry("Status", "503");
    assertThat(find(r, "dev", "outlook", "http-5xx").spec().dimensions())
        .containsEntry("Status", "500");
    // no value: the alarm watches {MCP = teams} (CloudWatch's semantics; the linter says why)
    assertThat(find(r, "dev", "teams", "http-5xx").spec().dimensions())
        .isEqualTo(Map.of("MCP", "teams"));
  }

  @Test
  void resolve_alarmDimensionsOfNoFieldDimension_isOneErrorAtTheName() {
    String text =
        ADR.replace(
            "threshold: 10 }",
            "threshold: 10, dimensions: { Status: '$status' }, alarmDimensions: { Stats: 503 } }");
    Resolution r = resolve(text);

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.alarmDimensions.Stats");
              assertThat(e.message())
                  .isEqualTo(
                      "the alarm's metric has no field dimension Stats (it has Status);"
                          + " alarmDimensions names the value to watch for a dimension written as"
                          + " Stats: $field under dimensions (did you mean Status?)");
            });
    assertThat(r.alarms()).hasSize(24);
  }

  @Test
  void resolve_alarmDimensionsOfAStaticDimension_isAnError() {
    Resolution r =
        resolve(ADR.replace("threshold: 10 }", "threshold: 10, alarmDimensions: { MCP: 'x' } }"));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.alarmDimensions.MCP");
              assertThat(e.message())
                  .startsWith("MCP is a static dimension (MCP = {app} under dimensions)");
            });
  }

  @Test
  void bind_alarmDimensionsWithAFieldReference_isAnError() {
    BindResult b =
        Trees.bind(
            ADR.replace(
                "threshold: 10 }",
                "threshold: 10, dimensions: { Status: '$status' },"
                    + " alarmDimensions: { Status: '$status' } }"));

    assertThat(b.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.alarmDimensions.Status");
              assertThat(e.message())
                  .isEqualTo(
                      "expected the value the alarm watches, e.g. \"404\", found the field"
                          + " reference $status (the field goes under dimensions: Status:"
                          + " $status)");
            });
  }

  @Test
  void bind_alarmDimensionsNotAMap_isAnError() {
    BindResult b =
        Trees.bind(ADR.replace("threshold: 10 }", "threshold: 10, alarmDimensions: '404' }"));

    assertThat(b.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.alarmDimensions");
              assertThat(e.message()).startsWith("expected a map of field dimension name to");
            });
  }

  @Test
  void resolve_secondDimensionRejected_pointsAtThatDimension() {
    BindResult b =
        Trees.bind(
            ADR.replace(
                "threshold: 10 }",
                "threshold: 10, dimensions: { Status: '$status', Tool: '$tool' } }"));
    Resolution r = ConfigResolver.resolve(b.config());

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.dimensions.Tool");
              assertThat(e.message()).contains("dimension Tool refers to $tool");
            });
  }

  @Test
  void resolve_transformationRejected_pointsAtTheField() {
    String text =
        ADR.replace(
            "threshold: 10 }",
            "threshold: 10, dimensions: { Status: '$status' }, defaultValue: 0 }");
    BindResult b = Trees.bind(text);
    Resolution r = ConfigResolver.resolve(b.config());

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.http-5xx.dimensions.Status");
              assertThat(e.message())
                  .contains("dimensions and default value are mutually exclusive");
            });
    assertThat(r.alarms()).hasSize(24);
  }

  @Test
  void resolve_fieldReferenceTheTermPatternLacks_isAnError() {
    Resolution r = resolve(ADR.replace("threshold: 5 }", "threshold: 5, metricValue: '$size' }"));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.auth-failures.metricValue");
              assertThat(e.message()).contains("extracts no fields");
            });
  }

  @Test
  void resolve_missingRequiredFields_reportedOncePerAlarm() {
    Resolution r =
        resolve(ADR.replace("metric: 'Errors', ", "").replace(", threshold: 20 }", " }"));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.errors");
              assertThat(e.line()).isEqualTo(14);
              assertThat(e.message())
                  .isEqualTo(
                      "missing metric and threshold (set under alarms.errors, defaults, the app or"
                          + " an override)");
            });
    assertThat(r.alarms()).hasSize(24);
  }

  @Test
  void resolve_alarmNameWithoutEnv_isADuplicateNameError() {
    Resolution r =
        resolve(ADR.replace("alarmName: '{app}-{env}-{alarm}'", "alarmName: '{app}-{alarm}'"));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarmName");
              assertThat(e.message())
                  .isEqualTo(
                      "produces the alarm name sharepoint-auth-failures for both"
                          + " dev/sharepoint/auth-failures and prod/sharepoint/auth-failures; alarm"
                          + " names must be unique: use {env}, {app} and {alarm}");
            });
  }

  @Test
  void resolve_alarmSpecRules_pointAtTheField() {
    Resolution r = resolve(ADR.replace("threshold: 5 }", "threshold: 5, datapointsToAlarm: 3 }"));

    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("alarms.auth-failures.datapointsToAlarm");
              assertThat(e.message())
                  .startsWith("datapointsToAlarm must be between 1 and evaluationPeriods (1)");
            });

    Resolution window = resolve(ADR.replace("evaluationPeriods: 1,", "evaluationPeriods: 300,"));
    assertThat(window.errors())
        .first()
        .extracting(ConfigError::path)
        .isEqualTo("defaults.evaluationPeriods");
  }

  @Test
  void resolve_enabledFalseAndAppEnvironments_leaveCombinationsOut() {
    String text =
        ADR.replace("'teams' ]", "{ name: 'teams', environments: [ 'prod' ] } ]")
            .replace(
                "overrides: [", "overrides: [ { env: 'dev', alarm: 'http-4xx', enabled: false },");
    Resolution r = resolve(text);

    assertThat(r.alarms()).noneMatch(a -> a.app().equals("teams") && a.env().equals("dev"));
    assertThat(r.alarms()).noneMatch(a -> a.env().equals("dev") && a.alarm().equals("http-4xx"));
    assertThat(r.alarms()).hasSize(12 + 16 - 3 + 0);
    assertThat(r.instances()).filteredOn(i -> !i.enabled()).hasSize(3);
  }

  @Test
  void resolve_appLogGroup_replacesTheTemplate() {
    Resolution r =
        resolve(
            ADR.replace("'outlook',", "{ name: 'outlook', logGroup: '/custom/{env}/outlook' },"));

    assertThat(find(r, "prod", "outlook", "errors").logGroup()).isEqualTo("/custom/prod/outlook");
    assertThat(find(r, "prod", "teams", "errors").logGroup()).startsWith("/ecs/");
  }

  @Test
  void resolve_invalidValues_skipTheirCombinationsWithoutNewErrors() {
    BindResult b = Trees.bind(ADR.replace("threshold: 50 }", "threshold: 'fifty' }"));
    Resolution r = ConfigResolver.resolve(b.config());

    assertThat(b.errors()).hasSize(1);
    assertThat(r.errors()).isEmpty();
    // 8 http-4xx combinations use the wrong threshold, except prod/databricks whose override sets
    // one
    assertThat(r.alarms()).hasSize(25);
    assertThat(r.instances()).hasSize(32);
  }

  @Test
  void merge_builtinDefaults_applyWhenNothingIsWritten() {
    Resolution r =
        resolve(
            "{ namespace: 'N', logGroup: '/g/{app}', environments: { e: { topic: 't' } }, apps:"
                + " ['a'], alarms: { x: { metric: 'M', pattern: 'boom', threshold: 1 } } }");

    ResolvedAlarm a = r.alarms().get(0);
    assertThat(a.spec().alarmName()).isEqualTo("a-e-x");
    assertThat(a.spec().statistic()).isEqualTo(Statistic.Sum);
    assertThat(a.spec().periodSeconds()).isEqualTo(300);
    assertThat(a.spec().evaluationPeriods()).isEqualTo(1);
    assertThat(a.spec().dimensions()).isEqualTo(Map.of("MCP", "a"));
    assertThat(a.filter().transformation().metricValue()).isEqualTo("1");
    assertThat(a.spec().alarmActions()).isEqualTo(List.of("t"));
  }
}
