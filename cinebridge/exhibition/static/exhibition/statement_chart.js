/* Admissions and revenue of a royalty statement, by film week and by territory (Chart.js).
 * The data come from the page as JSON (Django's json_script, id "statement-chart-data"): no inline
 * script. Numbers are written by Intl in the page's language (Persian digits in fa); legends and
 * tooltips read right to left on fa/ar pages. */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("statement-chart-data");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var root = document.documentElement;
    var locale = root.lang || "en";
    var rtl = root.dir === "rtl";

    function chart(canvasId, series) {
      var canvas = document.getElementById(canvasId);
      if (!canvas || !series || series.labels.length === 0) {
        return;
      }
      new Chart(canvas, {
        data: {
          labels: series.labels,
          datasets: [
            {
              type: "bar",
              label: data.text.admissions,
              data: series.admissions,
              yAxisID: "admissions",
              backgroundColor: "rgba(13, 110, 253, 0.5)",
              order: 2,
            },
            {
              type: "line",
              label: data.text.revenue,
              data: series.revenue.map(Number),
              yAxisID: "revenue",
              borderColor: "rgb(214, 51, 132)",
              backgroundColor: "rgb(214, 51, 132)",
              order: 1,
            },
          ],
        },
        options: {
          locale: locale,
          responsive: true,
          maintainAspectRatio: true,
          plugins: {
            legend: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" },
            tooltip: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" },
          },
          scales: {
            x: { reverse: rtl },
            admissions: {
              type: "linear",
              position: rtl ? "right" : "left",
              beginAtZero: true,
              title: { display: true, text: data.text.admissions },
            },
            revenue: {
              type: "linear",
              position: rtl ? "left" : "right",
              beginAtZero: true,
              grid: { drawOnChartArea: false },
              title: { display: true, text: data.text.revenue },
            },
          },
        },
      });
    }

    chart("statement-chart-weeks", data.weeks);
    chart("statement-chart-territories", data.territories);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
