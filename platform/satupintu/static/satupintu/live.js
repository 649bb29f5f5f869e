/* SatuPintu live stream client (server-sent events), dependency-free, ES5 for old TV browsers.
 *
 *   var stream = SatuPintuLive.connect({
 *     url: "/live/display/lobi-utama/?token=...",
 *     onSync: function (hello) { ... fetch fresh state ... },   // every (re)connection
 *     onEvent: function (payload, id, replayed) { ... },       // replayed: missed while away
 *     badge: document.getElementById("live-badge")              // shown while disconnected
 *   });
 *
 * Reconnects by itself with growing, jittered waits (1 s .. 30 s) after a drop, resuming from
 * the last event id (the server replays what was missed, or says there is a gap); a stream that
 * stays silent past three heartbeats is taken as dead (half-open Wi-Fi) and replaced.
 */
(function (global) {
  "use strict";

  function connect(options) {
    var lastId = null;
    var source = null;
    var attempts = 0;
    var retryTimer = null;
    var watchdog = null;
    var heartbeatMs = 15000;
    var stopped = false;
    var replaying = 0;  // events still to come that the server replays from its history

    function setStale(stale) {
      document.documentElement.setAttribute("data-live", stale ? "stale" : "live");
      if (options.badge) options.badge.hidden = !stale;
      if (options.onState) options.onState(stale ? "stale" : "live");
    }

    function arm() {
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(function () { drop(); }, heartbeatMs * 3);
    }

    function drop() {
      if (watchdog) { clearTimeout(watchdog); watchdog = null; }
      if (source) { source.close(); source = null; }
      setStale(true);
      if (stopped || retryTimer) return;
      var wait = Math.min(30000, 1000 * Math.pow(2, attempts));
      wait = wait / 2 + Math.random() * wait / 2;
      attempts += 1;
      retryTimer = setTimeout(function () { retryTimer = null; open(); }, wait);
    }

    function open() {
      if (stopped) return;
      var url = options.url;
      if (lastId !== null) {
        url += (url.indexOf("?") < 0 ? "?" : "&") + "last_event_id=" + encodeURIComponent(lastId);
      }
      source = new EventSource(url);
      arm();
      source.addEventListener("hello", function (e) {
        var hello = JSON.parse(e.data);
        if (hello.heartbeat) heartbeatMs = hello.heartbeat * 1000;
        if (hello.gap || lastId === null) lastId = String(hello.seq);
        replaying = hello.replayed || 0;
        attempts = 0;
        setStale(false);
        arm();
        if (options.onSync) options.onSync(hello);
      });
      source.addEventListener("ping", arm);
      source.onmessage = function (e) {
        arm();
        if (e.lastEventId) lastId = e.lastEventId;
        var payload;
        try { payload = JSON.parse(e.data); } catch (err) { return; }
        var replayed = replaying > 0;
        if (replayed) replaying -= 1;
        if (options.onEvent) options.onEvent(payload, e.lastEventId, replayed);
      };
      source.onerror = function () { drop(); };
    }

    global.addEventListener("online", function () {
      if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; attempts = 0; open(); }
    });
    setStale(true);
    open();
    return {
      close: function () { stopped = true; if (source) source.close(); },
      lastId: function () { return lastId; }
    };
  }

  global.SatuPintuLive = { connect: connect };
})(window);
