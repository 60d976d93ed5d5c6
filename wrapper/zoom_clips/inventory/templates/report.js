// Legend hover focuses a scope's band; a click on a column header sorts that table.
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
