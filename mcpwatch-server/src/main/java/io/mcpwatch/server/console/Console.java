package io.mcpwatch.server.console;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.alarm.HistoryItem;
import io.mcpwatch.metrics.MinuteAggregate;
import io.mcpwatch.notify.TriggerLine;
import io.mcpwatch.pattern.FilterPattern;
import io.mcpwatch.pattern.FilterPatternException;
import io.mcpwatch.pattern.TestMetricFilterResult.MatchedEvent;
import io.mcpwatch.pattern.PatternOptions;
import io.mcpwatch.pattern.TestMetricFilter;
import io.mcpwatch.pattern.TestMetricFilterResult;
import io.mcpwatch.readmodel.AlarmPage;
import io.mcpwatch.readmodel.AlarmQuery;
import io.mcpwatch.readmodel.AlarmSummary;
import io.mcpwatch.readmodel.Delivery;
import io.mcpwatch.readmodel.HistoryEntry;
import io.mcpwatch.readmodel.ReadModel;
import io.mcpwatch.server.web.Answer;
import io.mcpwatch.server.web.Escape;
import io.mcpwatch.server.web.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: the overview of every alarm (ALARM first, filters, search, server-side paging,
 * sparklines against the threshold), one page per alarm (definition, chart data, history with the
 * notifications each transition sent, the last triggering lines) and the test-pattern page. Plain
 * data in, {@link Answer} out, so it is testable without a server; {@code HttpServer} routes to it
 * and adds the server-sent events.
 *
 * <p>Every page is rendered on the server with every user-controlled string escaped ({@link
 * Escape#html}); the script ({@code console.js}) only swaps in server-rendered fragments ({@code
 * ?part=live}) when the read model's version changes, draws the chart from {@link #series} and
 * keeps relative times fresh. Answers carry a strict Content-Security-Policy: scripts, styles and
 * data only from the console itself, no inline script, no frames.
 */
public final class Console {
  private static final Logger log = LoggerFactory.getLogger(Console.class);

  /** The path of the console's scripts, styles, series, events and test-pattern page. */
  public static final String PREFIX = "/console/";

  /** What every console answer carries. */
  public static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  static final int PAGE_SIZE = 50;
  private static final int MAX_PAGE_SIZE = 500;
  private static final int HISTORY_LIMIT = 100;
  private static final int MAX_SEARCH = 256;
  private static final int MAX_TEST_LINES = TestMetricFilter.MAX_MESSAGES;
  private static final Duration SPARK_RANGE = Duration.ofHours(3);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final ReadModel model;
  private final String alarmPath;
  private final InstantSource clock;
  private final Assets assets = new Assets();
  private static final int MAX_CACHED = 256;
  private final Map<AlarmQuery, String> liveCache = new java.util.HashMap<>();
  private long liveCacheVersion = Long.MIN_VALUE;

  /**
   * @param model what the pages show
   * @param alarmPath where the overview lives and alarm pages below it, e.g. {@code /alarms/}
   * @param clock for "time in state" and the chart ranges
   */
  public Console(ReadModel model, String alarmPath, InstantSource clock) {
    if (!alarmPath.startsWith("/") || !alarmPath.endsWith("/")) {
      throw new IllegalArgumentException(
          "alarm page path: expected a path starting and ending with '/'; found " + alarmPath);
    }
    this.model = model;
    this.alarmPath = alarmPath;
    this.clock = clock;
  }

  /** The read model's version (the events stream sends it when it changes). */
  public long version() {
    return model.version();
  }

  /** Where the overview lives, e.g. {@code /alarms/}. */
  public String alarmPath() {
    return alarmPath;
  }

  // ------------------------------------------------------------------------------- overview

