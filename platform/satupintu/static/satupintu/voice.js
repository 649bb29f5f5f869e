/* SatuPintu announcer: "Nomor antrean A-012, silakan menuju loket 2", in Indonesian.
 * Dependency-free ES5 for TV boxes and old tablets.
 *
 *   var voice = SatuPintuVoice.create({ clips: "/static/satupintu/voice/id/" });
 *   voice.announce({ number: "A-012", counter: "2" });
 *
 * Chime first, then the browser's speech with an id-ID voice where it has one, otherwise the
 * recorded clips (scripts/voice_clips.py) played one after another. Every announcement goes
 * through ONE queue: two calls are never spoken at once, and a call already waiting is not
 * queued twice. Each step has a time limit, so a stuck audio element never stalls the queue.
 * Browsers refuse sound before a first touch: `voice.unlock()` from a tap (the display shows a
 * button until sound works) and `voice.onBlocked` tells the page when sound was refused.
 */
(function (global) {
  "use strict";

  var ONES = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

  // 12 -> ["dua", "belas"], 105 -> ["seratus", "lima"], 2024 -> ["dua", "ribu", "dua", "puluh", "empat"]
  function numberWords(n) {
    n = Math.floor(n);
    if (n < 10) return [ONES[n]];
    if (n === 10) return ["sepuluh"];
    if (n === 11) return ["sebelas"];
    if (n < 20) return [ONES[n - 10], "belas"];
    var rest, head;
    if (n < 100) {
      head = [ONES[Math.floor(n / 10)], "puluh"];
      rest = n % 10;
      return rest ? head.concat([ONES[rest]]) : head;
    }
    if (n < 1000) {
      head = Math.floor(n / 100) === 1 ? ["seratus"] : [ONES[Math.floor(n / 100)], "ratus"];
      rest = n % 100;
      return rest ? head.concat(numberWords(rest)) : head;
    }
    if (n < 1000000) {
      head = Math.floor(n / 1000) === 1 ? ["seribu"] : numberWords(Math.floor(n / 1000)).concat(["ribu"]);
      rest = n % 1000;
      return rest ? head.concat(numberWords(rest)) : head;
    }
    return String(n).split("").map(function (d) { return ONES[+d]; });
  }

  // "A-012" -> {letters: ["a"], number: 12}; "AB12" -> {letters: ["a","b"], number: 12}
  function parseTicket(text) {
    var match = /^\s*([A-Za-z]*)[\s-]*(\d+)\s*$/.exec(String(text));
    if (!match) return null;
    return { letters: match[1].toLowerCase().split("").filter(Boolean), number: parseInt(match[2], 10) };
  }

  var LETTER_NAMES = {
    a: "a", b: "be", c: "ce", d: "de", e: "e", f: "ef", g: "ge", h: "ha", i: "i", j: "je",
    k: "ka", l: "el", m: "em", n: "en", o: "o", p: "pe", q: "ki", r: "er", s: "es", t: "te",
    u: "u", v: "fe", w: "we", x: "eks", y: "ye", z: "zet"
  };

  // The words of one call, shared by speech and clips.
  function callParts(call) {
    var ticket = parseTicket(call.number);
    var counter = parseInt(call.counter, 10);
    if (!ticket) return null;
    var parts = { intro: "nomor antrean", letters: ticket.letters, number: numberWords(ticket.number) };
    parts.counter = isNaN(counter) ? null : numberWords(counter);
    parts.counterText = isNaN(counter) ? String(call.counter || "") : null;
    return parts;
  }

  function sentence(parts) {
    var letters = parts.letters.map(function (l) { return LETTER_NAMES[l] || l; }).join(" ");
    var text = "Nomor antrean, " + letters + " " + parts.number.join(" ") + ".";
    var counter = parts.counter ? parts.counter.join(" ") : parts.counterText;
    if (counter) text += " Silakan menuju loket " + counter + ".";
    return text;
  }

  function clipNames(parts) {
    var names = ["nomor-antrean"];
    parts.letters.forEach(function (l) { if (LETTER_NAMES[l]) names.push("huruf-" + l); });
    names = names.concat(parts.number);
    if (parts.counter) names = names.concat(["silakan-menuju-loket"], parts.counter);
    return names;
  }

  function create(options) {
    var base = options.clips || "/static/satupintu/voice/id/";
    var queue = [];
    var busy = false;
    var speech = global.speechSynthesis || null;
    var voice = null;
    var audio = new Audio();
    var self = { onBlocked: null, onSpeaking: null, mode: "clips" };

    function pickVoice() {
      if (!speech || options.clipsOnly) return;
      var voices = speech.getVoices() || [];
      for (var i = 0; i < voices.length; i++) {
        var lang = (voices[i].lang || "").toLowerCase().replace("_", "-");
        if (lang === "id-id" || lang === "id" || lang === "in-id") { voice = voices[i]; break; }
      }
      self.mode = voice ? "speech" : "clips";
    }
    pickVoice();
    if (speech && speech.addEventListener) speech.addEventListener("voiceschanged", pickVoice);

    function playClip(name, done) {
      var finished = false;
      function finish(ok) {
        if (finished) return;
        finished = true;
        clearTimeout(limit);
        audio.onended = audio.onerror = null;
        done(ok);
      }
      var limit = setTimeout(function () { finish(false); }, 6000);
      audio.onended = function () { finish(true); };
      audio.onerror = function () { finish(false); };
      audio.src = base + name + ".ogg";
      var played = audio.play();
      if (played && played["catch"]) {
        played["catch"](function (err) {
          if (err && err.name === "NotAllowedError" && self.onBlocked) self.onBlocked();
          finish(false);
        });
      }
    }

    function playClips(names, done) {
      var i = 0;
      (function next() {
        if (i >= names.length) return done();
        playClip(names[i++], next);
      })();
    }

    function speak(text, done) {
      var finished = false;
      function finish() { if (!finished) { finished = true; clearTimeout(limit); done(); } }
      var limit = setTimeout(finish, 15000);
      var utterance = new global.SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = voice.lang || "id-ID";
      utterance.rate = 0.9;
      utterance.onend = finish;
      utterance.onerror = finish;
      speech.cancel();
      speech.speak(utterance);
    }

    function pump() {
      if (busy || !queue.length) return;
      busy = true;
      var item = queue.shift();
      if (self.onSpeaking) self.onSpeaking(item.call);
      playClip("chime", function () {
        function done() { busy = false; setTimeout(pump, 400); }
        if (self.mode === "speech" && voice) speak(sentence(item.parts), done);
        else playClips(clipNames(item.parts), done);
      });
    }

    self.announce = function (call) {
      var parts = callParts(call);
      if (!parts) return false;
      var id = String(call.number) + "|" + String(call.counter);
      for (var i = 0; i < queue.length; i++) if (queue[i].id === id) return false;
      queue.push({ id: id, call: call, parts: parts });
      pump();
      return true;
    };
    self.unlock = function () {
      // A silent play from inside a tap lets later plays through (autoplay policy).
      audio.muted = true;
      audio.src = base + "chime.ogg";
      var played = audio.play();
      audio.muted = false;
      if (speech && voice) speech.speak(new global.SpeechSynthesisUtterance(""));
      return played;
    };
    self.pending = function () { return queue.length + (busy ? 1 : 0); };
    return self;
  }

  global.SatuPintuVoice = {
    create: create, numberWords: numberWords, sentence: function (call) {
      var parts = callParts(call);
      return parts ? sentence(parts) : "";
    }, clipNames: function (call) {
      var parts = callParts(call);
      return parts ? clipNames(parts) : [];
    }
  };
})(window);
