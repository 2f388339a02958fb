// The public complaint and status forms. Without JavaScript they work as plain forms; with it:
// - after a failed submission, focus moves to the error summary, so a keyboard or screen-reader user
//   hears what to fix instead of landing at the top of the page;
// - the agency list (over 1,500 agencies) gets a search box that narrows it as you type.
(function () {
  "use strict";

  function focusErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  }

  function fold(text) {
    // Case and accents do not matter when searching ("Doña Ana" is found by "dona ana").
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function agencySearch() {
    var box = document.getElementById("agency-search-box");
    var input = document.getElementById("agency-search");
    var select = document.getElementById("id_agency");
    var count = document.getElementById("agency-search-count");
    if (!box || !input || !select || !count) return;
    box.hidden = false;
    var options = Array.prototype.slice.call(select.querySelectorAll("option")).filter(function (o) {
      return o.value;
    });
    options.forEach(function (o) {
      var group = o.parentElement && o.parentElement.label ? " " + o.parentElement.label : "";
      o.dataset.search = fold(o.textContent + group);
    });
    var timer = null;
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = [];
      options.forEach(function (o) {
        var hit = words.every(function (w) { return o.dataset.search.indexOf(w) !== -1; });
        o.hidden = !hit;
        if (hit) shown.push(o);
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (g) {
        g.hidden = !g.querySelector("option:not([hidden])");
      });
      if (!words.length) {
        count.textContent = "";
        return;
      }
      if (shown.length === 1) {
        shown[0].selected = true;
        count.textContent = count.dataset.one;
      } else if (shown.length) {
        count.textContent = count.dataset.many.replace("%(n)s", shown.length.toLocaleString(document.documentElement.lang));
      } else {
        count.textContent = count.dataset.none;
      }
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
    // Enter in the search box goes to the list rather than submitting the form half filled.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        apply();
        select.focus();
      }
    });
  }

  function start() {
    focusErrors();
    agencySearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
