// The calculator client for /rechner/ and /finder/: reads the form, asks the Python worker, shows
// the HTML the Python side renders. One ES module, loaded once per document from <head> on every
// page (overrides/main.html, async): it attaches to every calculator Material's document$ brings
// (the first page and every page instant navigation brings) and starts the runtime once the page
// itself has loaded (afterPageLoad). A module is evaluated once per document, however often the
// theme re-inserts scripts.
//
// Never stuck: every way the runtime can fail ends in data-calc-state="error" with a German
// message and a button "Erneut versuchen" – failed downloads are reported by the worker where they
// happen (calc-worker.mjs counts and checks every file it fetches), a worker that cannot load
// fires "error", a browser without WebAssembly or module workers is recognised before anything
// loads, and a watchdog ends a start that neither succeeds nor fails.
//
// The watchdog counts only time in which nothing moves. While files are on their way: no byte
// arrives for STALL_MS. Once all are in and Python starts: no message comes and the worker's thread
// is idle (it answers a ping at once) for STALL_MS. A slow link that keeps delivering bytes never
// trips it, nor does a slow computer on which Pyodide's start keeps the worker busy (no answer to
// the ping) – then only BUSY_MS without any progress ends it.

const HERE = import.meta.url;
const STALL_MS = 15_000; // idle and no progress: a stalled download, a start that waits for nothing
const BUSY_MS = 90_000; // no progress although the worker is busy: a start that never ends
const CHECK_MS = 1_000;
const LOAD_WAIT_MS = 3_000; // the runtime starts at the latest this long after the form is attached

// --------------------------------------------------------------------------------------------
// The runtime: one worker per document, shared by the calculator and the finder
// --------------------------------------------------------------------------------------------

let runtime = null;
const listeners = new Set(); // called with the runtime on every change of state or progress

function notify() {
  for (const listener of listeners) listener(runtime);
}

function missingFeature() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") return "WebAssembly";
  if (typeof Worker !== "function") return "Worker";
  return null;
}

/** The running (or loading) runtime; a new one when there is none or the last one failed. */
function startRuntime(version) {
  if (runtime && runtime.state !== "error") return runtime;
  const rt = {
    version,
    state: "loading", // loading | ready | error
    phase: "download", // download | start (every file so far is in; Pyodide and calc start)
    loaded: 0,
    total: 0,
    failure: null,
    worker: null,
    pending: new Map(),
    nextId: 1,
    timer: 0,
    alive: false, // the worker's module runs
    lastSign: performance.now(), // the last progress or message
    lastBusy: 0, // the last time a ping went unanswered for CHECK_MS: the worker's thread is working
    pingSent: null,
  };
  rt.ready = new Promise((resolve, reject) => {
    rt.resolve = resolve;
    rt.reject = reject;
  });
  rt.ready.catch(() => {}); // reported through the listeners
  runtime = rt;
  const missing = missingFeature();
  if (missing) {
    fail(rt, { kind: "unsupported", feature: missing });
    return rt;
  }
  let moduleWorker = false; // browsers that ignore {type: "module"} never read the option
  try {
    const options = {
      get type() {
        moduleWorker = true;
        return "module";
      },
    };
    rt.worker = new Worker(new URL("calc-worker.mjs", HERE), options);
  } catch (err) {
    fail(rt, { kind: "worker", detail: String(err) });
    return rt;
  }
  if (!moduleWorker) {
    fail(rt, { kind: "unsupported", feature: "module-worker" });
    return rt;
  }
  rt.worker.addEventListener("message", (event) => received(rt, event.data));
  rt.worker.addEventListener("error", (event) => {
    event.preventDefault();
    fail(rt, { kind: rt.state === "ready" ? "crash" : "worker", detail: event.message || "" });
  });
  rt.worker.postMessage({
    id: 0,
    type: "init",
    config: {
      version,
      archiveURL: new URL("../calc/calc.zip", HERE).href,
      paramsURL: new URL("../calc/params.json", HERE).href,
    },
  });
  watch(rt);
  notify();
  return rt;
}

