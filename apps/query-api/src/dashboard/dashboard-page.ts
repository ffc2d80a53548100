/**
 * The seat dashboard: plain HTML and JavaScript, no build step. It opens the event stream
 * with the token it was given as ?access_token= (EventSource cannot send headers), removes
 * the token from the address bar, and renders every snapshot with textContent only.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seat dashboard</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  header { display: flex; gap: 1rem; align-items: baseline; padding: .8rem 1.2rem; background: #1d2330; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; }
  main { display: grid; grid-template-columns: 2fr 1fr; gap: 1rem; padding: 1rem 1.2rem; }
  section { background: #fff; border-radius: 6px; padding: .8rem 1rem; box-shadow: 0 1px 2px #0001; }
  section.wide { grid-column: 1 / -1; }
  h2 { font-size: 1rem; margin: 0 0 .6rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e4e7ec; }
  td.num { font-variant-numeric: tabular-nums; }
  .full { color: #b42318; font-weight: 600; }
  .status-revoked, .status-expired, .status-suspended { color: #b42318; }
  #refusals { margin: 0; padding-left: 1.2rem; max-height: 17rem; overflow: auto; font-size: 13px; }
  .scroll { max-height: 55vh; overflow: auto; }
  thead th { position: sticky; top: 0; background: #fff; }
  #totals { font-weight: normal; color: #667085; margin-left: .5rem; }
  svg text { font-size: 10px; fill: #667085; }
</style>
</head>
<body>
<header>
  <h1>License seats</h1>
  <span id="connection">connecting…</span>
  <span id="position"></span>
</header>
<main>
  <section>
    <h2>Utilization, last 24 hours <select id="license" aria-label="license"></select></h2>
    <svg id="chart" viewBox="0 0 600 220" width="100%" role="img" aria-label="utilization chart"></svg>
    <p id="chart-legend"></p>
  </section>
  <section>
    <h2>Recent refusals</h2>
    <ol id="refusals"></ol>
  </section>
  <section class="wide">
    <h2>Occupancy (live) <span id="totals"></span></h2>
    <div class="scroll">
      <table id="occupancy">
        <thead><tr><th>License</th><th>Type</th><th>Status</th><th>Machines</th><th>Floating</th><th>Sessions</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
  </section>
</main>
<script>
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var token = params.get('access_token') || '';
  history.replaceState(null, '', location.pathname);
  var el = function (id) { return document.getElementById(id); };
  var make = function (tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  };
  var seatText = function (s) {
    if (!s) return '–';
    return s.inUse + ' / ' + (s.cap === null ? '∞' : s.cap);
  };
  var chosen = null;
  var lastChart = 0;

  function renderOccupancy(snapshot) {
    var body = el('occupancy').tBodies[0];
    body.textContent = '';
    var used = 0, full = 0;
    snapshot.licenses.forEach(function (l) {
      ['machine', 'lease', 'session'].forEach(function (kind) {
        var s = l.seats[kind];
        if (!s) return;
        used += s.inUse;
        if (s.cap !== null && s.inUse >= s.cap) full++;
      });
    });
    el('totals').textContent = snapshot.licenses.length + ' licenses · ' + used + ' seats in use · ' + full + ' pools full';
    snapshot.licenses.forEach(function (l) {
      var row = make('tr', null, { 'data-license': l.licenseId });
      row.appendChild(make('td', l.licenseId));
      row.appendChild(make('td', l.licenseType));
      row.appendChild(make('td', l.status, { class: 'status-' + l.status }));
      ['machine', 'lease', 'session'].forEach(function (kind) {
        var s = l.seats[kind];
        var full = s && s.cap !== null && s.inUse >= s.cap;
        row.appendChild(make('td', seatText(s), {
          class: 'num' + (full ? ' full' : ''),
          'data-testid': 'seats-' + l.licenseId + '-' + kind
        }));
      });
      body.appendChild(row);
    });
  }

  function renderRefusals(snapshot) {
    var list = el('refusals');
    list.textContent = '';
    snapshot.refusals.forEach(function (r) {
      var what = r.type.replace('.v1', '') + (r.reason ? ' ' + r.reason : '') + (r.count > 1 ? ' ×' + r.count : '');
      list.appendChild(make('li', r.occurredAt.slice(0, 19).replace('T', ' ') + '  ' + r.licenseId + '  ' + what));
    });
  }

  function renderLicenses(snapshot) {
    var select = el('license');
    var ids = snapshot.licenses.map(function (l) { return l.licenseId; });
    if (select.options.length !== ids.length) {
      select.textContent = '';
      ids.forEach(function (id) { select.appendChild(make('option', id, { value: id })); });
      if (chosen && ids.indexOf(chosen) >= 0) select.value = chosen;
    }
    if (!chosen && ids.length > 0) { chosen = ids[0]; select.value = chosen; loadChart(); }
  }

  function drawChart(report) {
    var svg = el('chart');
    svg.textContent = '';
    var ns = 'http://www.w3.org/2000/svg';
    var add = function (tag, attrs, text) {
      var n = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
      if (text !== undefined) n.textContent = text;
      svg.appendChild(n);
      return n;
    };
    var colors = { machine: '#7a5af8', lease: '#1570ef', session: '#12b76a' };
    var top = 1;
    report.series.forEach(function (s) {
      top = Math.max(top, s.cap || 0, s.peak);
    });
    var left = 30, width = 560, height = 180, n = report.series.length ? report.series[0].buckets.length : 24;
    var x = function (i) { return left + (i * width) / n; };
    var y = function (v) { return 10 + height - (v * height) / top; };
    add('line', { x1: left, y1: y(0), x2: left + width, y2: y(0), stroke: '#d0d5dd' });
    add('text', { x: 2, y: y(top) + 4 }, String(top));
    add('text', { x: 2, y: y(0) + 4 }, '0');
    var legend = [];
    report.series.forEach(function (s) {
      var color = colors[s.holderKind] || '#344054';
      s.buckets.forEach(function (b, i) {
        add('rect', { x: x(i) + 1, y: y(b.peak), width: Math.max(1, width / n - 2), height: y(0) - y(b.peak), fill: color, 'fill-opacity': 0.18 });
      });
      var points = s.buckets.map(function (b, i) { return (x(i) + width / n / 2) + ',' + y(b.average); }).join(' ');
      add('polyline', { points: points, fill: 'none', stroke: color, 'stroke-width': 2 });
      if (s.cap !== null) add('line', { x1: left, y1: y(s.cap), x2: left + width, y2: y(s.cap), stroke: color, 'stroke-dasharray': '4 3' });
      legend.push(s.holderKind + ': peak ' + s.peak + ', average ' + s.average.toFixed(2) + (s.cap === null ? '' : ' of ' + s.cap));
    });
    el('chart-legend').textContent = legend.join(' · ') + '  (bars: hourly peak; line: time-weighted average; dashed: cap)';
  }

  function loadChart() {
    if (!chosen) return;
    lastChart = Date.now();
    fetch('/query/v1/reports/utilization?licenseId=' + encodeURIComponent(chosen), {
      headers: { authorization: 'Bearer ' + token }
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (report) {
      if (report) drawChart(report);
    });
  }

  el('license').addEventListener('change', function (e) { chosen = e.target.value; loadChart(); });

  var source = new EventSource('/query/v1/dashboard/stream?access_token=' + encodeURIComponent(token));
  source.addEventListener('snapshot', function (e) {
    var snapshot = JSON.parse(e.data);
    el('connection').textContent = 'live';
    el('position').textContent = 'position ' + (snapshot.position || '–') + ' · ' + snapshot.at.slice(11, 19) + ' UTC';
    renderOccupancy(snapshot);
    renderRefusals(snapshot);
    renderLicenses(snapshot);
    if (Date.now() - lastChart > 10000) loadChart();
  });
  source.onerror = function () { el('connection').textContent = 'reconnecting…'; };
})();
</script>
</body>
</html>
`;
