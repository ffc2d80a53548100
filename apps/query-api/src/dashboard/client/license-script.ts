/**
 * The dashboard's browser code, part 3: one license — its seats, who holds them (machine,
 * lease, user or service account; since when, until when), who was refused and why, and its
 * utilization over time (uPlot, with labelled UTC time axes). Refreshed as the feed moves.
 */
export const LICENSE_SCRIPT = String.raw`
var RANGES = { '24h': 1, '7d': 7, '30d': 30 };
var COLORS = { machine: '#7a5af8', lease: '#1570ef', session: '#0e9384' };
var chart = null;
function fact(label, value) { return h('div', { class: 'fact' }, [h('dt', { text: label }), h('dd', { text: value })]); }
function renderLicenseHead(d, now) {
  $('l-name').textContent = licenseName(d);
  var sub = clear($('l-sub'));
  sub.appendChild(badge(d.status));
  sub.appendChild(h('span', { text: (d.product_name || d.product_id) + ' · ' + d.variant_id + ' · ' + d.license_type + (d.trial ? ' · trial' : '') }));
  var facts = clear($('l-facts'));
  [['License id', d.license_id], ['Product id', d.product_id], ['Issued', formatInstant(d.issued_at)],
    ['Expires', d.expires_at ? formatInstant(d.expires_at) + ' (' + relativeTime(d.expires_at, now) + ')' : 'never'],
    ['Reserved accounts', d.reserved_accounts.length ? d.reserved_accounts.join(', ') : 'none']]
    .concat(d.status_reason ? [['Reason', d.status_reason]] : [])
    .forEach(function (f) { facts.appendChild(fact(f[0], f[1])); });
  var seats = clear($('l-seats'));
  KINDS.forEach(function (k) {
    var c = d.seats[k];
    if (!c) return;
    seats.appendChild(h('div', { class: 'card total', 'data-testid': 'license-seats-' + k }, [
      h('div', { class: 'card-title', text: kindLabel(k) }), meter(c),
      h('div', { class: 'muted small', text: c.cap === null ? 'no seat limit' : (c.available + ' available' + (c.reserved ? ' · ' + c.reserved + ' reserved' : '')) })]));
  });
}
function renderHolders(d, now) {
  var body = clear($('l-holders'));
  var rows = holderRows(d.holders);
  $('l-holders-empty').hidden = rows.length > 0;
  rows.forEach(function (r) {
    body.appendChild(h('tr', { 'data-holder': r.who }, [
      h('td', { 'data-label': 'Holder' }, [h('div', { class: 'name mono', text: r.who }), h('div', { class: 'muted small', text: r.detail })]),
      h('td', { 'data-label': 'Kind', text: r.kind }),
      h('td', { 'data-label': 'Since', title: formatInstant(r.since), text: formatInstant(r.since) + ' (' + relativeTime(r.since, now) + ')' }),
      h('td', { 'data-label': 'Expires', title: formatInstant(r.expires_at), text: r.expires_at ? relativeTime(r.expires_at, now) : 'until deactivated' })
    ]));
  });
}
function renderLicenseRefusals(items, now) {
  var list = clear($('l-refusals'));
  if (items.length === 0) list.appendChild(h('li', { class: 'muted', text: 'No refusals recorded for this license.' }));
  items.forEach(function (r) {
    list.appendChild(h('li', { class: 'event' }, [
      h('div', { class: 'event-main' }, [h('span', { class: 'who', text: clientLabel(r.client) }), h('span', { class: 'pill bad', text: r.reason }),
        r.count > 1 ? h('span', { class: 'muted', text: '×' + r.count }) : null]),
      h('div', { class: 'muted small', text: r.kind + ' · ' + formatInstant(r.occurred_at) + ' (' + relativeTime(r.occurred_at, now) + ')' })]));
  });
}
function drawChart(report) {
  var box = clear($('l-chart'));
  if (chart) { chart.destroy(); chart = null; }
  if (!report.series.length || typeof uPlot === 'undefined') return;
  // One point per hour, and the range's end, so the last hour has its width (steps run forward).
  var xs = report.series[0].buckets.map(function (b) { return Date.parse(b.start) / 1000; }).concat([Date.parse(report.to) / 1000]);
  var withEnd = function (values) { return values.concat([values[values.length - 1]]); };
  var data = [xs];
  var series = [{ label: 'Hour (UTC)', value: '{YYYY}-{MM}-{DD} {HH}:{mm}' }];
  var legend = [];
  report.series.forEach(function (s) {
    var color = COLORS[s.holder_kind];
    data.push(withEnd(s.buckets.map(function (b) { return b.peak; })));
    series.push({ label: kindLabel(s.holder_kind) + ' peak', stroke: color, fill: color + '22', paths: uPlot.paths.stepped({ align: 1 }), width: 1.5, points: { show: false } });
    data.push(withEnd(s.buckets.map(function (b) { return b.average; })));
    series.push({ label: kindLabel(s.holder_kind) + ' average', stroke: color, dash: [5, 4], width: 1.5, paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } });
    legend.push(kindLabel(s.holder_kind) + ': peak ' + s.peak + ', average ' + s.average.toFixed(2) + (s.cap === null ? ' (unlimited)' : ' of ' + s.cap));
  });
  var width = Math.max(280, box.clientWidth || 600);
  var hourLabels = function (u, splits) {
    return splits.map(function (ts, i) {
      var iso = new Date(ts * 1000).toISOString();
      var prev = i > 0 ? new Date(splits[i - 1] * 1000).toISOString() : '';
      return iso.slice(11, 16) + (i === 0 || prev.slice(0, 10) !== iso.slice(0, 10) ? '\n' + iso.slice(0, 10) : '');
    });
  };
  var seatLabels = function (u, splits) { return splits.map(function (v) { return String(Math.round(v)); }); };
  chart = new uPlot({ width: width, height: 240, legend: { live: false },
    series: series, scales: { y: { range: function (u, min, max) { return [0, Math.max(1, Math.ceil(max))]; } } },
    axes: [{ label: 'Time (UTC)', stroke: '#475467', values: hourLabels, space: 60 },
      { label: 'Seats in use', stroke: '#475467', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000], values: seatLabels }] }, data, box);
  $('l-chart-legend').textContent = legend.join(' · ');
}
function loadChart(id) {
  var days = RANGES[state.range];
  var at = state.license ? state.license.at : state.snapshot ? state.snapshot.at : null;
  if (!at) return;
  var to = Date.parse(at);
  var from = new Date(to - days * 86400000).toISOString();
  api('/query/v1/reports/utilization?license_id=' + encodeURIComponent(id) + '&from=' + encodeURIComponent(from)).then(drawChart).catch(function () {});
  $('l-csv').href = '/query/v1/reports/utilization?format=csv&license_id=' + encodeURIComponent(id) + '&from=' + encodeURIComponent(from);
  $('l-audit').href = '/query/v1/audit/export?format=csv&license_id=' + encodeURIComponent(id);
}
function loadLicense(full) {
  var id = state.route.id;
  if (!id || (!full && Date.now() - state.lastLicenseLoad < 1000)) return;
  state.lastLicenseLoad = Date.now();
  Promise.all([api('/query/v1/licenses/' + encodeURIComponent(id)), api('/query/v1/licenses/' + encodeURIComponent(id) + '/refusals?limit=20')])
    .then(function (r) {
      var d = r[0];
      var now = d.at;
      $('l-missing').hidden = true;
      $('l-body').hidden = false;
      renderLicenseHead(d, now);
      renderHolders(d, now);
      renderLicenseRefusals(r[1].items, now);
      var first = full || !state.license;
      state.license = d;
      if (first) loadChart(id);
    })
    .catch(function (e) {
      if (String(e.message).indexOf('HTTP 404') < 0) return;
      $('l-body').hidden = true;
      $('l-missing').hidden = false;
    });
}
Array.prototype.forEach.call(document.querySelectorAll('[data-range]'), function (b) {
  b.addEventListener('click', function () {
    state.range = b.getAttribute('data-range');
    Array.prototype.forEach.call(document.querySelectorAll('[data-range]'), function (o) { o.setAttribute('aria-pressed', String(o === b)); });
    if (state.route.id) loadChart(state.route.id);
  });
});
`;
