package io.mcpwatch.replay;

import io.mcpwatch.alarm.AlarmSpec;
import io.mcpwatch.alarm.AlarmState;
import io.mcpwatch.engine.AlarmTransition;
import io.mcpwatch.replay.Replay.AlarmResult;
import io.mcpwatch.replay.Replay.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code backtest --format html}: one self-contained HTML file (uPlot, styles, data and script
 * inline; it loads nothing) with, per alarm, the chart the console draws (the datapoints the
 * alarm evaluated at every minute boundary, the threshold, the replayed ALARM intervals shaded,
 * transitions listed) and the datapoint distribution (histogram against the threshold, p50, p95,
 * p99, max), for tuning thresholds. Every name, pattern and reason is escaped.
 */
public final class BacktestHtml {
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final int BINS = 24;

  private BacktestHtml() {}

  /** The report of {@code result} (the alarms of {@code env}). */
  public static String render(Result result, String env) {
    StringBuilder b = new StringBuilder(200_000);
    Replay.Summary s = result.summary();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>mcpwatch backtest · ").append(h(env)).append("</title>\n<style>")
        .append(resource(UPLOT + "uPlot.min.css")).append('\n').append(CSS).append("</style>\n<script>")
        .append(resource(UPLOT + "uPlot.iife.min.js").replace("</script", "<\\/script"))
        .append("</script>\n</head>\n<body>\n<h1>Backtest of ").append(h(env)).append("</h1>\n<p>")
        .append(s.start() == null ? "no events" : BacktestReport.iso(s.start()) + " to "
            + (s.end() == null ? "?" : BacktestReport.iso(s.end())))
        .append(" · ").append(s.eventsReplayed()).append(" events replayed · ")
        .append(result.alarms().stream().filter(a -> a.timesFired() > 0).count())
        .append(" of ").append(result.alarms().size()).append(" alarms fired (those first) · times in UTC · drag across a chart to zoom,"
            + " double-click to reset</p>\n");
    // the alarms that fired first (most often first), then configuration order; data-N keeps
    // each alarm's index in the result (and the JSON report)
    List<Integer> order = new java.util.ArrayList<>();
    for (int i = 0; i < result.alarms().size(); i++) {
      order.add(i);
    }
    order.sort(
        java.util.Comparator.comparingLong((Integer i) -> -result.alarms().get(i).timesFired()));
    for (int i : order) {
      alarm(b, result.alarms().get(i), i, s.start() == null ? 0 : s.start().getEpochSecond(),
          s.end() == null ? 0 : s.end().getEpochSecond());
    }
    b.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return b.toString();
  }