  /**
   * The overview: {@code env}, {@code app}, {@code state}, {@code q} (search), {@code offset},
   * {@code limit}; {@code part=live} answers only the part that live updates replace.
   */
  public Answer overview(Map<String, List<String>> query) {
    AlarmQuery q;
    try {
      q = alarmQuery(query);
    } catch (IllegalArgumentException e) {
      return text(400, e.getMessage() + "\n");
    }
    AlarmPage page;
    String live;
    try {
      page = model.alarms(q);
      live = cachedLive(q, page);
    } catch (RuntimeException e) {
      return unavailable("overview", e);
    }
    if ("live".equals(Query.first(query, "part"))) {
      return html(region("live-overview", live));
    }
    StringBuilder b = new StringBuilder(live.length() + 4096);
    head(b, "Alarms · mcpwatch", "overview");
    b.append("<form class=\"filters\" method=\"get\" action=\"").append(h(alarmPath)).append("\">");
    select(b, "env", "all environments", page.envs(), q.env());
    select(b, "app", "all apps", page.apps(), q.app());
    List<String> states = new ArrayList<>();
    for (AlarmState s : AlarmState.values()) {
      states.add(s.name());
    }
    select(b, "state", "all states", states, q.state() == null ? null : q.state().name());
    b.append("<input type=\"search\" name=\"q\" placeholder=\"search alarm names\" value=\"")
        .append(h(q.search() == null ? "" : q.search()))
        .append("\"><button type=\"submit\">Filter</button></form>\n");
    b.append(region("live-overview", live));
    foot(b);
    return html(b.toString());
  }

  /**
   * The overview's live part, rendered once per read-model version and query (its sparklines
   * cost a datapoint query per row); at most {@value #MAX_CACHED} queries are kept.
   */
  private String cachedLive(AlarmQuery q, AlarmPage page) {
    synchronized (liveCache) {
      if (liveCacheVersion != page.version()) {
        liveCache.clear();
        liveCacheVersion = page.version();
      }
      String hit = liveCache.get(q);
      if (hit != null) {
        return hit;
      }
    }
    StringBuilder b = new StringBuilder(16_384);
    overviewLive(b, q, page);
    String html = b.toString();
    synchronized (liveCache) {
      if (liveCacheVersion == page.version()) {
        if (liveCache.size() >= MAX_CACHED) {
          liveCache.clear();
        }
        liveCache.put(q, html);
      }
    }
    return html;
  }

  private AlarmQuery alarmQuery(Map<String, List<String>> query) {
    String state = Query.nonEmpty(query, "state");
    AlarmState st = null;
    if (state != null) {
      try {
        st = AlarmState.valueOf(state);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "state: expected OK, ALARM or INSUFFICIENT_DATA; found " + Escape.quoted(state, 40));
      }
    }
    String search = Query.nonEmpty(query, "q");
    if (search != null && search.length() > MAX_SEARCH) {
      search = search.substring(0, MAX_SEARCH);
    }
    int offset = intParam(query, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(query, "limit", PAGE_SIZE, 1, MAX_PAGE_SIZE);
    return new AlarmQuery(
        Query.nonEmpty(query, "env"), Query.nonEmpty(query, "app"), st, search, offset, limit);
  }

  private static int intParam(
      Map<String, List<String>> query, String name, int dflt, int min, int max) {
    String v = Query.nonEmpty(query, name);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v);
      if (i >= min && i <= max) {
        return i;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(
        name + ": expected a whole number " + min + "-" + max + "; found " + Escape.quoted(v, 20));
  }

