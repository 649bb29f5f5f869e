// The kiosk's camera check-in. Where the browser reads QR codes itself (BarcodeDetector with
// qr_code: Chrome on Android) and may open a camera, "Pindai QR" opens the rear camera, reads a
// booking's QR and submits the check-in form with its code, the form a typed code (or a barcode
// scanner that types) goes through: one server path. Without the detector, a camera or script,
// the button never shows and typing stays the way in. The camera is never left on: it stops on
// a read, on "Batal", when the page is left or hidden, and after data-seconds without a booking.
(function () {
  "use strict";

  function supported() {
    var media = navigator.mediaDevices;
    if (!("BarcodeDetector" in window) || !media || typeof media.getUserMedia !== "function") {
      return Promise.resolve(false);
    }
    return Promise.resolve()
      .then(function () { return window.BarcodeDetector.getSupportedFormats(); })
      .then(
        function (formats) { return formats.indexOf("qr_code") !== -1; },
        function () { return false; }
      );
  }

  // What a booking's QR holds: its bare code (views_booking draws qr_svg(booking.code)), or a
  // link carrying it as ?kode= (or ?code=). Anything else (a printed ticket's link, the booking
  // page's own link, which names no code, a shop's QR) is not a booking: "".
  function bookingCode(raw, alphabet) {
    var shape = new RegExp("^[" + alphabet + "]{6,8}$");
    var text = String(raw || "").trim();
    if (shape.test(text.toUpperCase())) {
      return text.toUpperCase();
    }
    var url;
    try {
      url = new URL(text);
    } catch (error) {
      return "";
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return "";
    }
    var code = (url.searchParams.get("kode") || url.searchParams.get("code") || "").trim();
    return shape.test(code.toUpperCase()) ? code.toUpperCase() : "";
  }

  function setUp(root) {
    var form = root.closest(".checkin").querySelector("form");
    var input = form.querySelector("input[name=code]");
    var openButton = root.querySelector("[data-scan-open]");
    var view = root.querySelector("[data-scan-view]");
    var video = root.querySelector("[data-scan-video]");
    var status = root.querySelector("[data-scan-status]");
    var note = root.querySelector("[data-scan-note]");
    var messages = root.querySelector("[data-scan-messages]").content;
    var alphabet = root.dataset.codeAlphabet;
    var seconds = Number(root.dataset.seconds) || 30;
    var session = null;  // the open camera: {stream, timer, loop, stopped}

    function message(name) {
      return messages.querySelector("[data-" + name + "]").textContent.trim();
    }
    // kind: "error", "ok" or "" (a plain hint)
    function say(element, name, kind) {
      element.textContent = message(name);
      element.classList.toggle("big-error", kind === "error");
      element.classList.toggle("ok", kind === "ok");
      element.hidden = false;
    }

    function stop() {
      if (!session) { return; }
      var current = session;
      session = null;
      current.stopped = true;
      window.clearTimeout(current.timer);
      window.clearTimeout(current.loop);
      if (current.stream) {
        current.stream.getTracks().forEach(function (track) { track.stop(); });
      }
      video.pause();
      video.srcObject = null;
      if (view.open) { view.close(); }
    }

    function fail(name) {
      stop();
      say(note, name, "error");
      note.scrollIntoView({ block: "center" });
    }

    function read(code) {
      stop();
      input.value = code;
      say(note, "read", "ok");
      openButton.disabled = true;
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    }

    function look(current, detector) {
      if (current.stopped) { return; }
      var found = video.readyState >= 2 ? detector.detect(video) : Promise.resolve([]);
      found.then(
        function (codes) {
          if (current.stopped) { return; }
          for (var i = 0; i < codes.length; i += 1) {
            var code = bookingCode(codes[i].rawValue, alphabet);
            if (code) { read(code); return; }
          }
          if (codes.length) { say(status, "foreign", "error"); }
          current.loop = window.setTimeout(function () { look(current, detector); }, 200);
        },
        function () {
          if (current.stopped) { return; }
          current.loop = window.setTimeout(function () { look(current, detector); }, 500);
        }
      );
    }

    function open() {
      stop();
      note.hidden = true;
      var current = { stream: null, timer: 0, loop: 0, stopped: false };
      session = current;
      say(status, "opening", "");
      view.showModal();
      current.timer = window.setTimeout(function () {
        if (session === current) { fail("timeout"); }
      }, seconds * 1000);
      navigator.mediaDevices
        .getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (stream) {
          if (current.stopped) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            return undefined;
          }
          current.stream = stream;
          video.srcObject = stream;
          return video.play().then(function () {
            if (current.stopped) { return; }
            say(status, "ready", "");
            look(current, new window.BarcodeDetector({ formats: ["qr_code"] }));
          });
        })
        .catch(function (error) {
          if (current.stopped) { return; }
          var name = error && error.name;
          fail(name === "NotAllowedError" || name === "SecurityError" ? "denied" : "absent");
        });
    }

    openButton.addEventListener("click", open);
    root.querySelector("[data-scan-cancel]").addEventListener("click", stop);
    view.addEventListener("close", stop);  // Esc closes a modal dialog too
    window.addEventListener("pagehide", stop);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {  // back from the ticket out of the page cache: ready again
        openButton.disabled = false;
        note.hidden = true;
      }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { stop(); }
    });
    root.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-scan]");
    if (!root) { return; }
    supported().then(function (yes) { if (yes) { setUp(root); } });
  });
})();
