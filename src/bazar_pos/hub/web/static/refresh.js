// Live refresh without a reload: every few seconds fetch this page again and swap in its
// #live section, so the scroll position and open lists stay where the reader left them.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var seconds = parseInt(live.getAttribute("data-refresh"), 10) || 5;

  function openLists(root) {
    var ids = [];
    root.querySelectorAll("details[open]").forEach(function (d) { ids.push(d.id); });
    return ids;
  }

  function refresh() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.redirected || !response.ok) {
          window.location.reload(); // logged out or revoked: show the login page
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("live");
        if (!fresh) { return; }
        var open = openLists(live);
        open.forEach(function (id) {
          var d = fresh.querySelector("#" + CSS.escape(id));
          if (d) { d.open = true; }
        });
        live.replaceWith(fresh);
        live = fresh;
      })
      .catch(function () { /* the hub is away for a moment: try again next time */ })
      .finally(function () { window.setTimeout(refresh, seconds * 1000); });
  }

  window.setTimeout(refresh, seconds * 1000);
})();
