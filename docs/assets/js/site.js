// Small page behaviours for every page (runs after each instant navigation too).
(function () {
  "use strict";

  // Wide tables: the theme wraps them in a scroll box; make that box reachable and named for
  // keyboard and screen-reader users (WCAG 2.1.1, axe rule scrollable-region-focusable).
  function labelScrollBoxes() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])")) {
      let heading = box.previousElementSibling;
      while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      const title = heading ? heading.textContent.replace(/¶$/, "").trim() : document.title;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `Tabelle: ${title}`);
    }
  }

  // Before printing: write out link targets (absolute) and the print date in the footer.
  window.addEventListener("beforeprint", () => {
    for (const link of document.querySelectorAll(".md-content a[href]")) {
      if (!link.getAttribute("href").startsWith("#")) link.dataset.printUrl = link.href;
    }
    const today = new Date().toLocaleDateString("de-DE", { day: "2-digit", month: "2-digit", year: "numeric" });
    for (const el of document.querySelectorAll("[data-print-date]")) el.textContent = today;
    // the address as used, so a printed calculator result carries its inputs (the shared link)
    for (const el of document.querySelectorAll("[data-print-address]")) el.textContent = location.href;
  });

  // The theme's drawer and search toggles are checkboxes; Firefox restores a ticked one on reload
  // (the theme's autocomplete="off" against that is invalid on a checkbox and removed at build,
  // guide/markup.py). Untick them by click, so the theme's own listeners see the change.
  for (const id of ["__drawer", "__search"]) {
    const toggle = document.getElementById(id);
    if (toggle && toggle.checked) toggle.click();
  }

  // The theme wraps the tables in its own document$ subscriber, which runs before this one (its bundle
  // subscribes first): the wrappers are there, and named before anything is painted or read out.
  if (typeof document$ !== "undefined") document$.subscribe(labelScrollBoxes);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", labelScrollBoxes);
  else labelScrollBoxes();
})();
