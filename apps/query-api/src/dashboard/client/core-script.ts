/**
 * The dashboard's browser code, part 1: DOM helpers, the session (a 401 sends the browser to
 * the login page, never shows JSON), hash routing (#/ and #/licenses/<id>, so a reload or a
 * bookmark opens the same view) and the live feed (server-sent events, the session cookie).
 * Plain ES2017; everything is rendered with textContent, never innerHTML.
 */
export const CORE_SCRIPT = String.raw`
var state = { snapshot: null, route: { page: 'overview' }, filter: { search: '', product: '', status: '', type: '' },
  sort: { key: 'licensee', descending: false }, license: null, range: '24h', lastLicenseLoad: 0 };
var $ = function (id) { return document.getElementById(id); };
function h(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') node.textContent = attrs[k];
    else if (k === 'onclick') node.addEventListener('click', attrs[k]);
    else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function toLogin() { location.replace('/dashboard/login' + location.hash); }
function api(path) {
  return fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (r) {
    if (r.status === 401) { toLogin(); throw new Error('signed out'); }
    if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
    return r.json();
  });
}
function badge(status) { return h('span', { class: 'badge tone-' + statusTone(status), text: status }); }
function meter(count) {
  var ratio = seatRatio(count);
  var wrap = h('span', { class: 'seat' }, [h('span', { class: 'seat-text', text: seatText(count) })]);
  if (ratio !== null) {
    var bar = h('span', { class: 'meter' + (ratio >= 1 ? ' full' : ratio >= 0.8 ? ' high' : '') }, [h('span', {})]);
    bar.firstChild.style.width = Math.round(ratio * 100) + '%';
    wrap.appendChild(bar);
  }
  return wrap;
}
function parseRoute() {
  var m = /^#\/licenses\/([^/?]+)/.exec(location.hash);
  return m ? { page: 'license', id: decodeURIComponent(m[1]) } : { page: 'overview' };
}
function show() {
  state.route = parseRoute();
  $('overview').hidden = state.route.page !== 'overview';
  $('license-page').hidden = state.route.page !== 'license';
  if (state.route.page === 'license') { state.license = null; loadLicense(true); }
  else if (state.snapshot) renderOverview();
  window.scrollTo(0, 0);
}
function connect() {
  var source = new EventSource('/query/v1/dashboard/stream');
  source.addEventListener('snapshot', function (e) {
    state.snapshot = JSON.parse(e.data);
    $('live').className = 'live on';
    $('live-text').textContent = 'Live';
    $('clock').textContent = formatInstant(state.snapshot.at) + ' · position ' + (state.snapshot.position || '–');
    if (state.route.page === 'overview') renderOverview();
    else loadLicense(false);
  });
  source.onerror = function () {
    $('live').className = 'live off';
    $('live-text').textContent = 'Reconnecting…';
    api('/query/v1/status').catch(function () { /* a 401 has gone to the login page */ });
  };
}
$('logout').addEventListener('click', function () {
  fetch('/dashboard/session', { method: 'DELETE', credentials: 'same-origin' }).then(toLogin, toLogin);
});
window.addEventListener('hashchange', show);
`;