/** Calls ``start`` once the document has loaded: the runtime's download and start (WebAssembly
 * compiled on every core) made the page's own start-up tasks on the main thread about twice as
 * long on a 2-core machine when they ran alongside (Lighthouse: Total Blocking Time). A file of the
 * page that never arrives delays the start by LOAD_WAIT_MS at most. ``start`` may be called a
 * second time (the load event and the timer); it starts nothing once the runtime is there. */
function afterPageLoad(start) {
  if (document.readyState === "complete") {
    start();
    return;
  }
  window.addEventListener("load", () => setTimeout(start, 0), { once: true });
  setTimeout(start, LOAD_WAIT_MS);
}

function watch(rt) {
  rt.timer = setInterval(() => check(rt), CHECK_MS);
}

function check(rt) {
  if (rt.state !== "loading") {
    clearInterval(rt.timer);
    return;
  }
  const now = performance.now();
  if (rt.alive) {
    if (rt.pingSent === null) {
      rt.pingSent = now;
      rt.worker.postMessage({ type: "ping" });
    } else if (now - rt.pingSent >= CHECK_MS) rt.lastBusy = now;
  }
  const phase = rt.alive ? rt.phase : "worker";
  // While files are still on their way, only arriving bytes count: a busy worker does not excuse
  // a download that stands still. Once every file is in, a busy worker is one that is starting.
  const since = phase === "start" ? Math.max(rt.lastSign, rt.lastBusy) : rt.lastSign;
  if (now - since > STALL_MS) fail(rt, { kind: "stalled", phase });
  else if (now - rt.lastSign > BUSY_MS) fail(rt, { kind: "stalled", phase, busy: true });
}

function received(rt, data) {
  if (rt !== runtime || rt.state === "error") return;
  if (data.pong) {
    rt.pingSent = null; // a pong is no progress: an idle worker answers at once
    return;
  }
  rt.lastSign = performance.now();
  if (data.id !== 0) {
    const waiting = rt.pending.get(data.id);
    rt.pending.delete(data.id);
    if (!waiting) return;
    if (data.error) waiting.reject(new Error(data.error));
    else waiting.resolve(data);
    return;
  }
  if (data.failure) {
    fail(rt, data.failure);
    return;
  }
  if (data.alive) rt.alive = true;
  if (data.progress) {
    // progress counts from its last byte: a message the busy worker could only send later is no newer sign
    rt.lastSign = Math.min(rt.lastSign, data.progress.at - performance.timeOrigin);
    rt.loaded = data.progress.loaded;
    rt.total = data.progress.total;
    rt.phase = data.progress.done ? "start" : "download";
  }
  if (data.ready) {
    rt.state = "ready";
    clearInterval(rt.timer);
    rt.resolve();
  }
  notify();
}

function fail(rt, failure) {
  if (rt.state === "error") return;
  rt.state = "error";
  rt.failure = failure;
  clearInterval(rt.timer);
  if (rt.worker) rt.worker.terminate(); // a hung Pyodide goes with it; a retry starts a new worker
  const error = new Error(`calc runtime: ${JSON.stringify(failure)}`);
  rt.reject(error);
  for (const waiting of rt.pending.values()) waiting.reject(error);
  rt.pending.clear();
  console.error(error); // details for maintainers; readers get a German sentence
  if (rt === runtime) notify();
}

function call(message) {
  const rt = runtime;
  return new Promise((resolve, reject) => {
    if (!rt || rt.state !== "ready") {
      reject(new Error("calc runtime not ready"));
      return;
    }
    const id = rt.nextId++;
    rt.pending.set(id, { resolve, reject });
    rt.worker.postMessage({ ...message, id });
  });
}

// --------------------------------------------------------------------------------------------
// Form <-> JSON input <-> address
// --------------------------------------------------------------------------------------------

