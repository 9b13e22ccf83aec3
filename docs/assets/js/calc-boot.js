// Loaded by the calculator and finder pages from inside their content, so it runs while the
// page is still being parsed: starts the module worker and its runtime download early, in
// parallel with the theme. calc-page.js adopts the worker (window.__calcBoot). A plain file,
// not an inline script, so the Content-Security-Policy of any page allows it after instant navigation.
(function () {
  "use strict";
  if (!window.Worker || window.__calcWorkerRunning || window.__calcBoot) return;
  const root = document.querySelector("[data-calc-root][data-pyodide-version]");
  if (!root) return;
  const here = document.currentScript.src;
  const worker = new Worker(new URL("calc-worker.mjs", here), { type: "module" });
  const ready = new Promise((resolve, reject) => {
    worker.addEventListener("message", (event) => {
      if (event.data.id !== 0) return;
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data);
    });
    worker.addEventListener("error", (event) => reject(new Error(event.message || "Worker-Fehler")));
  });
  ready.catch(() => {});
  worker.postMessage({ id: 0, type: "init", config: {
    version: root.dataset.pyodideVersion,
    archiveURL: new URL("../calc/calc.zip", here).href,
    paramsURL: new URL("../calc/params.json", here).href,
  } });
  window.__calcBoot = { worker, ready };
})();
