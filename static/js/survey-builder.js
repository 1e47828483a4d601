// The survey builder's forms, progressively enhanced; every part works without this file.
// The question form shows only the fields its kind needs; the survey form shows only the
// texts of the languages ticked. A part with an error in it is always shown.
(() => {
  const hasError = (part) => part.querySelector(".is-invalid") !== null;

  const showKindParts = () => {
    const form = document.querySelector("form.js-question-form");
    const select = form && form.querySelector("select[name='kind']");
    if (!select) return;
    form.querySelectorAll("[data-kinds]").forEach((part) => {
      part.hidden = !part.dataset.kinds.split(" ").includes(select.value) && !hasError(part);
    });
  };

  const showLanguageParts = () => {
    const form = document.querySelector("form.js-survey-form");
    if (!form) return;
    const chosen = Array.from(form.querySelectorAll("input[name='languages']:checked")).map(
      (box) => box.value,
    );
    form.querySelectorAll("[data-language]").forEach((part) => {
      part.hidden = !chosen.includes(part.dataset.language) && !hasError(part);
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    showKindParts();
    showLanguageParts();
  });
  document.addEventListener("change", (event) => {
    const name = event.target && event.target.name;
    if (name === "kind") showKindParts();
    if (name === "languages") showLanguageParts();
  });
})();
