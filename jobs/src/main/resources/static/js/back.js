// The record page's "Back" link returns to the page the auditor came from; without script (or
// history) it leads to the scores. A file of its own: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const back = document.getElementById("back");
  if (back && window.history.length > 1) {
    back.addEventListener("click", (event) => {
      event.preventDefault();
      window.history.back();
    });
  }
});
