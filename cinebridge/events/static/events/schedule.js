/* The schedule page while the optimiser runs: polls the job's JSON every second, moves the progress
   bar and the figures, and reloads the page (without the job in its address) once the job is done.
   Without JavaScript the page offers a "Refresh" link instead. No dependencies. */
(function () {
  "use strict";

  var POLL_MS = 1000;

  function digits(text) {
    var lang = document.documentElement.lang || "en";
    var zero = { fa: 0x06f0, ar: 0x0660 }[lang.split("-")[0]];
    if (!zero) {
      return String(text);
    }
    return String(text).replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + Number(d)); });
  }

  function show(box, job) {
    var bar = box.querySelector("[data-job-bar]");
    if (bar) {
      bar.style.width = job.percent + "%";
      bar.textContent = digits(job.percent) + "%";
      bar.parentNode.setAttribute("aria-valuenow", job.percent);
    }
    var figures = box.querySelector("[data-job-figures]");
    if (figures && job.objective !== null && job.objective !== undefined) {
      var gap = job.gap === null || job.gap === undefined ? "" : (Math.round(job.gap * 10000) / 100) + "%";
      figures.textContent = digits(job.objective) + " / " + digits(job.bound) + (gap ? " · " + digits(gap) : "");
    }
  }

  function poll(box) {
    fetch(box.dataset.jobUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (job) {
        show(box, job);
        if (job.running) {
          window.setTimeout(function () { poll(box); }, POLL_MS);
        } else if (job.state === "done") {
          window.location.assign(box.dataset.doneUrl);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(box); }, POLL_MS * 3);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("schedule-job");
    if (box && box.dataset.running === "1") {
      window.setTimeout(function () { poll(box); }, POLL_MS);
    }
  });
})();
