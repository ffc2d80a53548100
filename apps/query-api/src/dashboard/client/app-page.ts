/** The dashboard's HTML: the overview and the license page; the script fills them in. */
export const APP_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Seats · License server</title>
<link rel="stylesheet" href="/dashboard/assets/uplot.css">
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
<header class="bar">
  <h1><a href="#/">License seats</a></h1>
  <span id="live" class="live"><span id="live-text">Connecting…</span></span>
  <span id="clock"></span>
  <span class="spacer"></span>
  <button id="logout" type="button">Sign out</button>
</header>
<main>
  <div id="overview">
    <div class="section-head"><h2>Seats in use</h2><span class="muted small">machines, floating leases and sessions are separate seats</span></div>
    <div id="totals" class="grid-totals"></div>
    <div class="layout">
      <section>
        <div class="section-head"><h2>Licenses</h2><span id="license-count" class="muted"></span></div>
        <div class="filters">
          <input id="f-search" type="search" placeholder="Search licensee, license id or product" aria-label="search">
          <select id="f-product" aria-label="product"><option value="">All products</option></select>
          <select id="f-status" aria-label="status"><option value="">Any status</option><option>active</option><option>degraded</option><option>suspended</option><option>expired</option><option>revoked</option></select>
          <select id="f-type" aria-label="license type"><option value="">Any type</option><option>per-machine</option><option>floating</option><option>site</option></select>
        </div>
        <div class="card table-card">
          <table id="licenses" class="cards"><thead><tr id="license-head"></tr></thead><tbody id="license-rows"></tbody></table>
          <p id="no-match" class="muted" hidden>No license matches.</p>
          <p id="truncated" class="muted small" hidden>Showing the first 1000 licenses; use the API to page through the rest.</p>
        </div>
      </section>
      <aside class="side">
        <div class="section-head"><h2>Recent refusals</h2></div>
        <div class="card"><ul id="refusals" class="events"></ul></div>
        <div class="section-head"><h2>Expiring in 30 days</h2></div>
        <div class="card"><ul id="expiring" class="events"></ul></div>
        <div class="section-head"><h2>Reports (CSV)</h2></div>
        <div class="card downloads">
          <a href="/query/v1/reports/fleet?format=csv">Fleet and product utilization, last 24 h</a>
          <a href="/query/v1/reports/denials?format=csv">Denials by who and reason, last 24 h</a>
          <a href="/query/v1/reports/expiring?format=csv">Expiring in 30 days</a>
          <a href="/query/v1/audit/export?format=csv">Audit trail</a>
        </div>
      </aside>
    </div>
  </div>
  <div id="license-page" hidden>
    <a href="#/">← All licenses</a>
    <p id="l-missing" class="error" hidden>No such license.</p>
    <div id="l-body">
      <div class="license-title"><h2 id="l-name"></h2><div id="l-sub"></div></div>
      <div class="card"><dl id="l-facts" class="facts"></dl></div>
      <div class="section-head"><h2>Seats</h2></div>
      <div id="l-seats" class="grid-totals"></div>
      <div class="layout">
        <section>
          <div class="section-head"><h2>Who holds a seat now</h2></div>
          <div class="card table-card">
            <table class="cards"><thead><tr><th>Holder</th><th>Kind</th><th>Since</th><th>Expires</th></tr></thead><tbody id="l-holders"></tbody></table>
            <p id="l-holders-empty" class="muted" hidden>Nobody holds a seat.</p>
          </div>
          <div class="section-head"><h2>Utilization</h2>
            <span class="segmented"><button type="button" data-range="24h" aria-pressed="true">24 h</button> <button type="button" data-range="7d" aria-pressed="false">7 days</button> <button type="button" data-range="30d" aria-pressed="false">30 days</button></span>
          </div>
          <div class="card"><div id="l-chart" role="img" aria-label="Seats in use per hour; time axis in UTC"></div><p id="l-chart-legend" class="muted small"></p>
            <div class="downloads"><a id="l-csv" href="#">Utilization (CSV)</a><a id="l-audit" href="#">Audit trail of this license (CSV)</a></div></div>
        </section>
        <aside class="side">
          <div class="section-head"><h2>Refusals</h2></div>
          <div class="card"><ul id="l-refusals" class="events"></ul></div>
        </aside>
      </div>
    </div>
  </div>
</main>
<script src="/dashboard/assets/uplot.js"></script>
<script src="/dashboard/assets/dashboard.js"></script>
</body>
</html>
`;

/** The sign-in page: the admin token, sent once, kept in an HttpOnly cookie. */
export const LOGIN_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · License server</title>
<link rel="stylesheet" href="/dashboard/assets/dashboard.css">
</head>
<body>
<header class="bar"><h1>License seats</h1></header>
<main>
  <form id="login" class="card login">
    <h2>Sign in</h2>
    <p class="muted">Paste an admin access token. <code>npm start</code> prints one, and writes it to <code>data/admin-token</code>.</p>
    <label for="token" class="small muted">Admin token</label>
    <textarea id="token" name="token" autocomplete="off" spellcheck="false" required></textarea>
    <p id="error" class="error" role="alert"></p>
    <button class="button primary" type="submit">Open the dashboard</button>
  </form>
</main>
<script src="/dashboard/assets/login.js"></script>
</body>
</html>
`;

export const LOGIN_SCRIPT = String.raw`(function () {
  'use strict';
  var form = document.getElementById('login');
  var reasons = { forbidden: 'That token has no admin role.', expired: 'Your session has ended; sign in again.' };
  var reason = new URLSearchParams(location.search).get('reason');
  if (reason && reasons[reason]) document.getElementById('error').textContent = reasons[reason];
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var error = document.getElementById('error');
    error.textContent = '';
    fetch('/dashboard/session', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: document.getElementById('token').value.trim() }) })
      .then(function (r) {
        if (r.ok) { location.replace('/dashboard' + location.hash); return; }
        return r.json().then(function (body) { error.textContent = body.error ? body.error.message : 'Sign-in failed (HTTP ' + r.status + ')'; });
      })
      .catch(function () { error.textContent = 'The server did not answer; try again.'; });
  });
})();
`;