  private static void alarm(StringBuilder b, AlarmResult a, int n, long from, long to) {
    AlarmSpec spec = a.alarm().spec();
    List<double[]> points = WindowStats.datapoints(spec, a.minutes());
    WindowStats w = WindowStats.of(spec, a.minutes());
    b.append("<section class=\"alarm").append(a.timesFired() > 0 ? " fired" : "").append("\"><h2>")
        .append(h(spec.alarmName())).append(" <span class=\"badge st-")
        .append(a.finalState().name().toLowerCase(Locale.ROOT)).append("\">")
        .append(a.finalState().name()).append("</span></h2>\n<p class=\"def\"><code>")
        .append(h(a.alarm().logGroup())).append("</code> · <code>")
        .append(h(a.alarm().filter().pattern().text())).append("</code> · ")
        .append(h(spec.statistic().name())).append(" per ").append(spec.periodSeconds())
        .append(" s ").append(h(spec.comparison().name())).append(' ')
        .append(num(spec.threshold())).append(" · ").append(spec.m()).append(" of ")
        .append(spec.evaluationPeriods()).append(" · missing data ")
        .append(spec.effectiveTreatMissingData().name()).append(" · ")
        .append(a.matchedEvents()).append(" events matched · fired ").append(a.timesFired())
        .append(a.timesFired() == 1 ? " time" : " times").append("</p>\n");
    b.append("<script type=\"application/json\" id=\"data-").append(n).append("\">{\"threshold\":")
        .append(json(spec.threshold())).append(",\"from\":").append(from).append(",\"to\":")
        .append(to).append(",\"t\":[");
    for (int i = 0; i < points.size(); i++) {
      b.append(i == 0 ? "" : ",").append((long) points.get(i)[0]);
    }
    b.append("],\"v\":[");
    for (int i = 0; i < points.size(); i++) {
      b.append(i == 0 ? "" : ",").append(json(points.get(i)[1]));
    }
    b.append("],\"alarm\":[");
    Long open = null;
    boolean first = true;
    for (AlarmTransition t : a.transitions()) {
      long at = t.time().getEpochSecond();
      if (t.newState() == AlarmState.ALARM && open == null) {
        open = at;
      } else if (t.newState() != AlarmState.ALARM && open != null) {
        b.append(first ? "" : ",").append('[').append(open).append(',').append(at).append(']');
        first = false;
        open = null;
      }
    }
    if (open != null) {
      b.append(first ? "" : ",").append('[').append(open).append(',').append(Math.max(open, to))
          .append(']');
    }
    b.append("]}</script>\n<div class=\"row\"><div class=\"chart\" data-n=\"").append(n)
        .append("\"></div>");
    histogram(b, spec, points, w);
    b.append("</div>\n");
    if (!a.transitions().isEmpty()) {
      b.append("<table><tr><th>Time</th><th>Transition</th><th>Reason</th></tr>");
      for (AlarmTransition t : a.transitions()) {
        b.append("<tr class=\"to-").append(t.newState().name().toLowerCase(Locale.ROOT))
            .append("\"><td>").append(BacktestReport.iso(t.time())).append("</td><td>")
            .append(t.oldState().name()).append(" &rarr; ").append(t.newState().name())
            .append(t.early() ? " (early)" : "").append("</td><td>").append(h(t.reason()))
            .append("</td></tr>");
      }
      b.append("</table>\n");
    }
    b.append("</section>\n");
  }

