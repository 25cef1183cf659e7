/* A small calendar for the dd/mm/yyyy text inputs that common.forms.DateInput renders.
 *
 * The browser's <input type="date"> shows dates in the browser's locale (mm/dd/yyyy on an
 * English system); this keeps the text box as the truth and writes dd/mm/yyyy into it. The
 * server validates whatever is typed. No inline code or style: the Content-Security-Policy
 * allows neither. Labels come from the input's data-label-* attributes (translated there).
 */
(function () {
  "use strict";

  var PATTERN = /^\s*(\d{1,2})[\/\-](\d{1,2})[\/\-](\d{4})\s*$/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(date) {
    return pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear();
  }

  function parse(text) {
    var m = PATTERN.exec(text || "");
    if (!m) { return null; }
    var date = new Date(+m[3], +m[2] - 1, +m[1]);
    return date.getMonth() === +m[2] - 1 ? date : null; // 31/02 is not a day
  }

  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
      a.getDate() === b.getDate();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function button(className, label, text) {
    var node = el("button", className, text);
    node.type = "button";
    if (label) { node.setAttribute("aria-label", label); }
    return node;
  }

  function attach(input) {
    if (input.dataset.datepickerReady) { return; }
    input.dataset.datepickerReady = "1";
    var labels = {
      open: input.dataset.labelOpen || "",
      prev: input.dataset.labelPrev || "<",
      next: input.dataset.labelNext || ">",
      month: input.dataset.labelMonth || "",
      today: input.dataset.labelToday || "",
    };
    var weekdays = (input.dataset.weekdays || "").split(",");

    var wrapper = el("div", "input-group datepicker");
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var toggle = button("btn btn-outline-secondary datepicker-toggle", labels.open);
    toggle.appendChild(el("i", "bi bi-calendar3"));
    toggle.setAttribute("aria-expanded", "false");
    wrapper.appendChild(toggle);
    var popup = el("div", "datepicker-popup card shadow-sm p-2");
    popup.hidden = true;
    popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", labels.open);
    wrapper.appendChild(popup);

    var shown = null; // first day of the month on screen

    function render() {
      popup.textContent = "";
      var head = el("div", "d-flex align-items-center justify-content-between mb-1");
      var prev = button("btn btn-sm btn-light datepicker-prev", labels.prev, "‹");
      var next = button("btn btn-sm btn-light datepicker-next", labels.next, "›");
      var title = el("span", "datepicker-title fw-semibold",
        labels.month + " " + pad(shown.getMonth() + 1) + "/" + shown.getFullYear());
      prev.addEventListener("click", function () { move(-1); });
      next.addEventListener("click", function () { move(1); });
      head.append(prev, title, next);
      popup.appendChild(head);

      var grid = el("div", "datepicker-grid");
      weekdays.forEach(function (name) { grid.appendChild(el("span", "datepicker-weekday", name)); });
      var offset = (shown.getDay() + 6) % 7; // weeks start on Monday (Thứ Hai)
      for (var i = 0; i < offset; i++) { grid.appendChild(el("span")); }
      var chosen = parse(input.value);
      var today = new Date();
      var day = new Date(shown);
      while (day.getMonth() === shown.getMonth()) {
        var cell = button("btn btn-sm datepicker-day", format(day), String(day.getDate()));
        cell.dataset.date = format(day);
        if (sameDay(day, chosen)) { cell.classList.add("btn-primary"); }
        else if (sameDay(day, today)) { cell.classList.add("btn-outline-primary"); }
        grid.appendChild(cell);
        day.setDate(day.getDate() + 1);
      }
      popup.appendChild(grid);
      var todayButton = button("btn btn-sm btn-link datepicker-today", "", labels.today);
      todayButton.addEventListener("click", function () { pick(format(new Date())); });
      popup.appendChild(todayButton);
    }

    function move(months) {
      shown = new Date(shown.getFullYear(), shown.getMonth() + months, 1);
      render();
    }

    function open() {
      var start = parse(input.value) || new Date();
      shown = new Date(start.getFullYear(), start.getMonth(), 1);
      render();
      popup.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
    }

    function close() {
      popup.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
    }

    function pick(text) {
      input.value = text;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      input.focus();
    }

    toggle.addEventListener("click", function () { if (popup.hidden) { open(); } else { close(); } });
    popup.addEventListener("click", function (event) {
      var target = event.target.closest(".datepicker-day");
      if (target) { pick(target.dataset.date); }
    });
    document.addEventListener("click", function (event) {
      // A month button is gone from the page by now (render() replaced it): not outside.
      var outside = event.target.isConnected && !wrapper.contains(event.target);
      if (!popup.hidden && outside) { close(); }
    });
    wrapper.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !popup.hidden) { close(); input.focus(); }
    });
  }

  function attachAll(root) {
    root.querySelectorAll("input[data-datepicker]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  // Forms that htmx swaps in (the task page's inline update form) get their calendars too.
  document.addEventListener("htmx:load", function (event) { attachAll(event.target); });
})();
