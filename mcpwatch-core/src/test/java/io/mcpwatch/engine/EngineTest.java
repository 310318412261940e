package io.mcpwatch.engine;

import static io.mcpwatch.alarm.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.alarm.Statistic;
import io.mcpwatch.alarm.StateReasons;
import io.mcpwatch.alarm.TreatMissingData;
import io.mcpwatch.config.ResolvedAlarm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {

  private static final EngineOptions NO_EARLY = EngineOptions.defaults().withEarlyFiring(false);

  @Test
  void create_startsInsufficientDataWithCreationHistory() {
    Fixture f = new Fixture("2024-05-01T10:00:30Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().build());
    Engine e = f.start(EngineOptions.defaults());
    AlarmStatus s = e.statuses().get(0);
    assertThat(s.state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    assertThat(s.reason()).isEqualTo(StateReasons.INITIAL);
    assertThat(s.reasonDataJson()).isNull();
    assertThat(s.lastTransition()).isEqualTo(Instant.parse("2024-05-01T10:00:30Z"));
    assertThat(s.lastEvaluated()).isNull();
    assertThat(e.history(a)).singleElement()
        .extracting(HistoryItem::type).isEqualTo(HistoryItem.Type.ConfigurationUpdate);
    assertThat(e.nextBoundary()).isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
  }

  @Test
  void minutesAndHistory_ofAnEqualCopyOfAnAlarm_areTheAlarmsOwn() {
    Fixture f = new Fixture("2024-05-01T10:00:30Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().name("a").metric("NS", "Errors").build());
    ResolvedAlarm b = f.alarm("/g", "WARN", spec().name("b").metric("NS", "Warnings").build());
    Engine e = f.start(EngineOptions.defaults());
    f.event("/g", "2024-05-01T10:00:40Z", "WARN x");
    ResolvedAlarm copyOfB = new ResolvedAlarm(b.env(), b.app(), b.alarm(), b.logGroup(),
        b.filter(), b.spec());
    assertThat(copyOfB).isNotSameAs(b).isEqualTo(b);

    assertThat(e.minutes(copyOfB)).isEqualTo(e.minutes(b)).hasSize(1);
    assertThat(e.history(copyOfB)).isEqualTo(e.history(b)).isNotEqualTo(e.history(a));
    assertThat(e.minutes(a)).isEmpty();
    ResolvedAlarm unknown = new ResolvedAlarm(b.env(), b.app(), "c", b.logGroup(), b.filter(),
        spec().name("c").build());
    assertThatIllegalArgumentException().isThrownBy(() -> e.minutes(unknown))
        .withMessage("unknown alarm prod/c");
  }

  @Test
  void tick_firstEvaluationAtFirstBoundaryAfterStartWithoutInsufficientDataAction() {
    Fixture f = new Fixture("2024-05-01T10:00:30Z");
    f.alarm("/g", "ERR", spec().insufficientDataActions("topic-i").build());
    Engine e = f.start(EngineOptions.defaults());
    f.tickAt("2024-05-01T10:00:59.999Z");
    assertThat(e.statuses().get(0).lastEvaluated()).isNull();
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(e.statuses().get(0).lastEvaluated())
        .isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
    assertThat(e.statuses().get(0).state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    assertThat(f.transitions).isEmpty();
    assertThat(e.stats().evaluations()).isEqualTo(1);
  }

  @Test
  void evaluate_newAlarmWithoutDataFollowsTreatmentAndSelectsActions() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().name("b").treat(TreatMissingData.breaching)
        .alarmActions("topic-a").okActions("topic-ok").build());
    f.alarm("/g", "ERR", spec().name("nb").treat(TreatMissingData.notBreaching)
        .alarmActions("topic-a").okActions("topic-ok").build());
    f.alarm("/g", "ERR", spec().name("off").treat(TreatMissingData.breaching)
        .actionsEnabled(false).alarmActions("topic-a").build());
    f.start(NO_EARLY);
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.transitions).extracting(t -> t.alarm().alarm(), AlarmTransition::oldState,
            AlarmTransition::newState, AlarmTransition::actions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", AlarmState.INSUFFICIENT_DATA,
                AlarmState.ALARM, List.of("topic-a")),
            org.assertj.core.groups.Tuple.tuple("nb", AlarmState.INSUFFICIENT_DATA,
                AlarmState.OK, List.of("topic-ok")),
            org.assertj.core.groups.Tuple.tuple("off", AlarmState.INSUFFICIENT_DATA,
                AlarmState.ALARM, List.of()));
    assertThat(f.transitions.get(0).reason()).isEqualTo("Threshold Crossed: no datapoints were"
        + " received for 1 period and 1 missing datapoint was treated as [Breaching].");
    AlarmTransition off = f.transitions.get(2);
    assertThat(f.engine().history(off.alarm())).extracting(HistoryItem::type)
        .containsExactly(HistoryItem.Type.ConfigurationUpdate, HistoryItem.Type.StateUpdate);
    assertThat(f.engine().history(off.alarm()).get(1).summary())
        .isEqualTo("Alarm updated from INSUFFICIENT_DATA to ALARM");
  }

  @Test
  void evaluate_notifyInitialOkOff_quietsOnlyTheFirstOkOfAFreshStart() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().name("nb").treat(TreatMissingData.notBreaching).threshold(1.0)
        .alarmActions("topic-a").okActions("topic-ok").build());
    f.start(NO_EARLY.withNotifyInitialOk(false));
    f.tickAt("2024-05-01T10:01:00Z"); // INSUFFICIENT_DATA -> OK: the fresh start, quiet
    f.event("/g", "2024-05-01T10:01:10Z", "ERR");
    f.tickAt("2024-05-01T10:02:00Z"); // OK -> ALARM
    for (String t : new String[] {"03", "04", "05"}) { // the N + 2 range holds the breach to 10:04
      f.tickAt("2024-05-01T10:" + t + ":00Z");
    } // then ALARM -> OK: a real recovery, notified

    assertThat(f.transitions).extracting(AlarmTransition::oldState, AlarmTransition::newState,
            AlarmTransition::actions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AlarmState.INSUFFICIENT_DATA, AlarmState.OK,
                List.of()),
            org.assertj.core.groups.Tuple.tuple(AlarmState.OK, AlarmState.ALARM,
                List.of("topic-a")),
            org.assertj.core.groups.Tuple.tuple(AlarmState.ALARM, AlarmState.OK,
                List.of("topic-ok")));
    assertThat(EngineOptions.defaults().notifyInitialOk()).isTrue();
  }

  @Test
  void evaluate_missingTreatmentGoesOkThenInsufficientDataWithItsActions() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().threshold(5).okActions("topic-ok")
        .insufficientDataActions("topic-i").build());
    f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:10Z", "ERR one");
    f.tickAt("2024-05-01T10:05:00Z");
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->OK",
        "10:04:00 OK->INSUFFICIENT_DATA");
    assertThat(f.transitions.get(0).actions()).containsExactly("topic-ok");
    assertThat(f.transitions.get(0).reason()).isEqualTo("Threshold Crossed: 1 datapoint [1.0"
        + " (01/05/24 10:00:00)] was not greater than or equal to the threshold (5.0).");
    assertThat(f.transitions.get(1).actions()).containsExactly("topic-i");
    assertThat(f.transitions.get(1).reason())
        .isEqualTo("Insufficient Data: 1 datapoint was unknown.");
  }

  @Test
  void evaluate_slidingFiveMinuteWindowsReachBackIntoTheRange() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().period(300).threshold(3).build());
    f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:01:10Z", "ERR");
    f.event("/g", "2024-05-01T10:03:20Z", "ERR");
    f.event("/g", "2024-05-01T10:05:50Z", "ERR");
    f.tickAt("2024-05-01T10:30:00Z");
    assertThat(f.summary()).containsExactly(
        "10:02:00 INSUFFICIENT_DATA->OK",
        "10:06:00 OK->ALARM",
        "10:07:00 ALARM->OK",
        "10:11:00 OK->ALARM",
        "10:12:00 ALARM->OK",
        "10:16:00 OK->ALARM",
        "10:17:00 ALARM->OK",
        "10:21:00 OK->INSUFFICIENT_DATA");
    // the datapoint is stamped with its window start, not a multiple of the period
    assertThat(f.transitions.get(1).reason()).isEqualTo("Threshold Crossed: 1 datapoint [3.0"
        + " (01/05/24 10:01:00)] was greater than or equal to the threshold (3.0).");
    assertThat(f.transitions.get(1).reasonDataJson()).isEqualTo("{\"version\":\"1.0\","
        + "\"queryDate\":\"2024-05-01T10:06:00.000+0000\",\"startDate\":"
        + "\"2024-05-01T10:01:00.000+0000\",\"statistic\":\"Sum\",\"period\":300,"
        + "\"recentDatapoints\":[3.0],\"threshold\":3.0,\"evaluatedDatapoints\":[{\"timestamp\":"
        + "\"2024-05-01T10:01:00.000+0000\",\"sampleCount\":3.0,\"value\":3.0}]}");
  }

  @Test
  void evaluate_highResolutionEveryTenSeconds() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().period(10).threshold(2).build());
    f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:05Z", "ERR");
    f.event("/g", "2024-05-01T10:00:07Z", "ERR");
    f.tickAt("2024-05-01T10:00:20Z");
    assertThat(f.engine().statuses().get(0).lastEvaluated())
        .isEqualTo(Instant.parse("2024-05-01T10:00:20Z"));
    assertThat(f.engine().stats().evaluations()).isEqualTo(2);
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.summary()).containsExactly("10:00:10 INSUFFICIENT_DATA->ALARM",
        "10:00:40 ALARM->INSUFFICIENT_DATA");
  }

  @Test
  void evaluate_lateSamplesChangeOnlyLaterEvaluations() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().threshold(2).build());
    f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:30Z", "ERR");
    f.event("2024-05-01T10:01:30Z", "/g", "2024-05-01T10:00:40Z", "ERR late");
    f.tickAt("2024-05-01T10:02:00Z");
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->OK",
        "10:02:00 OK->ALARM");
    assertThat(f.transitions.get(1).reason()).contains("[2.0 (01/05/24 10:00:00)]");
    List<HistoryItem> h = f.engine().history(a);
    assertThat(h.get(1).data()).contains("\"recentDatapoints\":[1.0]");
    assertThat(h.get(2).data()).contains("\"recentDatapoints\":[2.0]");
  }

  @Test
  void ingest_sampleAtBoundaryBelongsToTheNextWindow() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().build());
    f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:01:00Z", "ERR"); // evaluation at 10:01 runs first
    f.tickAt("2024-05-01T10:02:00Z");
    assertThat(f.summary()).containsExactly("10:02:00 INSUFFICIENT_DATA->ALARM");
  }

  @Test
  void ingest_countsUnknownGroupsAndFilterErrorsWithoutThrowing() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("/g", "ERR", spec().build());
    f.overrides.put(a, new ThrowingBinding(a, "BOOM"));
    Engine e = f.start(NO_EARLY);
    f.event("/other", "2024-05-01T10:00:01Z", "ERR");
    f.event("/g", "2024-05-01T10:00:02Z", "ERR BOOM");
    f.event("/g", "2024-05-01T10:00:03Z", "ERR");
    EngineStats s = e.stats();
    assertThat(s.ingestedEvents()).isEqualTo(3);
    assertThat(s.unknownLogGroupEvents()).isEqualTo(1);
    assertThat(s.filterErrors()).isEqualTo(1);
    assertThat(e.statuses().get(0).matchedEvents()).isEqualTo(1);
  }

  @Test
  void ingest_sharedFilterCountsOnceAndDistinctFiltersAddUp() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm warn = f.alarm("/g", "ERR", spec().name("warn").threshold(2).build());
    ResolvedAlarm crit = f.alarm("/g", "ERR", spec().name("crit").threshold(3).build());
    ResolvedAlarm other = f.alarm("/g", "FATAL", spec().name("fatal").threshold(9).build());
    Engine e = f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:01Z", "ERR");
    f.event("/g", "2024-05-01T10:00:02Z", "FATAL");
    f.event("/g", "2024-05-01T10:00:03Z", "ERR FATAL");
    assertThat(e.minutes(warn)).singleElement().satisfies(m -> {
      assertThat(m.sampleCount()).isEqualTo(4);
      assertThat(m.sum()).isEqualTo(4.0);
    });
    assertThat(e.minutes(crit)).isEqualTo(e.minutes(warn));
    assertThat(e.minutes(other)).isEqualTo(e.minutes(warn)); // same metric, same dimensions
    assertThat(e.statuses()).extracting(AlarmStatus::matchedEvents).containsExactly(2L, 2L, 2L);
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->ALARM",
        "10:01:00 INSUFFICIENT_DATA->ALARM", "10:01:00 INSUFFICIENT_DATA->OK");
  }

  @Test
  void ingest_environmentsNeverMix() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm prod = f.alarm("prod", "/g", "ERR", spec().build(), "1", null,
        java.util.Map.of());
    ResolvedAlarm dev = f.alarm("dev", "/g-dev", "ERR", spec().build(), "1", null,
        java.util.Map.of());
    Engine e = f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:01Z", "ERR");
    assertThat(e.minutes(prod)).hasSize(1);
    assertThat(e.minutes(dev)).isEmpty();
  }

  @Test
  void ingest_extractedDimensionsSelectTheWatchedMetric() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    ResolvedAlarm a = f.alarm("prod", "/g", "[kind=DENIED, tool, ms]",
        spec().dimension("MCP", "teams").dimension("tool", "x").statistic(Statistic.Maximum)
            .build(),
        "$ms", null, java.util.Map.of("tool", "$tool"));
    Engine e = f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:01Z", "DENIED x 7");
    f.event("/g", "2024-05-01T10:00:02Z", "DENIED y 9");
    f.event("/g", "2024-05-01T10:00:03Z", "DENIED x slow"); // not a number: not published
    assertThat(e.minutes(a)).singleElement().satisfies(m -> assertThat(m.max()).isEqualTo(7.0));
    assertThat(e.stats().droppedSamples()).isEqualTo(1);
    assertThat(e.stats().notPublished()).isEqualTo(1);
  }

  @Test
  void ingest_oneFilterWithAFieldDimension_feedsEachAlarmTheValueItWatches() {
    // CloudWatch: {Status = "$status"} publishes one metric per status; an alarm watches one set
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    java.util.Map<String, String> dims = java.util.Map.of("Status", "$status");
    ResolvedAlarm notFound = f.alarm("prod", "/g", "[ip, status]",
        spec().name("404").dimension("MCP", "teams").dimension("Status", "404").threshold(3)
            .build(), "1", null, dims);
    ResolvedAlarm serverError = f.alarm("prod", "/g", "[ip, status]",
        spec().name("500").dimension("MCP", "teams").dimension("Status", "500").threshold(3)
            .build(), "1", null, dims);
    ResolvedAlarm noValue = f.alarm("prod", "/g", "[ip, status]",
        spec().name("none").dimension("MCP", "teams").threshold(1).build(), "1", null, dims);
    Engine e = f.start(NO_EARLY);
    for (int i = 1; i <= 4; i++) {
      f.event("/g", "2024-05-01T10:00:0" + i + "Z", "10.0.0." + i + " 404");
    }
    f.event("/g", "2024-05-01T10:00:05Z", "10.0.0.9 500");
    f.tickAt("2024-05-01T10:01:00Z");

    assertThat(e.minutes(notFound)).singleElement()
        .satisfies(m -> assertThat(m.sum()).isEqualTo(4.0));
    assertThat(e.minutes(serverError)).singleElement()
        .satisfies(m -> assertThat(m.sum()).isEqualTo(1.0));
    assertThat(e.minutes(noValue)).isEmpty();
    assertThat(f.state(notFound)).isEqualTo(AlarmState.ALARM);
    assertThat(f.state(serverError)).isEqualTo(AlarmState.OK);
    assertThat(f.state(noValue)).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    assertThat(e.statuses()).allSatisfy(st -> assertThat(st.matchedEvents()).isEqualTo(5));
    assertThat(e.stats().droppedSamples()).isZero(); // every sample reached its series
  }

  @Test
  void create_rejectsDuplicateAlarmNamesInOneEnvironment() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().name("same").build());
    f.alarm("/h", "ERR", spec().name("same").build());
    assertThatIllegalArgumentException().isThrownBy(() -> f.start(NO_EARLY))
        .withMessageContaining("'same'").withMessageContaining("'prod'");
  }

  @Test
  void tick_longIdleGapGivesTheSameTransitionsAsMinuteByMinute() {
    Fixture jump = new Fixture("2024-05-01T10:00:00Z");
    Fixture steps = new Fixture("2024-05-01T10:00:00Z");
    for (Fixture f : List.of(jump, steps)) {
      f.alarm("/g", "ERR", spec().name("m").evaluationPeriods(2).build());
      f.alarm("/g", "ERR", spec().name("b").treat(TreatMissingData.breaching).build());
      f.start(NO_EARLY);
      f.event("/g", "2024-05-01T10:00:30Z", "ERR");
    }
    jump.tickAt("2024-05-03T10:00:00Z");
    for (int minute = 1; minute <= 2 * 24 * 60; minute++) {
      steps.clock.set(Instant.parse("2024-05-01T10:00:00Z").plusSeconds(60L * minute));
      steps.engine().tick();
    }
    // m (2 of 2, missing): premature ALARM at 10:02, all missing at 10:05; b: breaching
    assertThat(steps.summary()).containsExactly("10:01:00 INSUFFICIENT_DATA->ALARM",
        "10:02:00 INSUFFICIENT_DATA->ALARM", "10:05:00 ALARM->INSUFFICIENT_DATA");
    assertThat(jump.summary()).isEqualTo(steps.summary());
    assertThat(jump.engine().stats().evaluations())
        .isLessThan(steps.engine().stats().evaluations());
    jump.event("/g", "2024-05-03T10:00:30Z", "ERR");
    jump.tickAt("2024-05-03T10:01:00Z");
    assertThat(jump.engine().statuses()).allSatisfy(s -> assertThat(s.lastEvaluated())
        .isEqualTo(Instant.parse("2024-05-03T10:01:00Z")));
    jump.event("/g", "2024-05-03T10:01:30Z", "ERR");
    jump.tickAt("2024-05-03T10:02:00Z");
    assertThat(jump.summary()).hasSize(4).last().isEqualTo("10:02:00 INSUFFICIENT_DATA->ALARM");
  }

  @Test
  void recordAction_equalActionItemsOfOneAlarmShareOneSummaryAndData() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("/g", "ERR", spec().name("m").build());
    f.start(EngineOptions.defaults());
    ResolvedAlarm m = f.alarms.get(0);
    f.engine().recordAction(m, Instant.parse("2024-05-01T10:01:00Z"), "topic", null);
    f.engine().recordAction(m, Instant.parse("2024-05-01T10:02:00Z"), "topic", "refused");
    f.engine().recordAction(m, Instant.parse("2024-05-01T10:03:00Z"), "topic", null);
    List<HistoryItem> h = f.engine().history(m).stream()
        .filter(i -> i.type() == HistoryItem.Type.Action).toList();
    assertThat(h).hasSize(3);
    assertThat(h.get(2).timestamp()).isEqualTo(Instant.parse("2024-05-01T10:03:00Z"));
    assertThat(h.get(2).summary()).isEqualTo("Successfully executed action topic")
        .isSameAs(h.get(0).summary());
    assertThat(h.get(2).data()).isSameAs(h.get(0).data());
    assertThat(h.get(1).summary()).isEqualTo("Failed to execute action topic. Reason: refused");
  }

  @Test
  void history_offGivesTheSameTransitionsAndStatusesWithoutHistory() {
    Fixture on = new Fixture("2024-05-01T10:00:00Z");
    Fixture off = new Fixture("2024-05-01T10:00:00Z");
    for (Fixture f : List.of(on, off)) {
      f.alarm("/g", "ERR", spec().name("m").evaluationPeriods(2).build());
      f.alarm("/g", "ERR", spec().name("b").treat(TreatMissingData.breaching).build());
      f.start(EngineOptions.defaults().withHistory(f == on));
      for (int s = 0; s < 600; s += 7) {
        f.event("/g", Instant.parse("2024-05-01T10:00:00Z").plusSeconds(s).toString(), "ERR");
      }
      f.engine().recordAction(f.alarms.get(0), Instant.parse("2024-05-01T10:11:00Z"), "t", null);
      f.tickAt("2024-05-01T10:30:00Z");
    }
    // the alarms (and their filters) are distinct objects: compare everything else
    java.util.function.Function<AlarmTransition, List<Object>> t =
        x -> List.of(x.time(), x.oldState(), x.newState(), x.reason(), x.reasonDataJson(),
            x.early(), x.actions());
    java.util.function.Function<AlarmStatus, List<Object>> st =
        x -> java.util.Arrays.asList(x.state(), x.reason(), x.reasonDataJson(),
            x.lastTransition(), x.lastEvaluated(), x.matchedEvents());
    assertThat(off.transitions).map(t).isEqualTo(on.transitions.stream().map(t).toList())
        .isNotEmpty();
    assertThat(off.engine().statuses()).map(st)
        .isEqualTo(on.engine().statuses().stream().map(st).toList());
    assertThat(on.engine().history(on.alarms.get(0))).hasSizeGreaterThan(2);
    assertThat(off.engine().history(off.alarms.get(0))).isEmpty();
    assertThat(EngineOptions.defaults().history()).isTrue();
  }

  @Test
  void ingest_extremeTimestampsNeverThrow() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    f.alarm("prod", "/g", "ERR", spec().build(), "1", 0.0, java.util.Map.of());
    Engine e = f.start(EngineOptions.defaults()
        .withDefaultValueMode(io.mcpwatch.metrics.DefaultValueMode.PER_MINUTE));
    f.clock.set("2024-05-01T10:00:01Z");
    for (long ts : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
      e.ingest(new LogEvent("/g", ts, "ERR"));
      e.ingest(new LogEvent("/g", ts, "ok"));
    }
    f.event("/g", "2024-05-01T10:00:02Z", "ERR");
    f.tickAt("2024-05-01T10:03:00Z");
    assertThat(e.stats().ingestedEvents()).isEqualTo(9);
    assertThat(f.summary()).containsExactly("10:00:02 INSUFFICIENT_DATA->ALARM*");
  }

  @Test
  void ingest_alarmWithUnitSeesOnlySamplesPublishedWithThatUnit() {
    Fixture f = new Fixture("2024-05-01T10:00:00Z");
    io.mcpwatch.alarm.AlarmSpec withUnit = spec().name("u").unit("Count").build();
    ResolvedAlarm counted = new ResolvedAlarm("prod", "app", "u", "/g",
        io.mcpwatch.pattern.MetricFilter.compile("ERR", new io.mcpwatch.pattern.MetricTransformation(
            "Failures", "MCP/Security", "1", null, java.util.Map.of(), "Count"),
            io.mcpwatch.pattern.PatternOptions.defaults()), withUnit);
    f.alarms.add(counted);
    ResolvedAlarm unitless = f.alarm("/g", "FATAL", spec().name("n").unit("Count").build());
    Engine e = f.start(NO_EARLY);
    f.event("/g", "2024-05-01T10:00:01Z", "ERR FATAL");
    assertThat(e.minutes(counted)).singleElement()
        .satisfies(m -> assertThat(m.sampleCount()).isEqualTo(1));
    assertThat(e.minutes(unitless)).isEqualTo(e.minutes(counted)); // one series: same metric+unit
    f.tickAt("2024-05-01T10:01:00Z");
    assertThat(f.transitions.get(0).reasonDataJson()).contains("\"unit\":\"Count\"");
  }

  @Test
  void tick_boundedRetentionDropsOldBucketsRetainAllKeepsThem() {
    Fixture bounded = new Fixture("2024-05-01T10:00:00Z");
    Fixture all = new Fixture("2024-05-01T10:00:00Z");
    for (Fixture f : List.of(bounded, all)) {
      f.alarm("/g", "ERR", spec().build());
      f.start(NO_EARLY.withRetainAll(f == all));
      f.event("/g", "2024-05-01T10:00:10Z", "ERR");
      f.tickAt("2024-05-01T13:00:00Z");
      f.event("/g", "2024-05-01T10:30:00Z", "ERR late"); // far behind the evaluation ranges
    }
    assertThat(bounded.engine().minutes(bounded.alarms.get(0))).isEmpty();
    assertThat(bounded.engine().stats().droppedSamples()).isEqualTo(1);
    assertThat(all.engine().minutes(all.alarms.get(0))).hasSize(2);
    assertThat(all.engine().stats().droppedSamples()).isZero();
    assertThat(bounded.summary()).isEqualTo(all.summary());
  }
}
