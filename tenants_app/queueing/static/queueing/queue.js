// Queue device pages: print the kiosk's ticket once it is shown; re-print on demand.
document.addEventListener("DOMContentLoaded", function () {
  if (document.querySelector("[data-autoprint]") && !window.location.hash.includes("noprint")) {
    window.setTimeout(function () { window.print(); }, 300);
  }
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
