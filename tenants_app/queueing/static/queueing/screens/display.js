/* The TV display of one location: renders the queue's state, follows the live stream, speaks
 * each new call once (voice.js queue). ES5, no dependencies. */
(function () {
  "use strict";
  var root = document.getElementById("display");
  if (!root) return;
  var seen = {};          // calls already announced: number|call_count|counter
  var firstRender = true;
  var streamed = 0;       // states received from the stream so far
  var FRESH_MS = 60000;   // calls older than this (by the server's clock) are shown, not spoken
  var voice = root.getAttribute("data-voice") === "on"
    ? SatuPintuVoice.create({ clips: root.getAttribute("data-clips") }) : null;
  var soundButton = document.getElementById("sound");
  // The page's words in its language (queueing.screens.screen_strings), Indonesian by default.
  var T = { counter: "Loket", no_calls: "Belum ada panggilan", nobody_waiting: "Tidak ada yang menunggu", priorities: {} };
  var given = document.getElementById("screen-strings");
  if (given) { try { T = JSON.parse(given.textContent); } catch (err) { /* keep Indonesian */ } }
  function priorityLabel(value) { return (T.priorities && T.priorities[value]) || value; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  // "Loket A1", as the ticket and the counter's own sign say; its name ("Loket KTP-el …") is
  // written under the call, not after the word "Loket" again.
  function counterLabel(call) { return call.counter || call.counter_name || ""; }
  function counterNumber(call) {
    var digits = /(\d+)\s*$/.exec(call.counter || "") || /(\d+)/.exec(call.counter_name || "");
    return digits ? digits[1] : (call.counter_name || call.counter || "");
  }

  function render(state, quiet) {
    var calls = state.calls || [];
    var main = document.getElementById("call-main");
    clear(main);
    if (calls.length) {
      main.appendChild(el("p", "number", calls[0].number));
      var to = el("p", "to", T.counter + " ");
      to.appendChild(el("strong", "", counterLabel(calls[0])));
      main.appendChild(to);
      if (calls[0].counter && calls[0].counter_name) main.appendChild(el("p", "where", calls[0].counter_name));
    } else {
      main.appendChild(el("p", "empty", T.no_calls));
    }
    var recent = document.getElementById("recent");
    clear(recent);
    calls.slice(1, 5).forEach(function (c) {
      var li = el("li");
      li.appendChild(el("span", "n", c.number));
      li.appendChild(el("span", "c", T.counter + " " + counterLabel(c)));
      recent.appendChild(li);
    });
    var next = document.getElementById("next");
    clear(next);
    (state.next || []).forEach(function (t) {
      var li = el("li", "", t.number);
      if (t.priority) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", "prio", priorityLabel(t.priority))); }
      next.appendChild(li);
    });
    if (!next.firstChild) next.appendChild(el("li", "empty", T.nobody_waiting));
    var counters = document.getElementById("counters");
    clear(counters);
    (state.counters || []).forEach(function (c) {
      var li = el("li", c.state);
      li.appendChild(el("span", "code", c.code));
      li.appendChild(el("span", "name", c.name || ""));
      li.appendChild(el("span", "num", c.number || "—"));
      counters.appendChild(li);
    });
    announce(calls, quiet, state.generated_at ? Date.parse(state.generated_at) : Date.now());
  }

  // A TV box's own clock may be wrong: a call's age is measured against the server's time.
  function announce(calls, quiet, now) {
    // Oldest first, so two calls made together are spoken in the order they were made.
    calls.slice().reverse().forEach(function (c) {
      var id = c.number + "|" + c.call_count + "|" + c.counter;
      if (seen[id]) return;
      seen[id] = true;
      var at = c.called_at ? Date.parse(c.called_at) : now;
      if (c.status !== "called" || firstRender || quiet || now - at > FRESH_MS) return;
      flash();
      if (voice) voice.announce({ number: c.number, counter: counterNumber(c) });
    });
    firstRender = false;
  }

  function flash() {
    var main = document.getElementById("call-main");
    main.className = "call-main flash";
    setTimeout(function () { main.className = "call-main"; }, 4000);
  }

  // A state fetched on (re)connecting can answer after the stream brought a newer one; then it
  // is dropped (the TV would show a called number as waiting again). Counted, not compared by
  // time: the web process that answers and the one that publishes have their own clocks.
  function fetchState() {
    var asked = streamed;
    var request = new XMLHttpRequest();
    request.open("GET", root.getAttribute("data-state-url"));
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 200 && streamed === asked) render(JSON.parse(request.responseText));
      else if (request.status === 401) window.location.reload(); // unpaired: show the pairing form
    };
    request.send();
  }

  // The regency's time (the box's own time zone may be anything), "09.05" as Indonesians write it.
  var zone = root.getAttribute("data-timezone");
  function tick() {
    var now = new Date(), text;
    try {
      text = now.toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone });
    } catch (err) {
      text = (now.getHours() < 10 ? "0" : "") + now.getHours() + "." + (now.getMinutes() < 10 ? "0" : "") + now.getMinutes();
    }
    document.getElementById("clock").textContent = text.replace(":", ".");
  }

  var initial = document.getElementById("display-state");
  render(JSON.parse(initial.textContent));
  tick();
  setInterval(tick, 10000);

  SatuPintuLive.connect({
    url: root.getAttribute("data-stream"),
    badge: document.getElementById("live-badge"),
    onSync: function (hello) { if (hello.gap || !hello.replayed) fetchState(); },
    // Calls missed while disconnected are shown but not spoken (they are no longer news).
    onEvent: function (payload, id, replayed) {
      if (payload && payload.kind === "display") { streamed += 1; render(payload, replayed); }
    }
  });

  if (voice && soundButton) {
    voice.onBlocked = function () { soundButton.hidden = false; };
    soundButton.addEventListener("click", function () {
      voice.unlock();
      soundButton.hidden = true;
    });
  }
  window.SatuPintuDisplay = { render: render, fetchState: fetchState, voice: voice, seen: seen };
})();