// Number fields are text fields (type=number reads "80.000" as 80 and drops "2,5" in some
// browsers); Python reads their text (calc.inputs.read_form). Empty number fields are left out;
// Python reports missing required ones. List fields: several fields with the same name and
// data-list give an array of their non-empty values in page order (left out when all are empty).
export function readForm(form) {
  const input = {};
  const lists = new Map();
  for (const el of form.elements) {
    if (!el.name || el.closest("[hidden]")) continue;
    if ("list" in el.dataset) {
      if (!lists.has(el.name)) lists.set(el.name, []);
      const value = (el.value || el.dataset.unmatched || "").trim();
      if (value) lists.get(el.name).push(value);
    } else if (el.type === "checkbox") input[el.name] = el.checked;
    else if ("number" in el.dataset) {
      if (el.value.trim() !== "") input[el.name] = el.value.trim();
    } else if (el.type === "radio") {
      if (el.checked) input[el.name] = el.value;
    } else input[el.name] = el.value || el.dataset.unmatched || "";
  }
  for (const [name, values] of lists) if (values.length) input[name] = values;
  return input;
}

function normal(text) {
  return String(text).replace(/\s+/g, "").toLowerCase();
}

function setSelect(el, value) {
  // "v 7a" in a shared link selects "V7a", as the command line accepts it
  const option = [...el.options].find((o) => normal(o.value) === normal(value));
  el.value = option ? option.value : value;
  // an unknown value from a link: the list shows nothing, Python names the value in its message
  if (option || value === "") delete el.dataset.unmatched;
  else el.dataset.unmatched = value;
}

/** Fill the form from a query string; true when it held any field. A list the query does not
 * name is emptied: the page writes every list that has values into its address, so a link without
 * one (e.g. "?model=V8" from a Steckbrief) asks for none – not for the form's preset comparison. */
export function applyQuery(form, search = location.search) {
  const query = new URLSearchParams(search);
  if (query.size > 0)
    for (const el of form.querySelectorAll("[data-list]"))
      if (!query.has(el.name)) {
        if (el.tagName === "SELECT") setSelect(el, "");
        else el.value = "";
      }
  for (const [name, value] of query) {
    const fields = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    const list = fields.filter((el) => "list" in el.dataset);
    if (list.length) {
      // "compare=V10,V11" spreads over the list's fields in page order; the rest are emptied
      const values = value.split(",").map((v) => v.trim()).filter(Boolean);
      list.forEach((el, i) => {
        const item = values[i] || "";
        if (el.tagName === "SELECT") setSelect(el, item);
        else el.value = item;
      });
      continue;
    }
    for (const el of fields) {
      if (el.type === "checkbox") el.checked = value === "true" || value === "1";
      else if (el.type === "radio") el.checked = el.value === value;
      else if (el.tagName === "SELECT") setSelect(el, value);
      else el.value = value;
    }
  }
  return query.size > 0;
}

// Only while the address is still the page's own: an answer that arrives after the reader has
// left (instant navigation changes the address before it swaps the content) is not written.
export function writeQuery(input, path = location.pathname) {
  if (location.pathname !== path) return;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (Array.isArray(value)) {
      if (value.length) query.set(key, value.join(","));
    } else query.set(key, String(value));
  }
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
    if (el.hidden !== hide) el.hidden = hide; // no attribute write, no style work, when nothing changes
  }
}

// --------------------------------------------------------------------------------------------
// What the reader sees
// --------------------------------------------------------------------------------------------

function clearErrors(root) {
  for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  for (const el of root.querySelectorAll(".calc-error:not([hidden])")) {
    el.hidden = true;
    el.textContent = "";
    el.classList.remove("calc-ask");
  }
}

