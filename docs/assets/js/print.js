// Before printing: write out link targets (absolute) and the print date in the footer.
(function () {
  "use strict";
  window.addEventListener("beforeprint", () => {
    for (const link of document.querySelectorAll(".md-content a[href]")) {
      if (!link.getAttribute("href").startsWith("#")) link.dataset.printUrl = link.href;
    }
    const today = new Date().toLocaleDateString("de-DE", { day: "2-digit", month: "2-digit", year: "numeric" });
    for (const el of document.querySelectorAll("[data-print-date]")) el.textContent = today;
  });
})();
