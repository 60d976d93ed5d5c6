"""The exposure report's stylesheet and script, inlined into the page (it works offline)."""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --card: #ffffff; --text: #1d2330; --muted: #5d6678; --line: #e3e6ec;
  --bad: #c8372d; --bad-soft: #f7d9d6; --ok: #2f7d4f;
  --scope-ANYONE: #e0533f; --scope-SAME_ORGANIZATION: #3f7fd9;
  --scope-INVITED_MEMBERS_ONLY: #8a63d2; --scope-PRIVATE: #9aa3b2; --scope-other: #c9a227;
  --protected: #f0a79d; --storage: #2f8f83;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151c; --card: #1b2029; --text: #e6e9ef; --muted: #9aa3b5; --line: #2c3340;
    --bad: #ff7a6b; --bad-soft: #3d2220; --ok: #6fcf97;
    --scope-ANYONE: #ff6f5b; --scope-SAME_ORGANIZATION: #5b9cf2;
    --scope-INVITED_MEMBERS_ONLY: #a98af0; --scope-PRIVATE: #6b7487; --scope-other: #e0bf4a;
    --protected: #8c4a42; --storage: #46b5a6;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
}
main { max-width: 1040px; margin: 0 auto; padding: 28px 20px 48px; }
header h1 { font-size: 26px; margin: 0 0 2px; letter-spacing: -0.01em; overflow-wrap: anywhere; }
header p { margin: 0; color: var(--muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
  gap: 14px; margin: 22px 0; }
.tile, section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; }
.tile { padding: 14px 16px; }
.tile .number { display: block; font-size: 30px; font-weight: 650;
  font-variant-numeric: tabular-nums; }
.tile .caption { color: var(--muted); font-size: 13px; }
.tile.alert { border-color: var(--bad); background: var(--bad-soft); }
.tile.alert .number { color: var(--bad); }
section { padding: 18px 20px; margin: 0 0 18px; }
section h2 { font-size: 17px; margin: 0 0 4px; }
section p.note { margin: 0 0 12px; color: var(--muted); font-size: 13px; }
/* Two columns where 460 px fit, else one as wide as the page (never wider: no sideways scroll). */
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(460px, 100%), 1fr));
  gap: 18px; }
.grid2 > section { min-width: 0; }
/* A table wider than its section (many columns on a phone) scrolls inside it, not the page. */
.table-wrap { max-width: 100%; overflow-x: auto; }
.chart { width: 100%; height: auto; display: block; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart text { fill: var(--muted); font-size: 11px; }
.chart .label { fill: var(--text); font-size: 12px; }
.chart .value { fill: var(--text); font-size: 12px; font-variant-numeric: tabular-nums; }
.area { stroke: var(--card); stroke-width: 0.8; opacity: 0.92; transition: opacity .15s; }
.chart.dim .area { opacity: 0.25; }
.chart.dim .area.focus { opacity: 1; }
.scope-ANYONE { fill: var(--scope-ANYONE); background: var(--scope-ANYONE); }
.scope-SAME_ORGANIZATION { fill: var(--scope-SAME_ORGANIZATION);
  background: var(--scope-SAME_ORGANIZATION); }
.scope-INVITED_MEMBERS_ONLY { fill: var(--scope-INVITED_MEMBERS_ONLY);
  background: var(--scope-INVITED_MEMBERS_ONLY); }
.scope-PRIVATE { fill: var(--scope-PRIVATE); background: var(--scope-PRIVATE); }
.scope-other { fill: var(--scope-other); background: var(--scope-other); }
.bar.bare { fill: var(--bad); } .bar.protected { fill: var(--protected); }
.bar.storage { fill: var(--storage); }
.legend { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 10px 0 0; padding: 0;
  list-style: none; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; cursor: default; }
.legend .swatch { width: 11px; height: 11px; border-radius: 3px; display: inline-block; }
.legend .count { font-weight: 600; font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td { overflow-wrap: anywhere; }  /* a long id or title breaks; it never widens the page */
th { color: var(--muted); font-weight: 600; cursor: pointer; user-select: none; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { overflow-wrap: normal; white-space: nowrap; }
td .id { color: var(--muted); font-size: 12px; display: block; }
.pill { display: inline-block; padding: 0 7px; border-radius: 999px; font-size: 12px;
  border: 1px solid var(--line); max-width: 100%; overflow-wrap: anywhere; }
.pill.worse { border-color: var(--bad); color: var(--bad); }
.pill.better { border-color: var(--ok); color: var(--ok); }
.arrow { color: var(--muted); padding: 0 4px; }
.empty { color: var(--muted); font-style: italic; }
details { margin-top: 10px; } summary { cursor: pointer; color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 26px; }
"""

# Legend hover focuses a scope's band; a click on a column header sorts that table.
SCRIPT = """
(function () {
  "use strict";
  var chart = document.getElementById("scope-chart");
  document.querySelectorAll(".legend li[data-scope]").forEach(function (item) {
    item.addEventListener("mouseenter", function () {
      if (!chart) { return; }
      chart.querySelector("svg").classList.add("dim");
      chart.querySelectorAll(".area").forEach(function (area) {
        area.classList.toggle("focus", area.dataset.scope === item.dataset.scope);
      });
    });
    item.addEventListener("mouseleave", function () {
      if (chart) { chart.querySelector("svg").classList.remove("dim"); }
    });
  });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th").forEach(function (th, column) {
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var down = th.dataset.order !== "desc";
        rows.sort(function (a, b) {
          var x = a.cells[column].dataset.sort || a.cells[column].textContent;
          var y = b.cells[column].dataset.sort || b.cells[column].textContent;
          var nx = Number(x), ny = Number(y);
          var order = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
          return down ? -order : order;
        });
        th.dataset.order = down ? "desc" : "asc";
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"""
