// "Copy" buttons: copy the text of the element named by data-copy-target. Hidden where
// scripts do not run; the text can still be selected by hand.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".js-copy").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copyTarget);
      if (!field) return;
      const status = button.parentElement.querySelector(".js-copy-status");
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select();
        document.execCommand("copy");
      }
      if (status) status.textContent = button.dataset.copied || "";
    });
  });
});
