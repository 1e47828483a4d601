// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked js-autosubmit submit when their select changes; their button is then hidden.
  document.querySelectorAll("form.js-autosubmit").forEach((form) => {
    form.querySelectorAll(".js-autosubmit-button").forEach((b) => b.classList.add("visually-hidden"));
    form.querySelectorAll("select").forEach((s) => s.addEventListener("change", () => form.submit()));
  });
});
