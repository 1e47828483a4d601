// The live board refreshes itself every 10 s (HTMX). It pauses while someone is filling
// in a follow-up: a form of the board is open or has the focus.
document.addEventListener("htmx:beforeRequest", (event) => {
  const region = event.detail.elt;
  if (!(region instanceof HTMLElement) || region.id !== "board-live") return;
  const busy = region.querySelector("details[open]") || region.contains(document.activeElement);
  if (busy) event.preventDefault();
});
