// Draws the dashboard's charts from the JSON that json_script put in #dashboard-data
// (no inline script, so the Content-Security-Policy stays strict).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.buckets) { return; }
  var colours = {
    done_on_time: "#198754", done_late: "#ffc107", in_progress: "#0d6efd",
    overdue: "#dc3545", recurring: "#6f42c1", no_deadline: "#adb5bd"
  };

  function stacked(id, group, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !group.labels.length) { return; }
    if (horizontal && group.labels.length > 12) {
      // A province's fifty agencies: a bar row each, readable, instead of one squeezed box.
      canvas.parentNode.style.height = (group.labels.length * 22 + 90) + "px";
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: group.labels,
        datasets: data.buckets.map(function (bucket) {
          return { label: bucket.label, data: group.series[bucket.key], backgroundColor: colours[bucket.key] };
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, ticks: { autoSkip: false } } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        // A bar segment opens the task list of its row and bucket (the links come with the data).
        onClick: function (event, elements) {
          var url = linkOf(group, elements);
          if (url) { window.location.assign(url); }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = linkOf(group, elements) ? "pointer" : "default";
        }
      }
    });
  }

  function linkOf(group, elements) {
    if (!group.links || !elements.length) { return null; }
    var bucket = data.buckets[elements[0].datasetIndex];
    var links = bucket && group.links[bucket.key];
    return links ? links[elements[0].index] : null;
  }

  stacked("chart-units", data.units, true);
  stacked("chart-areas", data.areas, true);
  var months = document.getElementById("chart-months");
  if (months) {
    new Chart(months, {
      type: "bar",
      data: {
        labels: data.months.labels,
        datasets: [
          { label: data.months.dueLabel, data: data.months.due, backgroundColor: "#6c757d" },
          { label: data.months.doneLabel, data: data.months.done, backgroundColor: "#198754" }
        ]
      },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } } }
    });
  }
})();
