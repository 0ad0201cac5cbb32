// Weft UI: while the application runs, reload the page's content every few seconds in place
// (keeping the scroll position), and stop once the application has ended.
(function () {
  "use strict";
  var PERIOD_MS = 4000;
  function refresh() {
    if (document.body.getAttribute("data-refresh") !== "true" || document.hidden) {
      schedule();
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("content");
          var state = doc.getElementById("app-state");
          if (fresh) {
            document.getElementById("content").replaceWith(fresh);
          }
          if (state) {
            document.getElementById("app-state").replaceWith(state);
          }
          document.body.setAttribute("data-refresh", doc.body.getAttribute("data-refresh"));
        }
      })
      .catch(function () { /* the driver may be gone; try again later */ })
      .then(schedule);
  }
  function schedule() {
    if (document.body.getAttribute("data-refresh") === "true") {
      window.setTimeout(refresh, PERIOD_MS);
    }
  }
  schedule();
})();
