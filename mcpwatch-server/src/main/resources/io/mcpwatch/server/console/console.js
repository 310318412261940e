// mcpwatch console: live updates (server-sent events), relative times and the chart (uPlot).
// No inline script anywhere (the Content-Security-Policy forbids it); every fragment swapped in
// was rendered and escaped by the server.
(function () {
  'use strict';
  var conn = document.getElementById('conn');
  var live = document.querySelector('.live');
  var chartEl = document.getElementById('chart');
  var plot = null;

  function human(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    var h = Math.floor(m / 60);
    if (h < 48) return h + ' h ' + (m % 60) + ' min';
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  function refreshTimes() {
    var now = Date.now();
    document.querySelectorAll('[data-since]').forEach(function (el) {
      el.textContent = human(now - Number(el.getAttribute('data-since')));
    });
  }
  setInterval(refreshTimes, 15000);

  function withPart(url) {
    var u = new URL(url, location.href);
    u.searchParams.set('part', 'live');
    return u.toString();
  }

  var busy = false;
  var again = false;
  function reloadLive() {
    if (!live) return;
    if (busy) { again = true; return; }
    busy = true;
    fetch(withPart(location.href), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) {
          // server-rendered and escaped; each region replaces the one with its id
          var t = document.createElement('template');
          t.innerHTML = html;
          Array.prototype.slice.call(t.content.children).forEach(function (el) {
            var old = el.id && document.getElementById(el.id);
            if (old) old.replaceWith(el);
          });
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) { again = false; reloadLive(); }
      });
    if (chartEl) loadChart(chartEl.getAttribute('data-series'), true);
  }

  function connect() {
    var url = document.body.getAttribute('data-events');
    if (!url || !window.EventSource) return;
    var es = new EventSource(url);
    es.addEventListener('open', function () { conn.className = 'conn on'; conn.textContent = 'live'; });
    es.addEventListener('error', function () { conn.className = 'conn off'; conn.textContent = 'reconnecting'; });
    es.addEventListener('commit', function () { reloadLive(); });
  }

  // ------------------------------------------------------------------------------ the chart
  function alarmBands(intervals) {
    return function (u) {
      var ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = 'rgba(209, 50, 18, 0.15)';
      intervals.forEach(function (iv) {
        var x0 = u.valToPos(iv[0], 'x', true);
        var x1 = u.valToPos(iv[1], 'x', true);
        var left = Math.max(x0, u.bbox.left);
        var right = Math.min(x1, u.bbox.left + u.bbox.width);
        if (right > left) ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
      });
      ctx.restore();
    };
  }

  function loadChart(url, keepZoom) {
    if (!url || !window.uPlot) return;
    fetch(url, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d) draw(d, keepZoom); })
      .catch(function () {});
  }

  function draw(d, keepZoom) {
    var xs = d.t.slice();
    var ys = d.v.slice();
    // the range's ends, so the threshold spans the whole range even without datapoints
    if (xs.length === 0 || xs[0] > d.from) { xs.unshift(d.from); ys.unshift(null); }
    if (xs[xs.length - 1] < d.to) { xs.push(d.to); ys.push(null); }
    var th = xs.map(function () { return d.threshold; });
    var data = [xs, ys, th];
    chartEl.setAttribute('data-points', String(d.t.length));
    chartEl.setAttribute('data-threshold', String(d.threshold));
    chartEl.setAttribute('data-alarm-intervals', String(d.alarm.length));
    var zoom = null;
    if (plot && keepZoom) {
      var sx = plot.scales.x;
      if (sx.min > xs[0] + 1 || sx.max < d.to - 60) zoom = { min: sx.min, max: sx.max };
    }
    if (plot) plot.destroy();
    var width = Math.max(300, chartEl.clientWidth || 800);
    var opts = {
      width: width,
      height: 320,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
      cursor: { drag: { x: true, y: false } },
      axes: [{}, { size: 72 }],
      scales: { x: { time: true }, y: { range: function (u, min, max) {
        var lo = Math.min(0, min == null ? 0 : min, d.threshold);
        var hi = Math.max(max == null ? 1 : max, d.threshold) * 1.25 || 1;
        return [lo, hi];
      } } },
      series: [
        {},
        { label: d.statistic, stroke: '#0972d3', width: 2, points: { show: true, size: 8 },
          spanGaps: false },
        { label: 'threshold', stroke: '#d13212', width: 1.5, dash: [6, 4], points: { show: false } }
      ],
      hooks: { drawClear: [alarmBands(d.alarm)] }
    };
    plot = new uPlot(opts, data, chartEl);
    chartEl.uplot = plot;
    if (zoom) plot.setScale('x', zoom);
    chartEl.ondblclick = function () { plot.setScale('x', { min: d.from, max: d.to }); };
  }

  function initChart() {
    if (!chartEl) return;
    loadChart(chartEl.getAttribute('data-series'), false);
    document.querySelectorAll('a.range').forEach(function (a) {
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        document.querySelectorAll('a.range').forEach(function (b) { b.classList.remove('current'); });
        a.classList.add('current');
        var u = new URL(chartEl.getAttribute('data-series'), location.href);
        u.searchParams.set('range', a.getAttribute('data-range'));
        chartEl.setAttribute('data-series', u.pathname + u.search);
        history.replaceState(null, '', a.getAttribute('href'));
        loadChart(chartEl.getAttribute('data-series'), false);
      });
    });
  }

  initChart();
  connect();
})();
