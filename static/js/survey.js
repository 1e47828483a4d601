// The answering page: shows a conditional question only when the earlier answer it depends
// on matches, and keeps unsent answers in this browser (never on the server) so a closed tab
// or a lost connection loses nothing. Without scripts every question is shown and the
// server ignores the ones that do not apply.
(() => {
  "use strict";

  const storage = (() => {
    try {
      const probe = "survey-storage-probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // private browsing or storage turned off: answers are simply not kept
    }
  })();

  const fieldsOf = (form) =>
    Array.from(form.elements).filter(
      (element) => element.name && element.name !== "csrfmiddlewaretoken" && element.type !== "submit"
    );

  const matches = (form, name, wanted) => {
    const found = form.elements.namedItem(name);
    if (!found) return true;
    const elements = found instanceof RadioNodeList ? Array.from(found) : [found];
    return elements.some((element) => {
      if (element.type === "radio" || element.type === "checkbox") {
        return element.checked && element.value === wanted;
      }
      return element.value === wanted;
    });
  };

  const applyConditions = (form) => {
    // Questions depend only on earlier ones, so one pass in page order settles them all.
    form.querySelectorAll("[data-condition-name]").forEach((question) => {
      const name = question.dataset.conditionName;
      const parent = form.querySelector(`[data-question-name="${name}"]`);
      const shown = !(parent && parent.hidden) && matches(form, name, question.dataset.conditionValue);
      question.hidden = !shown;
      question.querySelectorAll("input, select, textarea").forEach((element) => {
        element.disabled = !shown;
      });
    });
  };

  const save = (form, key) => {
    if (!storage || !key) return;
    const values = {};
    fieldsOf(form).forEach((element) => {
      if ((element.type === "radio" || element.type === "checkbox") && !element.checked) return;
      (values[element.name] = values[element.name] || []).push(element.value);
    });
    try {
      storage.setItem(key, JSON.stringify(values));
    } catch (error) {
      // Storage full: keeping the answers is a convenience, not a requirement.
    }
  };

  const restore = (form, key) => {
    if (!storage || !key) return;
    let values;
    try {
      values = JSON.parse(storage.getItem(key) || "null");
    } catch (error) {
      values = null;
    }
    if (!values || typeof values !== "object") return;
    fieldsOf(form).forEach((element) => {
      const kept = values[element.name];
      if (!Array.isArray(kept)) return;
      if (element.type === "radio" || element.type === "checkbox") {
        element.checked = kept.includes(element.value);
      } else {
        element.value = kept[0] ?? "";
      }
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    // After a successful answer the thank-you page asks for the kept answers to be dropped.
    document.querySelectorAll("[data-clear-storage]").forEach((marker) => {
      if (storage) storage.removeItem(marker.dataset.clearStorage);
    });

    document.querySelectorAll("form.js-survey").forEach((form) => {
      const key = form.dataset.storageKey || "";
      // A form sent back with errors shows what was sent; a fresh one gets what was kept.
      if (form.dataset.restore === "true") restore(form, key);
      applyConditions(form);
      const changed = () => {
        applyConditions(form);
        save(form, key);
      };
      form.addEventListener("change", changed);
      form.addEventListener("input", () => save(form, key));
    });

    const summary = document.querySelector(".js-error-summary");
    if (summary) summary.focus();
  });
})();
