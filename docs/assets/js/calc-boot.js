// Starts the calculator's module worker: the one place that knows its URLs and start message.
// The calculator and finder pages load this file from <head> (with data-pyodide-version) and
// from inside their content (for instant navigation), so the runtime download starts while the
// page is still being parsed; it is also in extra_javascript, so calc-page.js can always call
// window.__calcStartWorker().
// A same-origin file, not an inline script, so every page's Content-Security-Policy allows it,
// also when the theme's instant navigation re-runs it.
(function () {
  "use strict";
  const script = document.currentScript; // resolved now: currentScript is gone in later calls
  const here = script.src;

  window.__calcStartWorker = function (version) {
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
      version,
      archiveURL: new URL("../calc/calc.zip", here).href,
      paramsURL: new URL("../calc/params.json", here).href,
    } });
    return { worker, ready };
  };

  if (!window.Worker || window.__calcWorkerRunning || window.__calcBoot) return;
  const root = script.dataset.pyodideVersion ? script : document.querySelector("[data-calc-root][data-pyodide-version]");
  if (root) window.__calcBoot = window.__calcStartWorker(root.dataset.pyodideVersion);
})();
