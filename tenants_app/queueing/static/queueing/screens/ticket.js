/* The citizen's ticket page: position, people ahead and wait range, kept live. ES5. */
(function () {
  "use strict";
  var root = document.getElementById("ticket");
  if (!root) return;

  // The page's words in its language (queueing.screens.screen_strings), Indonesian by default.
  var T = { counter: "Loket", minutes: "%(low)s–%(high)s menit" };
  var given = document.getElementById("screen-strings");
  if (given) { try { T = JSON.parse(given.textContent); } catch (err) { /* keep Indonesian */ } }

  function set(id, text) { var node = document.getElementById(id); if (node) node.textContent = text; }

  function render(t) {
    var status = document.getElementById("ticket-status");
    status.setAttribute("data-status", t.status);
    while (status.firstChild) status.removeChild(status.firstChild);
    var strong = document.createElement("strong");
    strong.textContent = t.status_label || t.status;
    status.appendChild(strong);
    if (t.counter) status.appendChild(document.createTextNode(" · " + T.counter + " " + t.counter));
    document.getElementById("ticket-facts").hidden = t.status !== "waiting";
    document.getElementById("ticket-called").hidden = t.status !== "called";
    set("t-position", String(t.position));
    set("t-ahead", String(t.people_ahead));
    set("t-wait", t.wait_minutes
      ? T.minutes.replace("%(low)s", t.wait_minutes.low).replace("%(high)s", t.wait_minutes.high)
      : "—");
    if (t.status === "called" && navigator.vibrate) navigator.vibrate([300, 150, 300]);
  }

  function fetchState() {
    var request = new XMLHttpRequest();
    request.open("GET", root.getAttribute("data-state-url"));
    request.onload = function () { if (request.status === 200) render(JSON.parse(request.responseText)); };
    request.send();
  }

  // The location's stream says when anything changed in the hall. The page fetches its own
  // status at once when its number is among the calls, otherwise at most every 3 seconds.
  var number = document.getElementById("ticket-number").textContent.trim();
  var last = 0, timer = null;
  function refresh(now) {
    if (timer && !now) return;
    if (timer) clearTimeout(timer);
    var wait = now ? 0 : Math.max(0, 3000 - (Date.now() - last));
    timer = setTimeout(function () { timer = null; last = Date.now(); fetchState(); }, wait);
  }
  SatuPintuLive.connect({
    url: root.getAttribute("data-stream"),
    badge: document.getElementById("live-badge"),
    onSync: function () { refresh(true); },
    onEvent: function (payload) {
      if (!payload || payload.kind !== "display") return;
      var mine = (payload.calls || []).some(function (c) { return c.number === number; });
      refresh(mine);
    }
  });
})();
