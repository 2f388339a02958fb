// Keyboard access to wide tables: a table wrapper that scrolls sideways (on a phone, or a wide table at
// any size) becomes a focusable, named region so it can be scrolled with the arrow keys (WCAG 2.1.1).
// Wrappers that fit need no tab stop, so they are left alone; the check runs again when the size changes.
(function () {
  "use strict";
  function name(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var el = box.previousElementSibling;
    while (el && !/^H[1-6]$/.test(el.tagName)) el = el.previousElementSibling;
    if (el) return el.textContent.trim();
    var section = box.closest("section");
    var heading = section ? section.querySelector("h1, h2, h3") : document.querySelector("h1");
    return heading ? heading.textContent.trim() : document.title;
  }
  function update() {
    var boxes = document.querySelectorAll(".scroll");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.dataset.a11yFixed === "static") continue;
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls) {
        if (!box.hasAttribute("tabindex")) { box.setAttribute("tabindex", "0"); box.dataset.a11yFixed = "js"; }
        if (!box.hasAttribute("role")) box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) box.setAttribute("aria-label", name(box));
      } else if (box.dataset.a11yFixed === "js") {
        box.removeAttribute("tabindex");
        delete box.dataset.a11yFixed;
      }
    }
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(update, 100); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", update); else update();
  window.addEventListener("resize", later);
  // Results replaced by htmx (the agreements filters) bring new tables.
  document.addEventListener("htmx:afterSettle", update);
})();
