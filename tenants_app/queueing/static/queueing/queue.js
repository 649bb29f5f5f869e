// Queue device pages: print the kiosk's ticket once it is shown; re-print on demand.
document.addEventListener("DOMContentLoaded", function () {
  if (document.querySelector("[data-autoprint]") && !window.location.hash.includes("noprint")) {
    window.setTimeout(function () { window.print(); }, 300);
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  keepCurrent(document.body);
});

// A page with data-refresh="N" (counter panel, kiosk) loads itself again after N seconds
// without a key or a touch, so new tickets show and a dropped network recovers. Never under
// someone's hands: a plain meta refresh reloaded the panel while an officer typed a booking code
// or chose a transfer target and dropped both. A field in use or filled in waits for a quiet
// minute instead. Without script, the page's <noscript> meta refresh does the job.
function keepCurrent(root) {
  var seconds = Number(root.dataset.refresh);
  if (!seconds) { return; }
  var target = root.dataset.refreshUrl || window.location.href.split("#")[0];
  var quietSince = Date.now();
  ["keydown", "input", "change", "pointerdown", "focusin"].forEach(function (name) {
    document.addEventListener(name, function () { quietSince = Date.now(); }, true);
  });
  function changed(field) {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
      return false;
    }
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }
  function inUse() {
    var active = document.activeElement;
    if (active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) { return true; }
    return Array.prototype.some.call(document.querySelectorAll("input, select, textarea"), changed);
  }
  var timer = window.setInterval(function () {
    var wait = inUse() ? Math.max(seconds, 60) : seconds;
    if (Date.now() - quietSince >= wait * 1000) {
      window.clearInterval(timer);  // once: a slow answer must not be cancelled by a new load
      window.location.replace(target);
    }
  }, 1000);
}
