/* Progressive enhancement of the onboarding pages: live subdomain check, live header preview,
   and the provisioning progress bar. Every page works without this script. */
(function () {
  var check = document.querySelector("[data-subdomain-check]");
  if (check) {
    var input = document.getElementById("id_subdomain"), out = document.getElementById("subdomain-status"), timer;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(check.dataset.subdomainCheck + "?s=" + encodeURIComponent(input.value), {credentials: "same-origin"})
          .then(function (r) { return r.json(); })
          .then(function (data) { out.textContent = data.message; out.className = data.ok ? "status-open" : "status-closed"; });
      }, 300);
    });
  }
  var preview = document.querySelector("[data-preview]");
  if (preview) {
    var fields = {brand: "id_brand_name", primary: "id_primary_color", accent: "id_accent_color"};
    var update = function () {
      preview.style.setProperty("--preview-primary", document.getElementById(fields.primary).value);
      preview.style.setProperty("--preview-accent", document.getElementById(fields.accent).value);
      preview.querySelector("[data-preview-brand]").textContent = document.getElementById(fields.brand).value || "MPP";
    };
    Object.values(fields).forEach(function (id) { document.getElementById(id).addEventListener("input", update); });
    update();
  }
  var progress = document.querySelector("[data-progress-url]");
  if (progress && progress.dataset.finished !== "true") {
    var poll = function () {
      fetch(progress.dataset.progressUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
        if (data.status === "done" || data.status === "failed") { window.location.reload(); return; }
        progress.querySelector("progress").value = data.percent;
        progress.querySelector("[data-percent]").textContent = data.percent + "%";
        data.steps.forEach(function (step) {
          var li = progress.querySelector('[data-step="' + step.key + '"]');
          if (li) { li.className = "step-" + step.status; }
        });
        setTimeout(poll, 700);
      });
    };
    setTimeout(poll, 500);
  }
})();
