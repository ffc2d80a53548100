import { CORE_SCRIPT } from './core-script';
import { LICENSE_SCRIPT } from './license-script';
import { OVERVIEW_SCRIPT } from './overview-script';
import * as view from './view';

/** The pure view functions, as the browser runs them: their own (compiled) source. */
const VIEW_FUNCTIONS = (Object.values(view) as unknown[])
  .filter((f): f is () => unknown => typeof f === 'function')
  .map((f) => f.toString())
  .join('\n');

/** Filters and sort order survive a reload (sessionStorage: this tab only). */
const START = String.raw`
try {
  var saved = JSON.parse(sessionStorage.getItem('dashboard-view') || 'null');
  if (saved && saved.filter) { state.filter = saved.filter; state.sort = saved.sort; }
} catch (e) { /* a damaged entry is ignored */ }
['search', 'product', 'status', 'type'].forEach(function (name) { $('f-' + name).value = state.filter[name] || ''; });
setInterval(function () {
  try { sessionStorage.setItem('dashboard-view', JSON.stringify({ filter: state.filter, sort: state.sort })); } catch (e) { /* private mode */ }
}, 500);
show();
connect();
`;

/** The dashboard's whole script, one file, no build step. */
export const DASHBOARD_JS = `(function () {\n'use strict';\n${VIEW_FUNCTIONS}\n${CORE_SCRIPT}\n${OVERVIEW_SCRIPT}\n${LICENSE_SCRIPT}\n${START}\n})();\n`;
