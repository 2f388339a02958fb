// The "copy embed code" box: selects the code and copies it; the textarea stays selectable by hand.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("#embed-copy") : null;
    if (!button) return;
    var code = document.getElementById("embed-snippet");
    var said = document.getElementById("embed-copied");
    code.focus();
    code.select();
    var done = function () { if (said) said.textContent = button.dataset.copied || "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
})();
