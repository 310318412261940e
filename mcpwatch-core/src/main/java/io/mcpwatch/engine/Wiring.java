package io.mcpwatch.engine;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.EarlyFiring;
import io.mcpwatch.config.ResolvedAlarm;
import io.mcpwatch.metrics.DefaultValueMode;
import io.mcpwatch.metrics.MetricKey;
import io.mcpwatch.metrics.MetricSeries;
import io.mcpwatch.pattern.MetricTransformation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds the engine's routing from the resolved alarms: one series per watched (metric, unit), one
 * route per distinct filter, and the alarms in config order. Fails fast on inconsistent input.
 *
 * <p>A series is keyed by the alarm's full dimension set ({@code spec.dimensions()}: static ones
 * and the watched value of each field dimension, as a CloudWatch alarm names it). A route whose
 * filter extracts dimensions is dynamic: each sample goes to the series whose key is the route's
 * static dimensions plus the values extracted from the event, so alarms watching {@code Status =
 * 404} and {@code Status = 500} share one route, and an alarm that names no value for a field
 * dimension gets no sample (CloudWatch's semantics; the linter warns).
 */
final class Wiring {
  final List<AlarmRuntime> alarms = new ArrayList<>();
  final Map<String, Route[]> routesByGroup = new HashMap<>();
  final List<Route> routes = new ArrayList<>();
  final List<SeriesState> series = new ArrayList<>();
  final Map<MetricKey, SeriesState[]> seriesByKey = new HashMap<>();

  /** A watched (metric, unit); its hash is computed once (a key's dimensions are a map). */
  private record WatchKey(MetricKey key, @Nullable String unit, int hash) {
    WatchKey(MetricKey key, @Nullable String unit) {
      this(key, unit, 31 * key.hashCode() + Objects.hashCode(unit));
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof WatchKey w && hash == w.hash && key.equals(w.key)
          && Objects.equals(unit, w.unit);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The alarms that watch one (metric, unit), and its series once made. */
  private static final class Watchers {
    final List<ResolvedAlarm> alarms = new ArrayList<>(1);
    @Nullable SeriesState series;
  }

  // The keys below are classes with written-out equals and hashCode, not records: a record's
  // generated methods link a call site on first use and run through method handles, which engine
  // creation with 10,000 alarms felt (C1 compiles them poorly).

  /** An alarm name in an environment. */
  private static final class AlarmId {
    private final String env;
    private final String alarmName;

    AlarmId(String env, String alarmName) {
      this.env = env;
      this.alarmName = alarmName;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof AlarmId k && env.equals(k.env) && alarmName.equals(k.alarmName);
    }

    @Override
    public int hashCode() {
      return 31 * env.hashCode() + alarmName.hashCode();
    }
  }

  /** What makes alarms share a route. */
  private static final class RouteKey {
    final String env;
    final String logGroup;
    final String pattern;
    final MetricTransformation transformation;
    final Map<String, String> staticDims;
    private final int hash;

    RouteKey(String env, String logGroup, String pattern, MetricTransformation transformation,
        Map<String, String> staticDims) {
      this.env = env;
      this.logGroup = logGroup;
      this.pattern = pattern;
      this.transformation = transformation;
      this.staticDims = staticDims;
      int h = env.hashCode();
      h = 31 * h + logGroup.hashCode();
      h = 31 * h + pattern.hashCode();
      h = 31 * h + transformation.hashCode();
      this.hash = 31 * h + staticDims.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof RouteKey k
          && hash == k.hash
          && env.equals(k.env)
          && logGroup.equals(k.logGroup)
          && pattern.equals(k.pattern)
          && transformation.equals(k.transformation)
          && staticDims.equals(k.staticDims);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  Wiring(
      List<ResolvedAlarm> resolved,
      EngineOptions options,
      Function<ResolvedAlarm, FilterBinding> bindings) {
    int capacity = resolved.size() + resolved.size() / 3 + 1; // no rehash while they fill
    Map<AlarmId, ResolvedAlarm> names = new HashMap<>(capacity);
    Map<WatchKey, Watchers> watchers = new LinkedHashMap<>(capacity);
    Watchers[] watchersOf = new Watchers[resolved.size()];
    // the loops over the alarms call a method each: the JIT compiles it after a few hundred
    // alarms, while a loop's own body would be interpreted for each of 10,000
    int i = 0;
    for (ResolvedAlarm a : resolved) {
      watchersOf[i++] = watch(a, names, watchers);
    }
    for (Map.Entry<WatchKey, Watchers> e : watchers.entrySet()) {
      addSeries(e.getKey(), e.getValue(), options);
    }
    Map<RouteKey, Route> routeByKey = new LinkedHashMap<>(capacity);
    // the apps' routes share their filters' transformations: each one's sign parsed once
    Map<MetricTransformation, EarlyFiring.SampleSign> transformationSigns =
        new IdentityHashMap<>();
    i = 0;
    for (ResolvedAlarm a : resolved) {
      alarms.add(route(a, watchersOf[i++], bindings, options, routeByKey, transformationSigns));
    }
    Map<String, List<Route>> routeLists = new HashMap<>();
    for (Route r : routeByKey.values()) {
      addRoute(r, routeLists);
    }
    routeLists.forEach((g, rs) -> routesByGroup.put(g, rs.toArray(new Route[0])));
    Map<SeriesState, EarlyFiring.SampleSign> signs = signsReaching(routes, series);
    for (AlarmRuntime a : alarms) {
      a.series.watchers.add(a);
      a.earlyEligible = options.earlyFiring()
          && EarlyFiring.eligible(a.spec.statistic(), a.spec.comparison(),
              Objects.requireNonNull(signs.get(a.series)));
    }
    List<AlarmRuntime> early = new ArrayList<>();
    for (SeriesState st : series) {
      early.clear();
      for (AlarmRuntime w : st.watchers) {
        if (w.earlyEligible) {
          early.add(w);
        }
      }
      st.earlyWatchers = early.toArray(new AlarmRuntime[0]);
    }
  }

  /** The series that one (metric, unit) is, with the widest range its watchers read. */
  private void addSeries(WatchKey key, Watchers w, EngineOptions options) {
    boolean highRes = false;
    long span = 0;
    for (ResolvedAlarm a : w.alarms) {
      AlarmSpec s = a.spec();
      highRes |= s.highResolution();
      span = Math.max(span,
          (long) (s.evaluationPeriods() + options.extraRangeDatapoints()) * s.periodSeconds()
              * 1000L);
    }
    MetricSeries ms = new MetricSeries(key.key(), key.unit(), highRes ? 10_000 : 60_000);
    SeriesState st = new SeriesState(ms, span);
    w.series = st;
    series.add(st);
    seriesByKey.merge(key.key(), new SeriesState[] {st}, Wiring::concat);
  }

  /** A route in its log group's list; a static one's target series. */
  private void addRoute(Route r, Map<String, List<Route>> routeLists) {
    routes.add(r);
    routeLists.computeIfAbsent(r.logGroup, k -> new ArrayList<>()).add(r);
    if (!r.dynamic) {
      MetricKey key = new MetricKey(r.env, r.transformation.metricNamespace(),
          r.transformation.metricName(), r.staticDims);
      List<SeriesState> targets = new ArrayList<>();
      for (SeriesState st : seriesByKey.getOrDefault(key, new SeriesState[0])) {
        if (r.unitCompatible(st.series.unit())) {
          targets.add(st);
        }
      }
      r.targets = targets.toArray(new SeriesState[0]);
    }
  }

  /** Checks that the alarm's name is new in its environment; the watchers of its series. */
  private static Watchers watch(ResolvedAlarm a, Map<AlarmId, ResolvedAlarm> names,
      Map<WatchKey, Watchers> watchers) {
    Objects.requireNonNull(a, "alarm");
    ResolvedAlarm clash = names.putIfAbsent(new AlarmId(a.env(), a.spec().alarmName()), a);
    if (clash != null) {
      throw new IllegalArgumentException("alarm name '" + a.spec().alarmName()
          + "' is used twice in environment '" + a.env() + "' (apps " + clash.app() + " and "
          + a.app() + ")");
    }
    Watchers w = watchers.computeIfAbsent(watchKey(a), k -> new Watchers());
    w.alarms.add(a);
    return w;
  }

  /** The alarm's runtime on its route (made when it is the first of its kind) and series. */
  private static AlarmRuntime route(ResolvedAlarm a, Watchers watchers,
      Function<ResolvedAlarm, FilterBinding> bindings, EngineOptions options,
      Map<RouteKey, Route> routeByKey, Map<MetricTransformation, EarlyFiring.SampleSign> signs) {
    FilterBinding binding = bindings.apply(a);
    MetricTransformation t = binding.transformation();
    Map<String, String> staticDims = a.spec().dimensions();
    if (!t.dimensions().isEmpty()) {
      staticDims = new HashMap<>(staticDims);
      staticDims.keySet().removeAll(t.dimensions().keySet());
    }
    RouteKey rk = new RouteKey(a.env(), a.logGroup(), binding.patternText(), t, staticDims);
    Route route = routeByKey.computeIfAbsent(rk, k -> newRoute(k, binding, options, signs));
    return new AlarmRuntime(a, Objects.requireNonNull(watchers.series), route,
        options.extraRangeDatapoints());
  }

  /** A dynamic route reaches every series of its environment, namespace and metric name. */
  private static final class MetricName {
    private final String env;
    private final String namespace;
    private final String metricName;

    MetricName(String env, String namespace, String metricName) {
      this.env = env;
      this.namespace = namespace;
      this.metricName = metricName;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof MetricName k
          && env.equals(k.env)
          && namespace.equals(k.namespace)
          && metricName.equals(k.metricName);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * env.hashCode() + namespace.hashCode()) + metricName.hashCode();
    }
  }

  /**
   * The sign of every sample any route can publish into each series, in one pass over the routes
   * and one over the series (linear in their number): a static route reaches its targets, a
   * dynamic one every series with its environment, namespace and metric name (whatever the
   * dimensions and unit). {@link EarlyFiring.SampleSign#and} is commutative and associative, so
   * the order of the routes does not matter.
   */
  static Map<SeriesState, EarlyFiring.SampleSign> signsReaching(
      List<Route> routes, List<SeriesState> series) {
    Map<SeriesState, EarlyFiring.SampleSign> signs = new IdentityHashMap<>();
    Map<MetricName, EarlyFiring.SampleSign> dynamic = new HashMap<>();
    for (Route r : routes) {
      if (r.dynamic) {
        dynamic.merge(new MetricName(r.env, r.transformation.metricNamespace(),
            r.transformation.metricName()), r.sign, EarlyFiring.SampleSign::and);
      } else {
        for (SeriesState st : r.targets) {
          signs.merge(st, r.sign, EarlyFiring.SampleSign::and);
        }
      }
    }
    for (SeriesState st : series) {
      MetricKey key = st.series.key();
      EarlyFiring.SampleSign sign = signs.getOrDefault(st, EarlyFiring.SampleSign.ZERO)
          .and(dynamic.getOrDefault(new MetricName(key.env(), key.namespace(), key.metricName()),
              EarlyFiring.SampleSign.ZERO));
      signs.put(st, sign);
    }
    return signs;
  }

  private static SeriesState[] concat(SeriesState[] a, SeriesState[] b) {
    SeriesState[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Route newRoute(RouteKey k, FilterBinding binding, EngineOptions options,
      Map<MetricTransformation, EarlyFiring.SampleSign> signs) {
    Route r = new Route(k.env, k.logGroup, binding, k.transformation, k.staticDims,
        signs.computeIfAbsent(k.transformation, Route::signOf));
    if (options.defaultValueMode() == DefaultValueMode.PER_MINUTE && r.defaultValue != null) {
      r.minuteFlags = new MinuteFlags();
    }
    return r;
  }

  private static WatchKey watchKey(ResolvedAlarm a) {
    AlarmSpec s = a.spec();
    return new WatchKey(new MetricKey(a.env(), s.namespace(), s.metricName(), s.dimensions()),
        s.unit());
  }
}