// A value that is not there yet (error.missing, e.g. the Gemeinden of V 7a after a link) is asked
// for as a hint, not marked as a mistake; a wrong value is marked invalid.
function showError(root, error) {
  const field = root.querySelector(`[name="${CSS.escape(error.field)}"]`);
  const slot = root.querySelector(`#err-${CSS.escape(error.field)}`);
  if (field && !error.missing) field.setAttribute("aria-invalid", "true");
  if (slot) {
    slot.textContent = error.message;
    slot.classList.toggle("calc-ask", Boolean(error.missing));
    slot.hidden = false;
  }
  root.querySelector("[data-calc-result]").hidden = true;
  root.dataset.calcState = "error";
  setStatus(root, `${error.missing ? "Noch eine Angabe" : "Eingabe prüfen"}: ${error.message}`);
}

function setStatus(root, text) {
  const status = root.querySelector("[data-calc-status]");
  if (status && status.textContent !== text) status.textContent = text;
}

/**
 * The client's one number formatter, German notation: 1.234,5 – at most ``digits`` decimals, at
 * least ``minDigits`` (trailing zeros beyond them dropped). Not Intl.NumberFormat: the first one a
 * page creates loads the locale data, 30–50 ms on the main thread (measured in Chromium's trace,
 * December 2026), and the progress line is written while the page is still starting. Results are
 * formatted by the Python side (calc/fmt.py); this is for what the page says before and around them.
 */
export function germanNumber(value, digits, minDigits = digits) {
  const [whole, fraction = ""] = value.toFixed(digits).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const kept = fraction.replace(/0+$/, "").padEnd(minDigits, "0");
  return kept ? `${grouped},${kept}` : grouped;
}

function megabytes(bytes) {
  return `${germanNumber(bytes / 1e6, 1)}\u00a0MB`;
}

const FEATURES = {
  WebAssembly: "Ihm fehlt WebAssembly, oder es ist abgeschaltet",
  Worker: "Er kann keine Web Worker starten",
  "module-worker": "Er kann keine Web Worker als JavaScript-Modul starten",
};

/** What failed, in German, for the status line. */
function failureText(failure) {
  const file = failure.file ? ` (${failure.file})` : "";
  switch (failure.kind) {
    case "unsupported":
      return (
        `Dieser Browser kann den Rechenkern nicht ausführen: ${FEATURES[failure.feature] || FEATURES.WebAssembly}. ` +
        "Mit einem aktuellen Firefox, Chrome, Edge oder Safari funktioniert er."
      );
    case "http":
      if (failure.file && failure.file.endsWith(".wasm"))
        return (
          `Der Rechenkern konnte nicht geladen werden: Die WebAssembly-Datei${file} wurde abgewiesen ` +
          `(Fehler ${failure.status}). Manche Netzwerke, etwa Proxys in Verwaltungen, sperren solche Dateien.`
        );
      return `Der Rechenkern konnte nicht geladen werden: Eine Datei fehlt auf dem Server${file}, Fehler ${failure.status}.`;
    case "network":
      if (failure.partial) return `Der Rechenkern konnte nicht geladen werden: Die Verbindung brach beim Herunterladen ab${file}.`;
      if (failure.file && failure.file.endsWith(".wasm"))
        return (
          `Der Rechenkern konnte nicht geladen werden: Die WebAssembly-Datei${file} kam nicht an. ` +
          "Manche Netzwerke, etwa Proxys in Verwaltungen, sperren solche Dateien; oder die Verbindung brach ab."
        );
      return `Der Rechenkern konnte nicht geladen werden: Eine Datei kam nicht an${file}; die Verbindung fehlt oder wurde blockiert.`;
    case "stalled":
      if (failure.phase === "worker") return "Der Rechenkern konnte nicht gestartet werden: Sein Skript kam nicht an.";
      if (failure.phase === "start") return "Der Rechenkern wurde geladen, startete aber nicht.";
      return `Der Rechenkern konnte nicht geladen werden: Der Download kam ${STALL_MS / 1000} Sekunden lang nicht voran.`;
    case "worker":
      return "Der Rechenkern konnte nicht gestartet werden: Sein Skript ließ sich nicht laden.";
    case "crash":
      return "Der Rechenkern ist ausgefallen.";
    default:
      return "Der Rechenkern wurde geladen, ließ sich aber nicht starten.";
  }
}