  /** An SVG histogram of the datapoints with the threshold marked, and the percentiles. */
  private static void histogram(
      StringBuilder b, AlarmSpec spec, List<double[]> points, WindowStats w) {
    b.append("<div class=\"dist\"><h3>Datapoint distribution</h3>");
    if (points.isEmpty() || w == null) {
      b.append("<p>No datapoints.</p></div>");
      return;
    }
    double lo = Math.min(0, spec.threshold());
    double hi = Math.max(w.max(), spec.threshold());
    for (double[] p : points) {
      lo = Math.min(lo, p[1]);
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    int[] bins = new int[BINS];
    for (double[] p : points) {
      int i = (int) Math.min(BINS - 1, Math.floor((p[1] - lo) / (hi - lo) * BINS));
      bins[Math.max(0, i)]++;
    }
    int most = 1;
    for (int c : bins) {
      most = Math.max(most, c);
    }
    int width = 360;
    int height = 140;
    double bw = (double) width / BINS;
    b.append("<svg width=\"").append(width).append("\" height=\"").append(height + 16)
        .append("\" role=\"img\" aria-label=\"histogram of ").append(points.size())
        .append(" datapoints\">");
    for (int i = 0; i < BINS; i++) {
      double bh = bins[i] == 0 ? 0 : Math.max(1, Math.sqrt(bins[i] / (double) most) * height);
      double binLo = lo + (hi - lo) * i / BINS;
      boolean breach = spec.comparison().breaches(binLo + (hi - lo) / BINS / 2, spec.threshold());
      b.append("<rect class=\"").append(breach ? "breach" : "ok").append("\" x=\"")
          .append(fmt(i * bw + 1)).append("\" y=\"").append(fmt(height - bh)).append("\" width=\"")
          .append(fmt(bw - 2)).append("\" height=\"").append(fmt(bh)).append("\"><title>")
          .append(bins[i]).append(" datapoints from ").append(num(binLo)).append("</title></rect>");
    }
    double tx = (spec.threshold() - lo) / (hi - lo) * width;
    b.append("<line class=\"threshold\" x1=\"").append(fmt(tx)).append("\" x2=\"")
        .append(fmt(tx)).append("\" y1=\"0\" y2=\"").append(height).append("\"/>")
        .append("<text x=\"0\" y=\"").append(height + 13).append("\">").append(num(lo))
        .append("</text><text x=\"").append(width).append("\" y=\"").append(height + 13)
        .append("\" text-anchor=\"end\">").append(num(hi)).append("</text></svg>");
    b.append("<p>").append(w.windows()).append(" datapoints · p50 ").append(num(w.p50()))
        .append(" · p95 ").append(num(w.p95())).append(" · p99 ").append(num(w.p99()))
        .append(" · max ").append(num(w.max())).append(" · <b>").append(w.breaching())
        .append("</b> breach the threshold ").append(num(spec.threshold()))
        .append(" (bar height: square root of the count)</p></div>");
  }

  private static String resource(String name) {
    try (InputStream in = BacktestHtml.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("uPlot (" + name + ") is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String h(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        case '\'':
          b.append("&#39;");
          break;
        default:
          b.append(c < 0x20 && c != '\t' && c != '\n' ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  private static String num(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%.4g", d);
  }

  private static String json(double d) {
    return Double.isNaN(d) || Double.isInfinite(d) ? "null" : Double.toString(d);
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  private static final String CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#16191f;background:#f7f8f8}"
          + "h1{font-size:1.4em}h2{font-size:1.15em;margin:0 0 .3em;word-break:break-all}"
          + "h3{font-size:1em;margin:0 0 .3em}"
          + "section.alarm{background:#fff;border:1px solid #d5dbdb;padding:1em;margin:1em 0}"
          + "section.fired{border-left:4px solid #d13212}"
          + ".badge{display:inline-block;padding:.05em .6em;border-radius:3px;font-size:.75em;"
          + "color:#fff;background:#1d8102}.badge.st-alarm{background:#d13212}"
          + ".badge.st-insufficient_data{background:#ececec;color:#6b6b6b}"
          + ".def{color:#414d5c}code{font-family:ui-monospace,monospace;font-size:.92em;"
          + "word-break:break-all}.row{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}"
          + ".chart{flex:1 1 640px;min-width:480px}.dist{flex:0 0 380px}"
          + "rect.ok{fill:#0972d3}rect.breach{fill:#d13212}"
          + "line.threshold{stroke:#16191f;stroke-dasharray:4 3}svg text{font-size:11px}"
          + "table{border-collapse:collapse;width:100%;margin-top:.8em}"
          + "td,th{text-align:left;padding:.3em .5em;border-bottom:1px solid #eee;vertical-align:top}"
          + "tr.to-alarm td{background:#fde7e3}tr.to-ok td{background:#e6f4e1}";

  private static final String SCRIPT =
      "(function(){'use strict';"
          + "function bands(iv){return function(u){var c=u.ctx;c.save();"
          + "c.fillStyle='rgba(209,50,18,0.15)';iv.forEach(function(p){"
          + "var a=Math.max(u.valToPos(p[0],'x',true),u.bbox.left),"
          + "b=Math.min(u.valToPos(p[1],'x',true),u.bbox.left+u.bbox.width);"
          + "if(b>a)c.fillRect(a,u.bbox.top,b-a,u.bbox.height);});c.restore();};}"
          + "document.querySelectorAll('.chart').forEach(function(el){"
          + "var d=JSON.parse(document.getElementById('data-'+el.getAttribute('data-n')).textContent);"
          + "var xs=d.t.slice(),ys=d.v.slice();"
          + "if(xs.length===0||xs[0]>d.from){xs.unshift(d.from);ys.unshift(null);}"
          + "if(xs[xs.length-1]<d.to){xs.push(d.to);ys.push(null);}"
          + "var th=xs.map(function(){return d.threshold;});"
          + "var u=new uPlot({width:Math.max(480,el.clientWidth||800),height:260,"
          + "tzDate:function(ts){return uPlot.tzDate(new Date(ts*1e3),'Etc/UTC');},"
          + "cursor:{drag:{x:true,y:false}},axes:[{},{size:72}],"
          + "scales:{y:{range:function(u,mn,mx){return[Math.min(0,mn==null?0:mn,d.threshold),"
          + "Math.max(mx==null?1:mx,d.threshold)*1.25||1];}}},"
          + "series:[{},{label:'datapoint',stroke:'#0972d3',width:1.5,points:{show:xs.length<400,size:5}},"
          + "{label:'threshold',stroke:'#d13212',width:1.5,dash:[6,4],points:{show:false}}],"
          + "hooks:{drawClear:[bands(d.alarm)]}},[xs,ys,th],el);"
          + "el.uplot=u;el.setAttribute('data-points',String(d.t.length));});})();";
}
