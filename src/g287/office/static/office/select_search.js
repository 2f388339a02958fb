// Long pickers (the agency lists hold over 1,700 agencies) get a search box that narrows them as you
// type. Without JavaScript they stay plain lists. The box sits just before its list: type part of the
// name, state or id, then Tab (or Enter, or the Down arrow) to the list, whose arrow keys now move
// through the matches only. A static file, for the Content-Security-Policy (no inline script).
(function () {
  "use strict";
  var LONG = 40;

  function fold(text) {
    // Case and accents do not matter ("Doña Ana" is found by "dona ana").
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function enhance(select) {
    var all = Array.prototype.slice.call(select.options);
    var placeholder = all.filter(function (o) { return !o.value; });
    var options = all.filter(function (o) { return o.value; });
    if (options.length < LONG || !select.id) return;
    options.forEach(function (o) {
      var group = o.parentElement && o.parentElement.label ? " " + o.parentElement.label : "";
      o.dataset.search = fold(o.textContent + " " + o.value + group);
    });
    var box = document.createElement("span");
    box.className = "select-search";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-search";
    input.setAttribute("aria-controls", select.id);
    input.setAttribute("autocomplete", "off");
    label.htmlFor = input.id;
    label.textContent = "Search the list";
    var count = document.createElement("span");
    count.id = select.id + "-search-count";
    count.className = "muted";
    count.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", count.id);
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    select.parentNode.insertBefore(box, select);

    var timer = null;
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var chosen = select.value;
      var shown = options.filter(function (o) {
        return words.every(function (w) { return o.dataset.search.indexOf(w) !== -1; });
      });
      // Rebuilt rather than hidden: a closed list's arrow keys then move through the matches only.
      var fragment = document.createDocumentFragment();
      placeholder.forEach(function (o) { fragment.appendChild(o); });
      shown.forEach(function (o) { fragment.appendChild(o); });
      select.textContent = "";
      select.appendChild(fragment);
      if (shown.some(function (o) { return o.value === chosen; })) {
        select.value = chosen;
      } else if (shown.length) {
        select.value = shown[0].value;
      }
      if (!words.length) count.textContent = "";
      else if (!shown.length) count.textContent = "No match: try fewer letters.";
      else if (shown.length === 1) count.textContent = "1 match, chosen.";
      else count.textContent = shown.length.toLocaleString("en") + " matches; the first is chosen.";
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        // Enter would send the form with a half-typed search: it goes to the narrowed list instead.
        event.preventDefault();
        clearTimeout(timer);
        apply();
        select.focus();
      }
    });
  }

  document.querySelectorAll("main select").forEach(enhance);
})();
