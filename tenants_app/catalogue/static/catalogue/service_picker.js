// The counter's services: type to narrow the list (by service or agency name); works without it.
document.addEventListener("input", (event) => {
  const filter = event.target.closest("[data-service-picker-filter]");
  if (!filter) return;
  const picker = filter.closest("[data-service-picker]");
  const words = filter.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
  let shown = 0;
  picker.querySelectorAll("[data-service-picker-group]").forEach((group) => {
    const agency = (group.dataset.servicePickerGroup || "").toLowerCase();
    let groupShown = 0;
    group.querySelectorAll("[data-service-picker-option]").forEach((option) => {
      const text = agency + " " + option.textContent.toLowerCase();
      const match = words.every((word) => text.includes(word));
      option.hidden = !match;
      if (match) groupShown += 1;
    });
    group.hidden = groupShown === 0;
    shown += groupShown;
  });
  const count = picker.querySelector("[data-service-picker-count]");
  if (count) count.textContent = count.dataset.template.replace("%s", shown);
});
