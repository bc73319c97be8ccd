/* Space Cooperation Atlas: sortable tables and the timeline filter.
   Progressive enhancement only: without this script every table is complete. */
(function () {
  "use strict";

  function sortKey(cell) {
    var time = cell.querySelector("time[datetime]");
    if (time) return { kind: 0, value: time.getAttribute("datetime") };
    var text = cell.textContent.trim();
    if (text === "") return { kind: 2, value: "" };
    if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: 1, value: parseFloat(text) };
    return { kind: 0, value: text.toLocaleLowerCase() };
  }

  function compare(a, b) {
    if (a.kind === 2 || b.kind === 2) return (a.kind === 2) - (b.kind === 2); // empty cells last
    if (a.kind === 1 && b.kind === 1) return a.value - b.value;
    return String(a.value).localeCompare(String(b.value));
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    if (!body) return;
    headers.forEach(function (th, column) {
      // A separate button beside the header text: headers may hold links, and
      // interactive elements must not nest.
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(sortKey(r1.cells[column]), sortKey(r2.cells[column]));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilter(container) {
    var table = container.querySelector("table");
    if (!table || !table.tBodies[0]) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var kindColumn = table.tHead.rows[0].cells.length - 1;
    var kinds = [];
    rows.forEach(function (row) {
      var kind = row.cells[kindColumn].textContent.trim();
      row.dataset.kind = kind;
      if (kinds.indexOf(kind) < 0) kinds.push(kind);
    });
    kinds.sort();
    var fieldset = document.createElement("fieldset");
    fieldset.className = "atlas-filter";
    var legend = document.createElement("legend");
    legend.textContent = "Show events of these kinds";
    fieldset.appendChild(legend);
    var count = document.createElement("p");
    count.className = "atlas-filter__count";
    count.setAttribute("aria-live", "polite");
    function update() {
      var shown = 0;
      var wanted = {};
      fieldset.querySelectorAll("input").forEach(function (box) { wanted[box.value] = box.checked; });
      rows.forEach(function (row) {
        row.hidden = !wanted[row.dataset.kind];
        if (!row.hidden) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " events shown";
    }
    kinds.forEach(function (kind) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = kind;
      box.addEventListener("change", update);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + kind));
      fieldset.appendChild(label);
    });
    fieldset.appendChild(count);
    container.insertBefore(fieldset, container.firstChild);
    update();
  }

  function init() {
    document.querySelectorAll(".atlas-sortable table, .atlas-timeline table").forEach(makeSortable);
    document.querySelectorAll(".atlas-timeline").forEach(makeFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Citations name the page's full address even when the site's own address is not configured. */
(function () {
  "use strict";
  function fill() {
    var here = window.location.href.split("#")[0];
    document.querySelectorAll("[data-atlas-url]").forEach(function (el) {
      if (!/^https?:/.test(el.textContent)) el.textContent = here;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
