// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked js-autosubmit submit when their select changes; their button is then hidden.
  document.querySelectorAll("form.js-autosubmit").forEach((form) => {
    form.querySelectorAll(".js-autosubmit-button").forEach((b) => b.classList.add("visually-hidden"));
    form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.submit()));
  });
});

// The resident list's "select every resident on this page" box: shown only where scripts
// run, and again after an HTMX swap of the table brings a new one.
(() => {
  const reveal = () => document.querySelectorAll(".js-select-all").forEach((box) => {
    box.hidden = false;
  });
  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:afterSettle", reveal);
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("js-select-all")) return;
    const form = box.form || document.getElementById(box.getAttribute("form"));
    if (!form) return;
    Array.from(form.elements)
      .filter((each) => each.type === "checkbox" && each.name.endsWith("ids"))
      .forEach((each) => {
        each.checked = box.checked;
      });
  });
})();

// "Print" buttons (the survey's printed sheets).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest(".js-print")) window.print();
});
