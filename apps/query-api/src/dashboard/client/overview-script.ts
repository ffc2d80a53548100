/**
 * The dashboard's browser code, part 2: the overview — fleet totals by product and seat kind,
 * the license table (search, filters, sortable columns; cards on a phone), recent refusals with
 * who was refused, and what expires soon.
 */
export const OVERVIEW_SCRIPT = String.raw`
var KINDS = ['machine', 'lease', 'session'];
function totalCard(title, subtitle, kinds) {
  var rows = kinds.map(function (k) {
    return h('div', { class: 'total-row', 'data-testid': 'total-' + title + '-' + k.kind }, [
      h('span', { class: 'total-kind', text: kindLabel(k.kind) }),
      meter({ cap: k.cap, in_use: k.in_use }),
      k.full > 0 ? h('span', { class: 'pill warn', text: k.full + ' full' }) : null
    ]);
  });
  return h('div', { class: 'card total' }, [h('div', { class: 'card-title', text: title }),
    h('div', { class: 'muted small', text: subtitle })].concat(rows.length ? rows : [h('div', { class: 'muted', text: 'no seats' })]));
}
function renderTotals(s) {
  var box = clear($('totals'));
  box.appendChild(totalCard('All products', s.licenses.length + ' licenses', s.totals.fleet));
  s.totals.products.forEach(function (p) {
    box.appendChild(totalCard(p.product_name || p.product_id, p.product_id + ' · ' + p.licenses + ' licenses', p.kinds));
  });
}
function fillSelect(select, values, label) {
  var current = select.value;
  var wanted = [''].concat(values).join('|');
  if (select.getAttribute('data-values') === wanted) return;
  clear(select).appendChild(h('option', { value: '', text: label }));
  values.forEach(function (v) { select.appendChild(h('option', { value: v[0], text: v[1] })); });
  select.setAttribute('data-values', wanted);
  select.value = current;
}
function renderFilters(s) {
  var products = {};
  s.licenses.forEach(function (l) { products[l.product_id] = l.product_name || l.product_id; });
  fillSelect($('f-product'), Object.keys(products).sort().map(function (id) { return [id, products[id]]; }), 'All products');
  $('f-product').value = state.filter.product;
}
var COLUMNS = [['licensee', 'License'], ['product', 'Product'], ['type', 'Type'], ['status', 'Status'],
  ['machine', 'Machines'], ['lease', 'Floating'], ['session', 'Sessions'], ['expires', 'Expires']];
function renderHead() {
  var row = clear($('license-head'));
  COLUMNS.forEach(function (c) {
    var active = state.sort.key === c[0];
    var th = h('th', { scope: 'col', 'aria-sort': active ? (state.sort.descending ? 'descending' : 'ascending') : 'none' }, [
      h('button', { class: 'sort', type: 'button', 'data-sort': c[0], text: c[1] + (active ? (state.sort.descending ? ' ↓' : ' ↑') : '') })]);
    th.firstChild.addEventListener('click', function () {
      state.sort = { key: c[0], descending: active ? !state.sort.descending : false };
      renderOverview();
    });
    row.appendChild(th);
  });
}
function licenseRow(l, now) {
  var open = function () { location.hash = '#/licenses/' + encodeURIComponent(l.license_id); };
  var cells = [
    h('td', { 'data-label': 'License' }, [h('a', { href: '#/licenses/' + encodeURIComponent(l.license_id), class: 'name', text: licenseName(l) }),
      h('div', { class: 'muted small mono', text: l.license_id })]),
    h('td', { 'data-label': 'Product', text: l.product_name || l.product_id }),
    h('td', { 'data-label': 'Type', text: l.license_type }),
    h('td', { 'data-label': 'Status' }, [badge(l.status)])
  ];
  KINDS.forEach(function (k) {
    cells.push(h('td', { 'data-label': kindLabel(k), class: l.seats[k] ? '' : 'none', 'data-testid': 'seats-' + l.license_id + '-' + k }, [l.seats[k] ? meter(l.seats[k]) : h('span', { class: 'muted', text: '—' })]));
  });
  cells.push(h('td', { 'data-label': 'Expires', title: formatInstant(l.expires_at), text: l.expires_at ? relativeTime(l.expires_at, now) : 'never' }));
  var tr = h('tr', { 'data-license': l.license_id, tabindex: '0' }, cells);
  tr.addEventListener('click', function (e) { if (e.target.tagName !== 'A') open(); });
  tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') open(); });
  return tr;
}
function renderTable(s) {
  renderHead();
  var shown = sortLicenses(filterLicenses(s.licenses, state.filter), state.sort.key, state.sort.descending);
  var body = clear($('license-rows'));
  shown.forEach(function (l) { body.appendChild(licenseRow(l, s.at)); });
  $('license-count').textContent = shown.length === s.licenses.length ? s.licenses.length + ' licenses'
    : shown.length + ' of ' + s.licenses.length + ' licenses';
  $('no-match').hidden = shown.length > 0;
}
function licenseLabel(s, id) {
  for (var i = 0; i < s.licenses.length; i++) if (s.licenses[i].license_id === id) return licenseName(s.licenses[i]);
  return id;
}
function renderRefusals(s) {
  var list = clear($('refusals'));
  if (s.refusals.length === 0) list.appendChild(h('li', { class: 'muted', text: 'No refusals recorded.' }));
  s.refusals.forEach(function (r) {
    list.appendChild(h('li', { class: 'event' }, [
      h('div', { class: 'event-main' }, [h('span', { class: 'who', text: clientLabel(r.client) }),
        h('span', { class: 'pill bad', text: r.reason }), r.count > 1 ? h('span', { class: 'muted', text: '×' + r.count }) : null]),
      h('div', { class: 'muted small' }, [h('a', { href: '#/licenses/' + encodeURIComponent(r.license_id), text: licenseLabel(s, r.license_id) }),
        ' · ' + r.kind + ' · ' + relativeTime(r.occurred_at, s.at)])
    ]));
  });
}
function renderExpiring(s) {
  var list = clear($('expiring'));
  if (s.expiring.length === 0) list.appendChild(h('li', { class: 'muted', text: 'Nothing expires in the next 30 days.' }));
  s.expiring.forEach(function (x) {
    list.appendChild(h('li', { class: 'event' }, [
      h('div', { class: 'event-main' }, [h('a', { href: '#/licenses/' + encodeURIComponent(x.license_id), text: licenseName(x) }),
        h('span', { class: 'pill ' + (x.days_left < 7 ? 'bad' : 'warn'), text: x.days_left + ' days' })]),
      h('div', { class: 'muted small', text: (x.product_name || x.product_id) + ' · ' + formatInstant(x.expires_at) })
    ]));
  });
}
function renderOverview() {
  var s = state.snapshot;
  if (!s) return;
  renderTotals(s);
  renderFilters(s);
  renderTable(s);
  renderRefusals(s);
  renderExpiring(s);
  $('truncated').hidden = !s.truncated;
}
['search', 'product', 'status', 'type'].forEach(function (name) {
  var input = $('f-' + name);
  input.addEventListener('input', function () { state.filter[name] = input.value; renderOverview(); });
});
`;
