// Draws the stacked growth chart from the series the page embeds as JSON (id="series-data").
// The same figures are in a table on the page, so nothing is lost without JavaScript.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("growth-chart");
    var data = document.getElementById("series-data");
    if (!canvas || !data || typeof Chart === "undefined") return;
    var series = JSON.parse(data.textContent);
    if (!series.length) return;
    var colors = { JEM: "#7a3e9d", TFM: "#c2410c", WSO: "#0f766e" };
    // The models' names come from the page, in its language.
    var names = {
      JEM: canvas.dataset.labelJem || "Jail Enforcement",
      TFM: canvas.dataset.labelTfm || "Task Force",
      WSO: canvas.dataset.labelWso || "Warrant Service Officer"
    };
    // A linear axis over timestamps spaces the irregular publication dates truly in time without
    // needing a date adapter.
    var datasets = ["JEM", "WSO", "TFM"].map(function (model) {
      return {
        label: model + " · " + names[model],
        data: series.map(function (p) { return { x: Date.parse(p.date + "T00:00:00Z"), y: p[model] }; }),
        borderColor: colors[model], backgroundColor: colors[model] + "cc",
        fill: true, pointRadius: 0, borderWidth: 1, stepped: "before"
      };
    });
    // Pending requests (dashboard only): a dashed line on its own stack, so it is not added to the
    // agreements below it.
    var pendingData = document.getElementById("pending-data");
    var pending = pendingData ? JSON.parse(pendingData.textContent) : [];
    if (pending.length) {
      datasets.push({
        label: canvas.dataset.labelPending || "Pending requests",
        data: pending.map(function (p) { return { x: Date.parse(p.date + "T00:00:00Z"), y: p.pending }; }),
        borderColor: "#92400e", backgroundColor: "#92400e", borderDash: [5, 4], fill: false,
        pointRadius: 0, borderWidth: 2, stepped: "before", stack: "pending"
      });
    }
    var milestoneData = document.getElementById("milestones-data");
    var milestones = milestoneData ? JSON.parse(milestoneData.textContent) : [];
    var first = Date.parse(series[0].date + "T00:00:00Z");
    var last = Date.parse(series[series.length - 1].date + "T00:00:00Z");
    var fmt = function (ms) { return new Date(ms).toISOString().slice(0, 10); };
    // Marks dates that explain the curve (the change of administration, the incentives): a vertical
    // line and its label, drawn after the data.
    var marks = {
      id: "g287Milestones",
      afterDatasetsDraw: function (chart) {
        var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
        milestones.forEach(function (m, i) {
          var at = x.getPixelForValue(Date.parse(m.date + "T00:00:00Z"));
          if (at < area.left || at > area.right) return;
          ctx.save();
          ctx.strokeStyle = "#1b1f24"; ctx.setLineDash([3, 3]); ctx.lineWidth = 1;
          ctx.beginPath(); ctx.moveTo(at, area.top); ctx.lineTo(at, area.bottom); ctx.stroke();
          ctx.setLineDash([]); ctx.fillStyle = "#1b1f24"; ctx.font = "12px system-ui, sans-serif";
          var width = ctx.measureText(m.label).width;
          var left = at + 4 + width > area.right ? at - 4 - width : at + 4;
          ctx.fillText(m.label, left, area.top + 12 + i * 14);
          ctx.restore();
        });
      }
    };
    new Chart(canvas, {
      type: "line",
      plugins: [marks],
      data: { datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, parsing: false,
        locale: document.documentElement.lang || undefined,  // numbers grouped as the page's language does
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { type: "linear", min: first, max: last, ticks: { callback: function (v) { return fmt(v).slice(0, 7); }, maxTicksLimit: 8 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { title: function (items) { return items.length ? fmt(items[0].parsed.x) : ""; } } }
        }
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
