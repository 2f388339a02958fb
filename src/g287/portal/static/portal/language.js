// The language switch posts to Django's set_language with `next`, the page to come back to. Pages
// that change their URL without reloading (the agreements filters) would leave a stale `next`, so it
// is refreshed from the address bar when the switch is used. Without JavaScript the server's value,
// the URL the page was loaded with, is used.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "language-switch") return;
    var next = form.querySelector('input[name="next"]');
    if (next) next.value = window.location.pathname + window.location.search;
  }, true);
})();
