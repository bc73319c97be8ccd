/* Space Cooperation Atlas: sortable tables, the status matrix's filter, the year control of the
   maps and the matrix, and the timeline's per-state actions. Progressive enhancement only:
   without this script every table is complete and every map shows today. */
(function () {
  "use strict";

  function sortKey(cell) {
    if (cell.hasAttribute("data-sort")) return { kind: 0, value: cell.getAttribute("data-sort") };
    var time = cell.querySelector("time[datetime]");
    if (time) return { kind: 0, value: time.getAttribute("datetime") };
    var text = cell.textContent.trim();
    if (text === "" || text === "—") return { kind: 2, value: "" };
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

  /* The matrix: a box that narrows the rows by country name as you type. */
  function makeRowFilter(container) {
    var table = container.querySelector("table");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr")).filter(function (row) {
      return row.querySelector("th[scope=row]");
    });
    var wrapper = document.createElement("p");
    wrapper.className = "atlas-matrix-filter";
    var label = document.createElement("label");
    label.htmlFor = "atlas-matrix-filter";
    label.textContent = "Find a country or organisation: ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "atlas-matrix-filter";
    var count = document.createElement("span");
    count.setAttribute("aria-live", "polite");
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var name = row.querySelector("th").textContent.toLocaleLowerCase();
        row.hidden = wanted !== "" && name.indexOf(wanted) < 0;
        if (!row.hidden) shown += 1;
      });
      count.textContent = " " + shown + " of " + rows.length + " rows shown";
    });
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(count);
    container.parentNode.insertBefore(wrapper, container);
  }

  /* The atlas at any year: a state's standing on 31 December of the chosen year, from the
     years each map shape and matrix cell carries (data-s signed, data-j joined, data-w withdrew,
     data-e the state ended). */
  function statusIn(el, year) {
    var s = el.getAttribute("data-s"), j = el.getAttribute("data-j"), w = el.getAttribute("data-w");
    var e = el.getAttribute("data-e");
    if (e && +e <= year) return "none";
    if (w && +w <= year) return "withdrawn";
    if (j && +j <= year) return "party";
    if (s && +s <= year) return "signatory";
    return "none";
  }

  /* A map shaded by how many treaties a state had joined (data-t: "1967 1969 2012-2024"). */
  function joinedBy(el, year) {
    return (el.getAttribute("data-t") || "").split(" ").filter(function (span) {
      var parts = span.split("-");
      return span && +parts[0] <= year && !(parts[1] && +parts[1] <= year);
    }).length;
  }

  var STATUSES = ["party", "signatory", "withdrawn", "none"];
  var controls = [];

  function yearFromAddress() {
    var match = /(?:^#|&)year=(\d{4})/.exec(window.location.hash);
    return match ? +match[1] : null;
  }

  function makeYearControl(container, index) {
    var today = +container.getAttribute("data-as-of");
    var first = +(container.getAttribute("data-first") || today);
    if (!today || first >= today) return;
    var isMatrix = container.classList.contains("atlas-matrix");
    var counting = container.hasAttribute("data-counting");
    var selector = counting ? "[data-t], .treaties-0" : "[data-s], [data-j], [data-w], [data-e]";
    var marks = Array.prototype.slice.call(container.querySelectorAll(selector));
    var kept = marks.map(function (el) {
      return { cls: el.getAttribute("class") || "", text: isMatrix ? el.firstElementChild.textContent : "" };
    });
    var box = document.createElement("div");
    box.className = "atlas-year";
    var id = "atlas-year-" + index;
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Show the world as it stood at the end of:";
    var input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.min = first;
    input.max = today;
    input.step = 1;
    var output = document.createElement("output");
    output.htmlFor = id;
    output.setAttribute("aria-live", "polite");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(output);
    container.parentNode.insertBefore(box, container);
    var remembered = new Map();

    function remember(el) {  // the text the page was built with, shown again for today
      if (!remembered.has(el)) remembered.set(el, el.textContent);
      return remembered.get(el);
    }

    function show(year, fromUser) {
      var isToday = year >= today;
      var counts = { party: 0, signatory: 0, withdrawn: 0 };
      marks.forEach(function (el, i) {
        var status = counting ? "treaties-" + joinedBy(el, year) : statusIn(el, year);
        var classes = kept[i].cls.split(/\s+/).filter(function (c) {
          return c && STATUSES.indexOf(c) < 0 && c.indexOf("treaties-") !== 0;
        });
        el.setAttribute("class", isToday ? kept[i].cls : classes.concat([status]).join(" "));
        if (isMatrix) {
          el.firstElementChild.textContent = isToday ? kept[i].text :
            { party: el.getAttribute("data-jl") || "R", signatory: "S", withdrawn: "W", none: "—" }[status];
        }
        if (status in counts) counts[status] += 1;
      });
      container.querySelectorAll("[data-count]").forEach(function (span) {
        var built = remember(span);
        span.textContent = isToday ? built : counts[span.getAttribute("data-count")];
      });
      container.querySelectorAll("[data-total]").forEach(function (span) {
        var built = remember(span);
        if (isToday) { span.textContent = built; return; }
        var column = +span.getAttribute("data-total") + 1;
        var total = 0;
        Array.prototype.forEach.call(container.querySelector("tbody").rows, function (row) {
          var cell = row.cells[column];
          if (cell && cell.classList.contains("party")) total += 1;
        });
        span.textContent = total;
      });
      var when = container.querySelector("[data-year-label]");
      if (when) {
        var builtWhen = remember(when);
        when.textContent = isToday ? builtWhen : "31 December " + year;
      }
      output.textContent = isToday ? "today (as of " + today + ")" :
        "31 December " + year + ": " + counts.party + " parties, " + counts.signatory + " signatories only" +
        (counts.withdrawn ? ", " + counts.withdrawn + " withdrawn" : "");
      if (fromUser) {
        history.replaceState(null, "", isToday ? window.location.pathname + window.location.search : "#year=" + year);
      }
    }

    input.addEventListener("input", function () { show(+input.value, true); });
    function fromAddress() {
      var wanted = yearFromAddress();
      input.value = wanted ? Math.max(first, Math.min(today, wanted)) : today;
      show(+input.value, false);
    }
    fromAddress();
    controls.push(fromAddress);
  }

  /* The timeline: per-state actions fold away under each decade's milestones; one switch
     shows them all, and a list narrows them to one instrument. */
  function makeTimelineFilter(container) {
    // The marker holds the filter; the decades' folded actions follow it on the page.
    var folds = document.querySelectorAll("details.atlas-actions");
    if (!folds.length) return;
    var total = container.getAttribute("data-actions");
    var instruments = [];
    folds.forEach(function (fold) {
      fold.querySelectorAll("tbody tr").forEach(function (row) {
        var name = row.cells[3].textContent.trim();
        row.setAttribute("data-instrument", name);
        if (instruments.indexOf(name) < 0) instruments.push(name);
      });
    });
    instruments.sort();
    var box = document.createElement("fieldset");
    box.className = "atlas-filter";
    var legend = document.createElement("legend");
    legend.textContent = "States' treaty actions";
    box.appendChild(legend);
    var toggleLabel = document.createElement("label");
    var toggle = document.createElement("input");
    toggle.type = "checkbox";
    toggleLabel.appendChild(toggle);
    toggleLabel.appendChild(document.createTextNode(" Show all " + total + " per-state actions"));
    var selectLabel = document.createElement("label");
    selectLabel.textContent = "Instrument: ";
    var select = document.createElement("select");
    var any = document.createElement("option");
    any.value = "";
    any.textContent = "all instruments";
    select.appendChild(any);
    instruments.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = name;
      select.appendChild(option);
    });
    selectLabel.appendChild(select);
    var count = document.createElement("p");
    count.className = "atlas-filter__count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(toggleLabel);
    box.appendChild(selectLabel);
    box.appendChild(count);
    container.appendChild(box);
    function update() {
      var wanted = select.value;
      var shown = 0;
      folds.forEach(function (fold) {
        var inFold = 0;
        fold.querySelectorAll("tbody tr").forEach(function (row) {
          row.hidden = wanted !== "" && row.getAttribute("data-instrument") !== wanted;
          if (!row.hidden) inFold += 1;
        });
        fold.hidden = inFold === 0;
        fold.open = toggle.checked && inFold > 0;
        shown += inFold;
      });
      count.textContent = toggle.checked ? shown + " of " + total + " per-state actions shown" :
        "Per-state actions are folded under each decade (" + total + " in all).";
    }
    toggle.addEventListener("change", update);
    select.addEventListener("change", function () { if (select.value) toggle.checked = true; update(); });
    update();
  }

  function init() {
    document.querySelectorAll(".atlas-sortable table, .atlas-matrix table").forEach(makeSortable);
    document.querySelectorAll(".atlas-matrix").forEach(makeRowFilter);
    document.querySelectorAll(".atlas-worldmap[data-first], .atlas-matrix[data-first]").forEach(makeYearControl);
    document.querySelectorAll(".atlas-timeline").forEach(makeTimelineFilter);
    window.addEventListener("hashchange", function () { controls.forEach(function (update) { update(); }); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The changes page keeps a "since" date in its address (#since=2025-01-01): rows before it are hidden.
   Without script, or without the date, every change shows. */
(function () {
  "use strict";
  function filter() {
    var match = /(?:^#|&)since=(\d{4}(?:-\d{2}(?:-\d{2})?)?)/.exec(window.location.hash);
    document.querySelectorAll(".atlas-changes").forEach(function (box) {
      var shown = 0;
      box.querySelectorAll("tbody tr").forEach(function (row) {
        var time = row.querySelector("time");
        var keep = !match || (time && time.getAttribute("datetime") >= match[1]);
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      box.querySelectorAll("section").forEach(function (part) {
        part.hidden = !part.querySelector("tbody tr:not([hidden])");
      });
      var note = box.querySelector(".atlas-since");
      if (!note) {
        note = document.createElement("p");
        note.className = "atlas-since";
        note.setAttribute("aria-live", "polite");
        box.insertBefore(note, box.firstChild);
      }
      note.textContent = match ? shown + " changes since " + match[1] + "." : "";
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", filter);
  else filter();
  window.addEventListener("hashchange", filter);
})();

/* Citations name the page's full address even when the site's own address is not configured,
   and today's date as the date the reader accessed it (without script: the site's own date). */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  function fill() {
    var here = window.location.href.split("#")[0];
    document.querySelectorAll("[data-atlas-url]").forEach(function (el) {
      if (!/^https?:/.test(el.textContent)) el.textContent = here;
    });
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
      String(today.getDate()).padStart(2, "0");
    document.querySelectorAll("[data-atlas-today]").forEach(function (el) {
      el.textContent = today.getDate() + " " + MONTHS[today.getMonth()] + " " + today.getFullYear();
    });
    document.querySelectorAll("[data-atlas-today-iso]").forEach(function (el) { el.textContent = iso; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();

/* A jump to a heading below deferred sections (.atlas-deferred, e.g. a decade of the timeline) lands
   where their estimated heights put it; the sections around it are then laid out at their real heights
   and push it away. Each time one is laid out, jump again, until the reader scrolls or 2 s have passed. */
(function () {
  "use strict";
  var until = 0;
  function target() {
    return window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  }
  function jump() {
    var heading = target();
    if (heading && Date.now() < until) heading.scrollIntoView();
  }
  function start() {
    if (!target() || !document.querySelector(".atlas-deferred")) return;
    until = Date.now() + 2000;
    requestAnimationFrame(jump);
  }
  document.addEventListener("contentvisibilityautostatechange", function () { requestAnimationFrame(jump); }, true);
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (name) {
    window.addEventListener(name, function () { until = 0; }, { passive: true });
  });
  window.addEventListener("load", start);
  window.addEventListener("hashchange", start);
})();