  private void overviewLive(StringBuilder b, AlarmQuery q, AlarmPage page) {
    b.append("<p class=\"counts\">");
    for (AlarmState s : List.of(AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA, AlarmState.OK)) {
      b.append("<a class=\"badge ")
          .append(stateClass(s))
          .append("\" href=\"")
          .append(h(overviewUrl(q.env(), q.app(), s, q.search(), 0)))
          .append("\">")
          .append(page.counts().get(s))
          .append(' ')
          .append(s.name())
          .append("</a> ");
    }
    b.append("<span class=\"total\">").append(page.total()).append(" alarms</span></p>\n");
    if (page.items().isEmpty()) {
      b.append("<p class=\"empty\">No alarm matches.</p>");
      return;
    }
    b.append("<table class=\"alarms\"><thead><tr><th>State</th><th>Alarm</th>")
        .append("<th>Env / app</th><th>Last 3 h</th><th>In state for</th><th>Last reason</th>")
        .append("</tr></thead><tbody>\n");
    Instant now = clock.instant();
    for (AlarmSummary a : page.items()) {
      b.append("<tr class=\"").append(stateClass(a.state())).append("\" data-alarm=\"")
          .append(h(a.name())).append("\"><td>");
      badge(b, a.state());
      b.append("</td><td class=\"name\"><a href=\"").append(h(alarmUrl(a))).append("\">")
          .append(h(a.name())).append("</a></td><td>").append(h(a.env())).append(" / ")
          .append(h(a.app())).append("</td><td>");
      sparkline(b, a, now);
      b.append("</td><td>");
      since(b, a.stateSince(), now);
      b.append("</td><td class=\"reason\">").append(h(cut(a.reason(), 240))).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    int from = q.offset() + 1;
    int to = q.offset() + page.items().size();
    b.append("<p class=\"pager\">");
    if (q.offset() > 0) {
      b.append("<a href=\"")
          .append(h(overviewUrl(q.env(), q.app(), q.state(), q.search(),
              Math.max(0, q.offset() - q.limit()))))
          .append("\">&larr; previous</a> ");
    }
    b.append(from).append("&ndash;").append(to).append(" of ").append(page.total());
    if (to < page.total()) {
      b.append(" <a href=\"")
          .append(h(overviewUrl(q.env(), q.app(), q.state(), q.search(), q.offset() + q.limit())))
          .append("\">next &rarr;</a>");
    }
    b.append("</p>\n");
  }

  private String overviewUrl(
      @Nullable String env,
      @Nullable String app,
      @Nullable AlarmState state,
      @Nullable String search,
      int offset) {
    StringBuilder u = new StringBuilder(alarmPath);
    char sep = '?';
    for (String[] kv :
        new String[][] {
          {"env", env},
          {"app", app},
          {"state", state == null ? null : state.name()},
          {"q", search},
          {"offset", offset == 0 ? null : Integer.toString(offset)}
        }) {
      if (kv[1] != null && !kv[1].isEmpty()) {
        u.append(sep).append(kv[0]).append('=').append(Urls.encode(kv[1]));
        sep = '&';
      }
    }
    return u.toString();
  }

  private String alarmUrl(AlarmSummary a) {
    return alarmPath + Urls.encodePath(a.name()) + "?env=" + Urls.encode(a.env());
  }

  /** A small inline SVG: the alarm's statistic per period over 3 h, and the threshold. */
  private void sparkline(StringBuilder b, AlarmSummary a, Instant now) {
    Series s;
    try {
      s = Series.of(a, model.datapoints(a.metric(), now.minus(SPARK_RANGE), now.plusSeconds(60)),
          now.minus(SPARK_RANGE), now);
    } catch (RuntimeException e) {
      b.append("<span class=\"muted\">?</span>");
      return;
    }
    int w = 160;
    int hgt = 28;
    double lo = Math.min(0, a.spec().threshold());
    double hi = a.spec().threshold();
    for (double v : s.values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    double span = SPARK_RANGE.getSeconds();
    long start = now.minus(SPARK_RANGE).getEpochSecond();
    b.append("<svg class=\"spark\" width=\"").append(w).append("\" height=\"").append(hgt)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(hgt)
        .append("\" role=\"img\" aria-label=\"")
        .append(s.values.length).append(" datapoints, threshold ")
        .append(h(number(a.spec().threshold()))).append("\">");
    double ty = y(a.spec().threshold(), lo, hi, hgt);
    b.append("<line class=\"threshold\" x1=\"0\" x2=\"").append(w).append("\" y1=\"")
        .append(fmt(ty)).append("\" y2=\"").append(fmt(ty)).append("\"/>");
    if (s.values.length > 0) {
      b.append("<polyline class=\"line\" points=\"");
      for (int i = 0; i < s.values.length; i++) {
        double x = (s.times[i] - start) / span * (w - 2) + 1;
        b.append(fmt(x)).append(',').append(fmt(y(s.values[i], lo, hi, hgt))).append(' ');
      }
      b.append("\"/>");
      if (s.values.length == 1) {
        double x = (s.times[0] - start) / span * (w - 2) + 1;
        b.append("<circle class=\"dot\" r=\"2\" cx=\"").append(fmt(x)).append("\" cy=\"")
            .append(fmt(y(s.values[0], lo, hi, hgt))).append("\"/>");
      }
    }
    b.append("</svg>");
  }

  private static double y(double v, double lo, double hi, int hgt) {
    return (hgt - 3) - (v - lo) / (hi - lo) * (hgt - 6);
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  // ---------------------------------------------------------------------------- alarm page

  /**
   * One alarm's page ({@code env} picks the environment when names repeat; {@code part=live}
   * answers only the live part).
   */
  public Answer alarm(String name, Map<String, List<String>> query) {
    Optional<AlarmSummary> found;
    List<HistoryEntry> history;
    List<TriggerLine> lines;
    try {
      found = model.alarm(Query.nonEmpty(query, "env"), name);
      if (found.isEmpty()) {
        return notFound(name);
      }
      history = model.history(found.get().env(), name, HISTORY_LIMIT);
      lines = model.triggerLines(found.get().env(), name);
    } catch (RuntimeException e) {
      return unavailable("alarm page", e);
    }
    AlarmSummary a = found.get();
    StringBuilder top = new StringBuilder(1024);
    StringBuilder details = new StringBuilder(8192);
    alarmState(top, a);
    alarmDetails(details, a, history, lines);
    if ("live".equals(Query.first(query, "part"))) {
      return html(region("live-state", top) + region("live-details", details));
    }
    String range = Range.of(Query.nonEmpty(query, "range")).label;
    StringBuilder b = new StringBuilder(details.length() + 8192);
    head(b, a.name() + " · mcpwatch", "alarm");
    b.append("<p class=\"crumbs\"><a href=\"").append(h(alarmPath)).append("\">&larr; all alarms</a></p>\n");
    b.append("<h1 class=\"alarm-name\">").append(h(a.name())).append("</h1>\n");
    b.append(region("live-state", top));
    b.append("<section class=\"chart-box\"><h2>Datapoints</h2><p class=\"ranges\">");
    for (Range r : Range.values()) {
      b.append("<a class=\"range").append(r.label.equals(range) ? " current" : "")
          .append("\" data-range=\"").append(r.label).append("\" href=\"?env=")
          .append(h(Urls.encode(a.env()))).append("&amp;range=").append(r.label).append("\">")
          .append(r.label).append("</a> ");
    }
    b.append("<span class=\"muted\">drag across the chart to zoom, double-click to reset</span></p>");
    b.append("<div id=\"chart\" data-series=\"")
        .append(h(PREFIX + "series?env=" + Urls.encode(a.env()) + "&alarm="
            + Urls.encode(a.name()) + "&range=" + range))
        .append("\"></div><p class=\"legend\"><span class=\"key line\"></span> ")
        .append(h(a.spec().statistic().name())).append(" per ").append(a.spec().periodSeconds())
        .append(" s <span class=\"key threshold\"></span> threshold ")
        .append(h(number(a.spec().threshold())))
        .append(" <span class=\"key alarm\"></span> in ALARM · times in UTC</p></section>\n");
    b.append(region("live-details", details));
    b.append("<p><a href=\"").append(PREFIX).append("test-pattern?env=")
        .append(h(Urls.encode(a.env()))).append("&amp;alarm=").append(h(Urls.encode(a.name())))
        .append("\">Test this alarm's pattern against its last triggering lines</a></p>\n");
    definition(b, a);
    foot(b);
    return html(b.toString());
  }

  private static String region(String id, CharSequence inner) {
    return "<div id=\"" + id + "\" class=\"live\">" + inner + "</div>\n";
  }

  private void alarmState(StringBuilder b, AlarmSummary a) {
    Instant now = clock.instant();
    b.append("<p class=\"state-line ").append(stateClass(a.state())).append("\">");
    badge(b, a.state());
    b.append(" for ");
    since(b, a.stateSince(), now);
    b.append(" <span class=\"muted\">since ").append(TIME.format(a.stateSince()))
        .append(" · matched ").append(a.matchedEvents()).append(" log events in total")
        .append("</span></p>\n<p class=\"reason\">").append(h(a.reason())).append("</p>\n");
  }

  private void alarmDetails(
      StringBuilder b, AlarmSummary a, List<HistoryEntry> history, List<TriggerLine> lines) {
    b.append("<section><h2>History</h2>");
    if (history.isEmpty()) {
      b.append("<p class=\"empty\">No history yet.</p>");
    } else {
      b.append("<table class=\"history\"><thead><tr><th>Time</th><th>Type</th><th>Summary</th>")
          .append("<th>Notifications</th></tr></thead><tbody>\n");
      for (HistoryEntry e : history) {
        HistoryItem i = e.item();
        b.append("<tr class=\"").append(i.type().name()).append(' ')
            .append(historyClass(i)).append("\"><td class=\"time\">")
            .append(TIME.format(i.timestamp())).append("</td><td>").append(i.type().name())
            .append("</td><td>").append(h(cut(i.summary(), 500))).append("</td><td>");
        for (Delivery d : e.deliveries()) {
          b.append("<div class=\"delivery ").append(h(d.status().toLowerCase(Locale.ROOT)))
              .append("\">").append(h(d.protocol())).append(" ").append(h(cut(d.endpoint(), 120)))
              .append(": <b>").append(h(d.status())).append("</b> after ").append(d.attempts())
              .append(d.attempts() == 1 ? " attempt" : " attempts");
          if (d.lastError() != null) {
            b.append(" <span class=\"error\">(").append(h(cut(d.lastError(), 200))).append(")</span>");
          }
          b.append("</div>");
        }
        b.append("</td></tr>\n");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>\n<section><h2>Last triggering log lines</h2>");
    if (lines.isEmpty()) {
      b.append("<p class=\"empty\">None since the service started.</p>");
    } else {
      b.append("<ol class=\"lines\">");
      for (int k = lines.size() - 1; k >= 0; k--) {
        TriggerLine t = lines.get(k);
        b.append("<li><span class=\"time\">").append(TIME.format(t.time()))
            .append("</span> <code>").append(h(cut(t.message(), 4000))).append("</code></li>");
      }
      b.append("</ol>");
    }
    b.append("</section>\n");
  }

  private void definition(StringBuilder b, AlarmSummary a) {
    AlarmSpec s = a.spec();
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Environment / app", a.env() + " / " + a.app());
    rows.put("Log group", a.logGroup());
    rows.put("Filter pattern", a.filterPattern());
    rows.put("Metric", s.namespace() + " / " + s.metricName());
    rows.put("Dimensions", s.dimensions().isEmpty() ? "none" : s.dimensions().toString());
    rows.put("Statistic", s.statistic().name());
    rows.put("Period", s.periodSeconds() + " s");
    rows.put("Condition", s.comparison().name() + " " + number(s.threshold()));
    rows.put("Datapoints to alarm", s.m() + " of " + s.evaluationPeriods());
    rows.put("Missing data", s.effectiveTreatMissingData().name());
    rows.put("Actions", s.actionsEnabled() ? "enabled" : "disabled");
    rows.put("On ALARM", String.join(", ", s.alarmActions()));
    rows.put("On OK", String.join(", ", s.okActions()));
    if (s.description() != null) {
      rows.put("Description", s.description());
    }
    b.append("<section><h2>Definition</h2><table class=\"definition\">");
    rows.forEach(
        (k, v) ->
            b.append("<tr><th>").append(h(k)).append("</th><td><code>").append(h(v))
                .append("</code></td></tr>"));
    b.append("</table></section>\n");
  }

  // ---------------------------------------------------------------------------- chart data

  /**
   * The chart's data as JSON: {@code env}, {@code alarm}, {@code range} (3h, 1d, 1w). Times are
   * epoch seconds; {@code v} is the alarm's statistic per period ({@code null} where a period has
   * no samples), {@code alarm} lists the [from, to) intervals the alarm spent in ALARM.
   */
  public Answer series(Map<String, List<String>> query) {
    String name = Query.nonEmpty(query, "alarm");
    if (name == null) {
      return text(400, "alarm: expected an alarm name\n");
    }
    Range range = Range.of(Query.nonEmpty(query, "range"));
    Instant now = clock.instant();
    Instant from = now.minus(range.duration);
    Optional<AlarmSummary> found;
    List<MinuteAggregate> minutes;
    List<HistoryEntry> history;
    try {
      found = model.alarm(Query.nonEmpty(query, "env"), name);
      if (found.isEmpty()) {
        return notFound(name);
      }
      minutes = model.datapoints(found.get().metric(), from, now.plusSeconds(60));
      history = model.history(found.get().env(), name, 1000);
    } catch (RuntimeException e) {
      return unavailable("series", e);
    }
    AlarmSummary a = found.get();
    Series s = Series.of(a, minutes, from, now);
    StringBuilder j = new StringBuilder(64 + s.values.length * 24);
    j.append("{\"statistic\":\"").append(a.spec().statistic().name())
        .append("\",\"period\":").append(a.spec().periodSeconds())
        .append(",\"threshold\":").append(json(a.spec().threshold()))
        .append(",\"from\":").append(from.getEpochSecond())
        .append(",\"to\":").append(now.getEpochSecond())
        .append(",\"t\":[");
    for (int i = 0; i < s.times.length; i++) {
      j.append(i == 0 ? "" : ",").append(s.times[i]);
    }
    j.append("],\"v\":[");
    for (int i = 0; i < s.values.length; i++) {
      j.append(i == 0 ? "" : ",").append(json(s.values[i]));
    }
    j.append("],\"alarm\":[");
    List<long[]> intervals = alarmIntervals(a, history, from, now);
    for (int i = 0; i < intervals.size(); i++) {
      j.append(i == 0 ? "" : ",").append('[').append(intervals.get(i)[0]).append(',')
          .append(intervals.get(i)[1]).append(']');
    }
    j.append("]}");
    return Answer.of(200, Answer.JSON, j.toString())
        .withHeader("Cache-Control", "no-store")
        .withHeader("X-Content-Type-Options", "nosniff");
  }

  /** [from, to) epoch seconds in ALARM within the range, from the StateUpdate items. */
  static List<long[]> alarmIntervals(
      AlarmSummary a, List<HistoryEntry> newestFirst, Instant from, Instant to) {
    List<long[]> out = new ArrayList<>();
    Long open = null;
    boolean sawAny = false;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      HistoryItem item = newestFirst.get(i).item();
      if (item.type() != HistoryItem.Type.StateUpdate) {
        continue;
      }
      AlarmState next = newState(item.summary());
      if (next == null) {
        continue;
      }
      sawAny = true;
      long t = Math.max(item.timestamp().getEpochSecond(), from.getEpochSecond());
      if (next == AlarmState.ALARM && open == null) {
        open = t;
      } else if (next != AlarmState.ALARM && open != null) {
        if (item.timestamp().isAfter(from)) {
          out.add(new long[] {open, t});
        }
        open = null;
      }
    }
    if (open != null) {
      out.add(new long[] {open, to.getEpochSecond()});
    } else if (!sawAny && a.state() == AlarmState.ALARM) {
      out.add(new long[] {Math.max(a.stateSince().getEpochSecond(), from.getEpochSecond()),
          to.getEpochSecond()});
    }
    return out;
  }

  private static @Nullable AlarmState newState(String summary) {
    int i = summary.lastIndexOf(" to ");
    if (!summary.startsWith("Alarm updated from ") || i < 0) {
      return null;
    }
    try {
      return AlarmState.valueOf(summary.substring(i + 4).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // -------------------------------------------------------------------------- test pattern

  /**
   * The test-pattern page; with a {@code pattern} (form field) it shows what matched among {@code
   * lines} (one event per line), through the same core call as {@code mcpwatch test-pattern}
   * ({@link TestMetricFilter}).
   */
  public Answer testPattern(@Nullable String pattern, @Nullable String lines) {
    return testPattern(pattern, lines, null);
  }

  /**
   * The test-pattern page for a GET: empty, or with {@code alarm} (and {@code env}) prefilled with
   * that alarm's pattern and its last triggering lines, tested at once.
   */
  public Answer testPatternPage(Map<String, List<String>> query) {
    String name = Query.nonEmpty(query, "alarm");
    if (name == null) {
      return testPattern(null, null, null);
    }
    try {
      Optional<AlarmSummary> a = model.alarm(Query.nonEmpty(query, "env"), name);
      if (a.isEmpty()) {
        return notFound(name);
      }
      StringBuilder lines = new StringBuilder();
      for (TriggerLine t : model.triggerLines(a.get().env(), name)) {
        lines.append(t.message().replace('\n', ' ').replace('\r', ' ')).append('\n');
      }
      return testPattern(a.get().filterPattern(), lines.toString(), a.get());
    } catch (RuntimeException e) {
      return unavailable("test pattern", e);
    }
  }

  private Answer testPattern(
      @Nullable String pattern, @Nullable String lines, @Nullable AlarmSummary from) {
    StringBuilder b = new StringBuilder(8192);
    head(b, "Test a pattern · mcpwatch", "test-pattern");
    b.append("<h1>Test a filter pattern</h1>\n");
    if (from != null) {
      b.append("<p class=\"muted\">The pattern of <a href=\"").append(h(alarmUrl(from)))
          .append("\">").append(h(from.name()))
          .append("</a> and its last triggering lines; edit either and test again.</p>\n");
    }
    b.append("<form class=\"test\" method=\"post\" action=\"")
        .append(PREFIX).append("test-pattern\"><label>Filter pattern<br><input type=\"text\"")
        .append(" name=\"pattern\" id=\"pattern\" size=\"80\" value=\"")
        .append(h(pattern == null ? "" : pattern))
        .append("\"></label><br><label>Log lines (one event per line, at most ")
        .append(MAX_TEST_LINES).append(")<br><textarea name=\"lines\" id=\"lines\" rows=\"10\"")
        .append(" cols=\"100\">").append(h(lines == null ? "" : lines))
        .append("</textarea></label><br><button type=\"submit\" id=\"test\">Test pattern</button>")
        .append("</form>\n");
    if (pattern != null) {
      b.append("<section id=\"result\">");
      testResult(b, pattern, lines == null ? "" : lines);
      b.append("</section>\n");
    }
    foot(b);
    return html(b.toString());
  }

  private static void testResult(StringBuilder b, String pattern, String text) {
    FilterPattern compiled;
    try {
      compiled = FilterPattern.compile(pattern, PatternOptions.defaults());
    } catch (FilterPatternException e) {
      b.append("<p class=\"error\" id=\"pattern-error\">").append(h(e.render())).append("</p>");
      return;
    }
    List<String> messages = new ArrayList<>();
    for (String line : text.split("\r?\n", -1)) {
      if (!line.isEmpty()) {
        messages.add(line);
      }
    }
    if (messages.size() > MAX_TEST_LINES) {
      b.append("<p class=\"error\">lines: at most ").append(MAX_TEST_LINES)
          .append(" events can be tested at once (as TestMetricFilter); found ")
          .append(messages.size()).append("</p>");
      return;
    }
    TestMetricFilterResult r;
    try {
      r = TestMetricFilter.run(compiled, messages);
    } catch (IllegalArgumentException e) {
      b.append("<p class=\"error\">").append(h(e.getMessage())).append("</p>");
      return;
    }
    b.append("<p id=\"summary\">").append(r.matches().size()).append(" of ")
        .append(messages.size()).append(" events matched</p>");
    if (r.matches().isEmpty()) {
      return;
    }
    b.append("<table class=\"matches\"><thead><tr><th>Event</th><th>Line</th>")
        .append("<th>Extracted values</th></tr></thead><tbody>");
    for (MatchedEvent m : r.matches()) {
      b.append("<tr><td>").append(m.eventNumber()).append("</td><td><code>")
          .append(h(cut(m.eventMessage(), 4000))).append("</code></td><td>");
      m.extractedValues()
          .forEach((k, v) -> b.append("<code>").append(h(k)).append(" = ").append(h(v))
              .append("</code><br>"));
      b.append("</td></tr>");
    }
    b.append("</tbody></table>");
  }

  // -------------------------------------------------------------------------------- assets

  /** A static file of the console ({@code console.js}, {@code console.css}, uPlot's files). */
  public Answer asset(String name) {
    return assets.answer(name);
  }

  // ------------------------------------------------------------------------------- helpers

  private static void head(StringBuilder b, String title, String page) {
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(h(title)).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"").append(PREFIX).append("assets/uPlot.min.css\">")
        .append("<link rel=\"stylesheet\" href=\"").append(PREFIX).append("assets/console.css\">")
        .append("<script src=\"").append(PREFIX).append("assets/uPlot.iife.min.js\" defer></script>")
        .append("<script src=\"").append(PREFIX).append("assets/console.js\" defer></script>")
        .append("</head>\n<body data-page=\"").append(page).append("\" data-events=\"")
        .append(PREFIX).append("events\">\n<header><a class=\"brand\" href=\"/\">mcpwatch</a>")
        .append("<nav><a href=\"/\">Alarms</a> <a href=\"").append(PREFIX)
        .append("test-pattern\">Test pattern</a></nav>")
        .append("<span id=\"conn\" class=\"conn\" title=\"live updates\">live</span></header>\n<main>\n");
  }

  private static void foot(StringBuilder b) {
    b.append("</main>\n</body></html>\n");
  }

  private static void select(
      StringBuilder b, String name, String all, List<String> options, @Nullable String chosen) {
    b.append("<select name=\"").append(name).append("\"><option value=\"\">").append(h(all))
        .append("</option>");
    for (String o : options) {
      b.append("<option value=\"").append(h(o)).append('"')
          .append(o.equals(chosen) ? " selected" : "").append('>').append(h(o)).append("</option>");
    }
    b.append("</select>");
  }

  private static void badge(StringBuilder b, AlarmState s) {
    b.append("<span class=\"badge ").append(stateClass(s)).append("\">").append(s.name())
        .append("</span>");
  }

  private static void since(StringBuilder b, Instant since, Instant now) {
    b.append("<span class=\"since\" data-since=\"").append(since.toEpochMilli()).append("\">")
        .append(Durations.human(Duration.between(since, now))).append("</span>");
  }

  static String stateClass(AlarmState s) {
    switch (s) {
      case ALARM:
        return "st-alarm";
      case OK:
        return "st-ok";
      default:
        return "st-insufficient";
    }
  }

  private static String historyClass(HistoryItem i) {
    AlarmState s = i.type() == HistoryItem.Type.StateUpdate ? newState(i.summary()) : null;
    return s == null ? "" : "to-" + stateClass(s);
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String json(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? "null" : Double.toString(d);
  }

  private static String h(String s) {
    return Escape.html(s);
  }

  private static Answer html(String body) {
    return Answer.of(200, Answer.HTML, body)
        .withHeader("Content-Security-Policy", CSP)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Referrer-Policy", "no-referrer")
        .withHeader("Cache-Control", "no-store");
  }

  private static Answer text(int status, String body) {
    return Answer.of(status, Answer.TEXT, body)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Content-Security-Policy", CSP);
  }

  private static Answer notFound(String name) {
    return text(404, "no alarm named " + Escape.quoted(name, 256) + "\n");
  }

  private static Answer unavailable(String what, RuntimeException e) {
    log.warn("console {}: reading the state failed: {}", what, e.toString());
    return text(503, "the alarm state cannot be read right now\n").withHeader("Retry-After", "5");
  }

  /** The chart ranges. */
  enum Range {
    H3("3h", Duration.ofHours(3)),
    D1("1d", Duration.ofDays(1)),
    W1("1w", Duration.ofDays(7));

    final String label;
    final Duration duration;

    Range(String label, Duration duration) {
      this.label = label;
      this.duration = duration;
    }

    static Range of(@Nullable String label) {
      return Arrays.stream(values()).filter(r -> r.label.equals(label)).findFirst().orElse(H3);
    }
  }

  /** The alarm's statistic per period, from minute aggregates. */
  static final class Series {
    final long[] times;
    final double[] values;

    private Series(long[] times, double[] values) {
      this.times = times;
      this.values = values;
    }

    static Series of(AlarmSummary a, List<MinuteAggregate> minutes, Instant from, Instant to) {
      long step = Math.max(60, a.spec().periodSeconds());
      List<long[]> t = new ArrayList<>();
      List<double[]> agg = new ArrayList<>(); // sum, count, min, max
      long fromS = from.getEpochSecond();
      long toS = to.getEpochSecond();
      for (MinuteAggregate m : minutes) {
        long s = Math.floorDiv(m.start().getEpochSecond(), step) * step;
        if (s + step <= fromS || s > toS) {
          continue;
        }
        if (t.isEmpty() || t.get(t.size() - 1)[0] != s) {
          t.add(new long[] {s});
          agg.add(new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        }
        double[] g = agg.get(agg.size() - 1);
        g[0] += m.sum();
        g[1] += m.sampleCount();
        g[2] = Math.min(g[2], m.min());
        g[3] = Math.max(g[3], m.max());
      }
      long[] times = new long[t.size()];
      double[] values = new double[t.size()];
      for (int i = 0; i < times.length; i++) {
        double[] g = agg.get(i);
        times[i] = t.get(i)[0];
        values[i] = a.spec().statistic().compute(g[0], (long) g[1], g[2], g[3]);
      }
      return new Series(times, values);
    }
  }
}
