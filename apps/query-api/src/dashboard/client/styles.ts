/** The dashboard's stylesheet: a laptop layout that folds into one column (and cards) on a phone. */
export const DASHBOARD_CSS = `
:root { --bg: #f5f6f8; --card: #fff; --ink: #101828; --muted: #667085; --line: #e4e7ec; --brand: #1d2939;
  --ok: #067647; --ok-bg: #ecfdf3; --warn: #b54708; --warn-bg: #fffaeb; --bad: #b42318; --bad-bg: #fef3f2; --accent: #1570ef; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); } .small { font-size: 12px; }
header.bar { position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: 16px; padding: 10px 24px; background: var(--brand); color: #fff; }
header.bar h1 { font-size: 16px; margin: 0; font-weight: 600; letter-spacing: .2px; }
header.bar h1 a { color: #fff; } header.bar .spacer { flex: 1; }
.live { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; }
.live::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #98a2b3; }
.live.on::before { background: #32d583; box-shadow: 0 0 0 3px #32d58333; } .live.off::before { background: #fdb022; }
#clock { font-size: 12px; color: #d0d5dd; }
button, .button { font: inherit; border: 1px solid var(--line); background: #fff; color: var(--ink); border-radius: 6px; padding: 5px 10px; cursor: pointer; }
header.bar button { background: transparent; color: #fff; border-color: #475467; }
main { max-width: 1440px; margin: 0 auto; padding: 20px 24px 40px; }
h2 { font-size: 15px; margin: 0; font-weight: 600; }
.section-head { display: flex; align-items: baseline; gap: 12px; margin: 22px 0 10px; flex-wrap: wrap; }
.grid-totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; box-shadow: 0 1px 2px #1018280d; }
.card-title { font-weight: 600; margin-bottom: 2px; }
.total-row { display: grid; grid-template-columns: 78px 1fr auto; align-items: center; gap: 8px; margin-top: 8px; }
.total-kind { color: var(--muted); font-size: 13px; }
.seat { display: inline-flex; flex-direction: column; gap: 3px; min-width: 90px; font-variant-numeric: tabular-nums; }
.seat-text { white-space: nowrap; }
.table-card { padding: 6px 8px; }
.meter { display: block; height: 5px; background: #eaecf0; border-radius: 3px; overflow: hidden; width: 100%; max-width: 140px; }
.meter > span { display: block; height: 100%; background: var(--accent); }
.meter.high > span { background: #f79009; } .meter.full > span { background: var(--bad); }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 20px; align-items: start; }
.filters { display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 10px; }
.filters input, .filters select { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; min-width: 0; }
.filters input { flex: 1 1 220px; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 500; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 0 10px 8px; white-space: nowrap; }
td { padding: 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
tbody tr[data-license] { cursor: pointer; } tbody tr[data-license]:hover { background: #f9fafb; }
button.sort { border: 0; background: none; padding: 0; color: inherit; font-size: inherit; }
.name { font-weight: 600; }
.badge, .pill { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 500; white-space: nowrap; }
.tone-ok { color: var(--ok); background: var(--ok-bg); } .tone-warn, .pill.warn { color: var(--warn); background: var(--warn-bg); }
.tone-bad, .pill.bad { color: var(--bad); background: var(--bad-bg); }
ul.events { list-style: none; margin: 0; padding: 0; } .event { padding: 9px 0; border-bottom: 1px solid var(--line); }
.event:last-child { border-bottom: 0; } .event-main { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.who { font-weight: 600; word-break: break-all; }
.side .card + .card { margin-top: 16px; }
.downloads a { display: block; padding: 3px 0; }
.license-title { display: flex; flex-direction: column; gap: 4px; margin: 6px 0 16px; }
.license-title h2 { font-size: 22px; } #l-sub { display: flex; gap: 10px; align-items: center; color: var(--muted); flex-wrap: wrap; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px 20px; margin: 0; }
.fact dt { color: var(--muted); font-size: 12px; } .fact dd { margin: 0; overflow-wrap: anywhere; }
.segmented button[aria-pressed="true"] { background: var(--brand); color: #fff; border-color: var(--brand); }
#l-chart { min-height: 240px; } .uplot { font-family: inherit; }
.login { max-width: 420px; margin: 12vh auto; } .login textarea { width: 100%; font: 12px ui-monospace, monospace; min-height: 110px; padding: 8px; border: 1px solid var(--line); border-radius: 6px; }
.login .primary { background: var(--brand); color: #fff; border-color: var(--brand); padding: 8px 16px; margin-top: 10px; }
.error { color: var(--bad); min-height: 1.4em; }
@media (max-width: 1100px) { .layout { grid-template-columns: 1fr; } }
@media (max-width: 720px) {
  header.bar { padding: 10px 14px; gap: 10px; flex-wrap: wrap; } #clock { display: none; }
  main { padding: 14px; }
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin-bottom: 10px; padding: 6px 12px; }
  table.cards td { display: flex; justify-content: space-between; align-items: center; gap: 12px; border: 0; padding: 5px 0; text-align: right; }
  table.cards td::before { content: attr(data-label); color: var(--muted); font-size: 12px; text-align: left; }
  table.cards td:first-child { display: block; text-align: left; border-bottom: 1px solid var(--line); padding-bottom: 8px; margin-bottom: 4px; }
  table.cards td:first-child::before { content: none; }
  table.cards td.none { display: none; }
  table.cards .seat { align-items: flex-end; }
  .table-card { background: none; border: 0; box-shadow: none; padding: 0; }
}
`;