// --------------------------------------------------------------------------------------------
// One calculator or finder on the page
// --------------------------------------------------------------------------------------------

/** The names of the fields in which two inputs differ. */
function differences(input, other) {
  return [...new Set([...Object.keys(input), ...Object.keys(other)])].filter((n) => !sameValue(input[n], other[n]));
}

/** Those of ``names`` that ``input`` gives a value, as the form shows them: Label „value“. */
function describeInput(form, input, names) {
  const parts = [];
  for (const name of names) {
    if (input[name] === undefined || input[name] === "") continue;
    const fields = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    if (!fields.length) continue;
    // radio buttons and lists (the models to compare) are named by their group's legend
    const group = (fields[0].type === "radio" || "list" in fields[0].dataset) && fields[0].closest("fieldset");
    const title = group ? group.querySelector("legend") : labelOf(form, fields[0]);
    parts.push(`${title ? title.textContent.trim() : name} „${shownValue(form, fields, input[name])}“`);
  }
  return parts;
}

function labelOf(form, el) {
  return el.id ? form.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
}

// German or plain number text as a number ("50.000", "2,5", "1.5"); null for other text.
function numberOf(text) {
  let t = String(text).replace(/\s/g, "");
  if (t.includes(",")) t = t.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : null;
}

function sameValue(a, b) {
  const norm = (v) => (v === undefined ? "" : Array.isArray(v) ? v.join(",") : String(v).trim());
  if (norm(a) === norm(b)) return true;
  const [x, y] = [numberOf(norm(a)), numberOf(norm(b))];
  return x !== null && x === y;
}

function shownValue(form, fields, value) {
  const el = fields[0];
  if (el.type === "checkbox") return value ? "ja" : "nein";
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((v) => {
      if (el.type === "radio") {
        const chosen = fields.find((f) => f.value === v);
        const label = chosen && labelOf(form, chosen);
        return label ? label.textContent.trim() : v;
      }
      if (el.tagName === "SELECT") {
        const option = [...el.options].find((o) => o.value === v);
        return option ? option.textContent.trim() : v;
      }
      const n = numberOf(v);
      return n === null ? v : germanNumber(n, 2, 0);
    })
    .join(", ");
}

// --------------------------------------------------------------------------------------------
// Council paper draft (python -m calc vorlage): the same package builds the file in the worker;
// the page turns the answer's base64 into a download. Nothing leaves the reader's machine.
// --------------------------------------------------------------------------------------------

function blobOf(base64, type) {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Blob([bytes], { type });
}

