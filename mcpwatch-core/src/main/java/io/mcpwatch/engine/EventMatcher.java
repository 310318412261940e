package io.mcpwatch.engine;

import io.mcpwatch.pattern.ThreadCopies;
import io.mcpwatch.pattern.Observation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Matches events' messages against an engine's filters on a thread other than the engine's (see
 * {@link Engine#matcher()}): one per thread, with its own compiled copies of the filters. Not
 * thread-safe; the engine's routing it reads is never changed after the engine is created.
 */
public final class EventMatcher {
  private static final Observation[] NOTHING = new Observation[0];

  private final Engine engine;
  private final Map<String, Route[]> routesByGroup;
  private final Map<String, FilterBinding[]> bindings = new HashMap<>();

  /**
   * The routes and own bindings by the very String instance an event names its group with: readers
   * hand out one instance per group name, so after the first event of a group its lookups are an
   * identity hash instead of comparing the name with the engine's key. Bounded, for readers that
   * make a new String per event.
   */
  private final IdentityHashMap<String, Entry> byInstance = new IdentityHashMap<>();

  private static final int MAX_INSTANCES = 4096;

  private record Entry(Route @Nullable [] routes, FilterBinding @Nullable [] own) {}

  EventMatcher(Engine engine, Map<String, Route[]> routesByGroup) {
    this.engine = engine;
    this.routesByGroup = routesByGroup;
    ThreadCopies copies = new ThreadCopies();
    routesByGroup.forEach((group, routes) -> {
      FilterBinding[] own = new FilterBinding[routes.length];
      for (int i = 0; i < routes.length; i++) {
        own[i] = routes[i].binding.forAnotherThread(copies);
      }
      bindings.put(group, own);
    });
  }

  /** Each route's observation of the event, for {@link Engine#ingest(Observed)}. Never throws. */
  public Observed observe(LogEvent e) {
    String group = e.logGroup();
    Entry entry = byInstance.get(group);
    if (entry == null) {
      if (byInstance.size() >= MAX_INSTANCES) {
        byInstance.clear();
      }
      entry = new Entry(routesByGroup.get(group), bindings.get(group));
      byInstance.put(group, entry);
    }
    Route[] routes = entry.routes();
    FilterBinding[] own = entry.own();
    if (routes == null || own == null) {
      return new Observed(engine, e.timestampMillis(), null, NOTHING);
    }
    String message = e.message();
    Observation[] out = null;
    for (int i = 0; i < own.length; i++) {
      Observation o;
      try {
        o = own[i].observe(message);
      } catch (RuntimeException ex) {
        o = null; // counted as a filter error by the engine
      }
      if (o != Observation.NoMatch.INSTANCE) {
        if (out == null) {
          out = new Observation[own.length];
          Arrays.fill(out, Observation.NoMatch.INSTANCE);
        }
        out[i] = o;
      }
    }
    return new Observed(engine, e.timestampMillis(), routes, out == null ? NOTHING : out);
  }
}
