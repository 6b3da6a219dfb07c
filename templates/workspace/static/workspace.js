// casebuilder workspace: keep the page in step with the case folder, nothing more.
// Served from /static (the Content-Security-Policy allows no inline script), no dependencies.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var shown = document.body ? document.body.getAttribute("data-version") : null;

  // The standard-of-proof selector: show the chosen standard at once.
  Array.prototype.forEach.call(document.querySelectorAll("select.autosubmit"), function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  // Live: when the server re-checked the case after an edit, reload — unless the reviewer is
  // typing a note (the draft would be lost); then say so instead.
  function typing() {
    var a = document.activeElement;
    var drafts = document.querySelectorAll("textarea");
    for (var i = 0; i < drafts.length; i++) { if (drafts[i].value) return true; }
    return a && (a.tagName === "TEXTAREA" || a.tagName === "INPUT");
  }
  function poll() {
    fetch("/version", { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) {
        if (!v || shown === null || String(v.version) === shown) return;
        if (typing()) {
          document.body.setAttribute("data-stale", "true");
          document.title = "(case changed) " + document.title.replace(/^\(case changed\) /, "");
          return;
        }
        window.location.reload();
      })
      .catch(function () { /* server stopped: keep the page as it is */ })
      .then(function () { window.setTimeout(poll, 1500); });
  }
  window.setTimeout(poll, 1500);
}());