function offerDownload(file) {
  const url = URL.createObjectURL(blobOf(file.base64, file.media_type));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The block under the result: name, body and the two download buttons; null on other pages. */
function attachDraft(root, form) {
  const box = root.querySelector("[data-calc-vorlage]");
  if (!box) return null;
  const status = box.querySelector("[data-vorlage-status]");
  const general = box.querySelector("#err-vorlage");
  let busy = false;

  function clear() {
    for (const el of box.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const slot of box.querySelectorAll(".calc-error")) {
      slot.hidden = true;
      slot.textContent = "";
    }
  }

  // A name or body is shown at its field; anything else (the calculator's inputs above, the
  // format) in the block's own line, since the field it names is the form's.
  function fault(error) {
    const field = error.field && box.querySelector(`[name="${CSS.escape(error.field)}"]`);
    const slot = field ? box.querySelector(`#err-${CSS.escape(error.field)}`) : general;
    if (field) field.setAttribute("aria-invalid", "true");
    slot.textContent = field ? error.message : `Bitte prüfen Sie zuerst die Eingaben oben: ${error.message}`;
    slot.hidden = false;
    status.textContent = "Keine Beschlussvorlage erstellt: Eingabe prüfen.";
  }

  async function download(format) {
    if (busy) return;
    busy = true;
    clear();
    const input = { ...readForm(form), format };
    for (const el of box.querySelectorAll("input[name]")) if (el.value.trim()) input[el.name] = el.value;
    status.textContent = "Die Beschlussvorlage wird erstellt …";
    let answer;
    try {
      answer = JSON.parse((await call({ type: "run", command: "vorlage", input: JSON.stringify(input) })).output);
    } catch (err) {
      fault({ field: "", message: "Der Rechenkern ist nicht bereit; bitte laden Sie die Seite neu." });
      return;
    } finally {
      busy = false;
    }
    if (answer.error) {
      fault(answer.error);
      return;
    }
    offerDownload(answer.result);
    const size = `${germanNumber(answer.result.size / 1000, 0)}\u00a0kB`;
    status.textContent = `Die Beschlussvorlage „${answer.result.filename}“ (${size}) wurde erstellt.`;
  }

  box.addEventListener("click", (event) => {
    const button = event.target.closest("[data-vorlage-format]");
    if (button) download(button.dataset.vorlageFormat);
  });
  return box;
}

function attach(root) {
  if (root.dataset.calcAttached) return;
  root.dataset.calcAttached = "1";
  const form = root.querySelector("form");
  const result = root.querySelector("[data-calc-result]");
  const command = root.dataset.calcRoot;
  const path = location.pathname;
  const version = root.dataset.pyodideVersion;
  const ui = runtimeUI(root);
  const draft = attachDraft(root, form);
  let latest = 0;
  let seen = null; // the runtime state last shown

  toggleConditional(root);
  let resultInput = readForm(form); // the prerendered result belongs to the form's first values
  applyQuery(form);
  toggleConditional(root);

  // A result that does not belong to the inputs in the form is labelled with its own inputs.
  function markStale() {
    const names = result.hidden ? [] : differences(resultInput, readForm(form));
    const stale = names.length > 0;
    const coming = !runtime || runtime.state === "loading"; // not started yet (afterPageLoad) or loading
    result.classList.toggle("calc-stale", stale);
    ui.stale.hidden = !stale;
    if (stale) {
      const own = describeInput(form, resultInput, names);
      ui.stale.textContent =
        `Das folgende Ergebnis gilt für ${own.length ? own.join(", ") : "andere Eingaben"} – nicht für die Eingaben im Formular.` +
        (coming ? " Es wird neu berechnet, sobald der Rechenkern geladen ist." : "");
    }
    if (stale && coming) result.setAttribute("aria-busy", "true");
    else result.removeAttribute("aria-busy");
    return stale;
  }

  async function compute() {
    const input = readForm(form);
    const ticket = ++latest;
    if (!runtime || runtime.state !== "ready") {
      writeQuery(input, path); // the address keeps the reader's inputs while the runtime is not there
      markStale();
      return;
    }
    let answer;
    try {
      answer = JSON.parse((await call({ type: "run", command, input: JSON.stringify(input) })).output);
    } catch (err) {
      if (ticket !== latest) return;
      writeQuery(input, path);
      markStale(); // the runtime's failure itself is shown by show()
      return;
    }
    if (ticket !== latest) return;
    writeQuery(answer.input || input, path); // as Python read it; after the answer, off the input path
    clearErrors(root);
    if (answer.error) {
      showError(root, answer.error);
      return;
    }
    // the same inputs give the same markup (the build prerenders through the same Session.run):
    // a shown result for them is kept, not laid out and painted again (Lighthouse: TBT)
    if (result.hidden || differences(resultInput, input).length) result.innerHTML = answer.html;
    result.hidden = false;
    resultInput = input;
    markStale();
    root.dataset.calcState = "ready";
    setStatus(root, answer.status); // built by Python from the result, not read off the page
  }

  // Follows the runtime: progress while it loads, the first result when it is ready, the message
  // and the retry button when it failed. Status texts change only when the state does (the
  // progress bar is not a live region), so screen readers hear the start and the end, no more.
  function show(rt) {
    if (!root.isConnected) {
      listeners.delete(show); // the theme's instant navigation replaced the page
      return;
    }
    const state = rt ? rt.state : "loading";
    const changed = state !== seen;
    seen = state;
    if (draft) draft.hidden = state !== "ready"; // the file is built by the running calculator
    ui.progressBox.hidden = state !== "loading";
    ui.retryBox.hidden = state !== "error" || rt.failure.kind === "unsupported";
    if (state === "loading") {
      if (rt && rt.total > 0) {
        ui.progress.max = rt.total;
        ui.progress.value = Math.min(rt.loaded, rt.total);
        const text = `${megabytes(rt.loaded)} von ${megabytes(rt.total)}`;
        ui.bytes.textContent = rt.phase === "start" ? `${text} – wird gestartet …` : text;
        ui.progress.setAttribute("aria-valuetext", ui.bytes.textContent);
      } else {
        ui.progress.removeAttribute("value"); // indeterminate until the sizes are known
        ui.bytes.textContent = "";
      }
      if (changed) {
        root.dataset.calcState = "loading";
        setStatus(root, `${ui.retried ? "Neuer Versuch: " : ""}Der Rechenkern (Python im Browser) wird geladen …`);
        markStale();
      }
    } else if (state === "ready" && changed) {
      compute();
    } else if (state === "error" && changed) {
      root.dataset.calcState = "error";
      const stale = markStale();
      const still =
        command === "finder"
          ? "Die Übersicht „Was jedes Modell verlangt“ weiter unten und die Steckbriefe gelten unabhängig vom Finder."
          : "Die Werte der Steckbriefe (unter „Modelle“) gelten unabhängig vom Rechner.";
      const shown = result.hidden
        ? ""
        : stale
          ? "Das Ergebnis unten gilt nur für die dort genannten Eingaben. "
          : "Das Ergebnis unten gilt für die Eingaben im Formular. ";
      const retry = rt.failure.kind === "unsupported" ? "" : "Bitte versuchen Sie es erneut. ";
      setStatus(root, `${failureText(rt.failure)} ${retry}${shown}${still}`);
    }
  }

  ui.retry.addEventListener("click", () => {
    ui.retried = true;
    startRuntime(version);
    ui.progressBox.focus(); // the button disappears; keep the reader's place
  });
  form.addEventListener("input", () => {
    toggleConditional(root);
    compute();
  });
  form.addEventListener("change", (event) => {
    delete event.target.dataset.unmatched; // the reader chose: the link's unknown value is gone
    toggleConditional(root);
    compute();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    compute();
  });
  const print = root.querySelector("[data-calc-print]");
  if (print) print.addEventListener("click", () => window.print());

  listeners.add(show);
  show(runtime); // a failed runtime is started again only by the reader
  if (!runtime)
    afterPageLoad(() => {
      if (!runtime && root.isConnected) startRuntime(version); // shown through the listeners
    });
}

/** Progress bar, retry button and the note for a result of other inputs: in the page's markup
 * (guide/templates/_runtime.md.j2), hidden until the runtime's state asks for them. */
function runtimeUI(root) {
  const box = root.querySelector(".calc-runtime");
  return {
    progressBox: box.querySelector(".calc-progress"),
    progress: box.querySelector("progress"),
    bytes: box.querySelector(".calc-progress-bytes"),
    retryBox: box.querySelector(".calc-retry"),
    retry: box.querySelector(".calc-retry button"),
    stale: root.querySelector(".calc-stale-note"),
    retried: false,
  };
}

function scan() {
  for (const root of document.querySelectorAll("[data-calc-root]")) attach(root);
}

// Material's document$ emits the first page and every page instant navigation brings; its
// bundle runs at the end of <body>, so it exists once the document is parsed. The form is attached
// in a task of its own, not inside the theme's start-up task, which is long enough already
// (Lighthouse: Total Blocking Time).
function onEveryPage() {
  const attachSoon = () => setTimeout(scan, 0);
  if (typeof document$ !== "undefined") document$.subscribe(attachSoon);
  else attachSoon();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onEveryPage, { once: true });
else onEveryPage();
