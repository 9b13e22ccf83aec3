// Thin client of the calc package for /rechner/ and /finder/: reads the form, asks the worker,
// shows the HTML the Python side renders. Does nothing on pages without [data-calc-root].
(function () {
  "use strict";

  let worker = null;
  let nextId = 1;
  const pending = new Map();
  let ready = null;

  function call(message) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  // The worker is started by calc-boot.js: early, from the page content, or on demand here.
  function startWorker(version) {
    if (ready) return ready;
    const boot = window.__calcBoot || window.__calcStartWorker(version);
    window.__calcBoot = null;
    worker = boot.worker;
    listen();
    ready = boot.ready;
    ready.catch(() => { ready = null; worker.terminate(); worker = null; window.__calcWorkerRunning = false; });
    return ready;
  }

  function listen() {
    window.__calcWorkerRunning = true;
    worker.onmessage = (event) => {
      const { id, error } = event.data;
      const waiting = pending.get(id);
      pending.delete(id);
      if (!waiting) return;
      if (error) waiting.reject(new Error(error));
      else waiting.resolve(event.data);
    };
    worker.onerror = (event) => {
      for (const waiting of pending.values()) waiting.reject(new Error(event.message || "Worker-Fehler"));
      pending.clear();
    };
  }

  // Form <-> JSON input. Number fields are text fields (type=number reads "80.000" as 80 and drops
  // "2,5" in some browsers); Python reads their text (calc.inputs.read_form). Empty number fields
  // are left out; Python reports missing required ones.
  function readForm(form) {
    const input = {};
    for (const el of form.elements) {
      if (!el.name || el.closest("[hidden]")) continue;
      if (el.type === "checkbox") input[el.name] = el.checked;
      else if ("number" in el.dataset) { if (el.value.trim() !== "") input[el.name] = el.value.trim(); }
      else if (el.type === "radio") { if (el.checked) input[el.name] = el.value; }
      else input[el.name] = el.value || el.dataset.unmatched || "";
    }
    return input;
  }

  function normal(text) { return String(text).replace(/\s+/g, "").toLowerCase(); }

  function applyQuery(form) {
    const query = new URLSearchParams(location.search);
    for (const [name, value] of query) {
      const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
      for (const el of fields) {
        if (el.type === "checkbox") el.checked = value === "true" || value === "1";
        else if (el.type === "radio") el.checked = el.value === value;
        else if (el.tagName === "SELECT") {
          // "v 7a" in a shared link selects "V7a", as the command line accepts it
          const option = [...el.options].find((o) => normal(o.value) === normal(value));
          el.value = option ? option.value : value;
          // an unknown value from a link: the list shows nothing, Python names the value in its message
          if (option) delete el.dataset.unmatched; else el.dataset.unmatched = value;
        } else el.value = value;
      }
    }
    return query.size > 0;
  }

  // Only while the address is still the page's own: an answer that arrives after the reader has
  // left (instant navigation changes the address before it swaps the content) is not written.
  function writeQuery(input, path) {
    if (location.pathname !== path) return;
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(input)) query.set(key, String(value));
    history.replaceState(history.state, "", `${location.pathname}?${query}${location.hash}`);
  }

  // Fields shown only for some inputs: data-show-if="name=value" (radio or select value) or
  // data-show-if="name@flag" (the selected option carries data-flag).
  function toggleConditional(root) {
    const form = root.querySelector("form");
    for (const el of root.querySelectorAll("[data-show-if]")) {
      const [, name, op, wanted] = el.dataset.showIf.match(/^([\w-]+)([=@])(.+)$/);
      const field = form.elements[name];
      if (!field) continue;
      let hide;
      if (op === "=") hide = field.value !== wanted;
      else {
        const option = field.selectedOptions && field.selectedOptions[0];
        hide = !(option && option.hasAttribute(`data-${wanted}`));
      }
      if (el.hidden !== hide) el.hidden = hide;  // no attribute write, no style work, when nothing changes
    }
  }

  function clearErrors(root) {
    for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of root.querySelectorAll(".calc-error:not([hidden])")) { el.hidden = true; el.textContent = ""; }
  }

  function showError(root, error) {
    const field = root.querySelector(`[name="${CSS.escape(error.field)}"]`);
    const slot = root.querySelector(`#err-${CSS.escape(error.field)}`);
    if (field) field.setAttribute("aria-invalid", "true");
    if (slot) { slot.textContent = error.message; slot.hidden = false; }
    root.querySelector("[data-calc-result]").hidden = true;
    root.dataset.calcState = "error";
    setStatus(root, `Eingabe prüfen: ${error.message}`);
  }

  function setStatus(root, text) {
    const status = root.querySelector("[data-calc-status]");
    if (status) status.textContent = text;
  }

  // The text a reader sees: like textContent, but without [hidden] parts (the machine-readable
  // values); unlike innerText, it needs no layout, so the status costs nothing on the input path.
  function shownText(el) {
    let text = "";
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
      else if (node.nodeType === Node.ELEMENT_NODE && !node.hidden) text += shownText(node);
    }
    return text;
  }

  function summary(root) {
    const fits = [...root.querySelectorAll(".calc-result [data-model]")];
    if (fits.length) {
      const count = (fit) => fits.filter((el) => el.querySelector(".finder-fit [data-field]").textContent === fit).length;
      const best = fits[0].querySelector("h3 a").textContent;
      const fitting = count("passt");
      return `Ergebnis aktualisiert: ${fitting} ${fitting === 1 ? "Modell passt" : "Modelle passen"}, ` +
        `${count("bedingt")} bedingt. Am besten passt ${best}.`;
    }
    const main = [...root.querySelectorAll(".calc-result .calc-main")].map((el) => {
      const label = el.querySelector(".calc-label");
      const value = el.querySelector(".calc-value");
      return label && value ? `${shownText(label).trim()}: ${shownText(value).trim().replace(/\s+/g, " ")}` : shownText(el).trim();
    });
    return main.length ? `Ergebnis aktualisiert. ${main.join(". ")}.` : "Ergebnis aktualisiert.";
  }

  function attach(root) {
    if (root.dataset.calcAttached) return;
    root.dataset.calcAttached = "1";
    const form = root.querySelector("form");
    const result = root.querySelector("[data-calc-result]");
    const command = root.dataset.calcRoot;
    const path = location.pathname;
    let latest = 0;
    const fromQuery = applyQuery(form);
    toggleConditional(root);
    if (fromQuery) { result.setAttribute("aria-busy", "true"); result.classList.add("calc-stale"); }

    async function compute() {
      const input = readForm(form);
      const ticket = ++latest;
      let answer;
      try {
        await ready;
        answer = JSON.parse((await call({ type: "run", command, input: JSON.stringify(input) })).output);
      } catch (err) {
        if (ticket !== latest) return;
        writeQuery(input, path);
        root.dataset.calcState = "error";
        console.error(err); // details for maintainers; readers get a German sentence, never a trace
        setStatus(root, "Der Rechenkern konnte nicht arbeiten. Das angezeigte Ergebnis gilt für die Standardwerte; bitte laden Sie die Seite neu.");
        return;
      }
      if (ticket !== latest) return;
      writeQuery(answer.input || input, path); // as Python read it; after the answer, off the input path
      clearErrors(root);
      if (answer.error) { showError(root, answer.error); return; }
      result.innerHTML = answer.html;
      result.hidden = false;
      result.removeAttribute("aria-busy");
      result.classList.remove("calc-stale");
      root.dataset.calcState = "ready";
      setStatus(root, summary(root));
    }

    form.addEventListener("input", () => { toggleConditional(root); compute(); });
    form.addEventListener("change", (event) => {
      delete event.target.dataset.unmatched; // the reader chose: the link's unknown value is gone
      toggleConditional(root);
      compute();
    });
    form.addEventListener("submit", (event) => { event.preventDefault(); compute(); });
    const print = root.querySelector("[data-calc-print]");
    if (print) print.addEventListener("click", () => window.print());

    root.dataset.calcState = "loading";
    setStatus(root, "Der Rechenkern (Python im Browser, etwa 13 MB) wird geladen …");
    startWorker(root.dataset.pyodideVersion).then(compute, (err) => {
      root.dataset.calcState = "error";
      console.error(err);
      setStatus(root, "Der Rechenkern konnte nicht geladen werden. Das angezeigte Ergebnis gilt für die Standardwerte; bitte laden Sie die Seite neu.");
    });
  }

  function scan() {
    for (const root of document.querySelectorAll("[data-calc-root]")) attach(root);
  }

  if (typeof document$ !== "undefined") document$.subscribe(scan);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
