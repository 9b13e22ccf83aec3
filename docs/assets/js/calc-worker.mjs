// Module worker: runs the calc package in the self-hosted Pyodide runtime.
// Protocol (page -> worker -> page):
//   {id: 0, type: "init", config}       -> {id: 0, progress: {loaded, total, done, at}} (as files arrive;
//                                          done: every file requested is in; at: epoch ms of the last
//                                          byte, so a message delayed by a busy thread is no newer sign) … then
//                                          {id: 0, ready: true} | {id: 0, failure: {kind, file?, status?, …}}
//   {id, type: "run", command, input}   -> {id, output} (JSON text of calc.api.Session.run, form mode) | {id, error}
//   {type: "ping"}                      -> {id: 0, pong: true} (when this thread is free: the page's watchdog
//                                          tells a worker that waits for nothing from one that is busy starting)
// and {id: 0, alive: true} as soon as this module runs.
// Failure kinds: "http" (a file answered with an error status), "network" (a file did not arrive or
// broke off: partial), "unsupported" (no WebAssembly), "start" (everything arrived, the start threw).
//
// Every fetch of this worker – Pyodide's own (wasm, standard library, lock file) and calc's archive
// and parameters – goes through trackedFetch: it counts the bytes for the page's progress bar and
// reports a failed or broken-off download at once. Pyodide itself would only log a failed wasm
// download and wait forever.
import { loadPyodide, version } from "../pyodide/pyodide.mjs";

const PROGRESS_EVERY_MS = 150;
const plainFetch = self.fetch.bind(self);
const downloads = new Map(); // URL -> {loaded, total, done}
let progressTimer = 0;
let lastByte = performance.timeOrigin + performance.now(); // when the last byte arrived (epoch ms)
let lastProgress = 0;
let session = null;
let runtimeScript = null; // pyodide.asm.mjs, imported by Pyodide; arrived when this settles

class LoadFailure extends Error {
  constructor(failure) {
    super(`${failure.kind}${failure.file ? ` ${failure.file}` : ""}${failure.detail ? `: ${failure.detail}` : ""}`);
    this.failure = failure;
  }
}

// Settles with the first download that failed, whatever Pyodide does with it.
let downloadFailed;
const firstFailure = new Promise((_, reject) => {
  downloadFailed = reject;
});
firstFailure.catch(() => {});

function failed(failure) {
  const error = new LoadFailure(failure);
  downloadFailed(error);
  return error;
}

function fileOf(url) {
  return new URL(url, self.location.href).pathname.split("/").pop();
}

function sendProgress() {
  progressTimer = 0;
  lastProgress = performance.now();
  let loaded = 0;
  let total = 0;
  let done = downloads.size > 0 && runtimeScript === "arrived";
  for (const d of downloads.values()) {
    loaded += d.loaded;
    total += Math.max(d.total, d.loaded);
    done = done && d.done;
  }
  self.postMessage({ id: 0, progress: { loaded, total, done, at: lastByte } });
}

// At most every PROGRESS_EVERY_MS, the first and the last at once.
function reportProgress(final = false) {
  if (final) {
    clearTimeout(progressTimer);
    sendProgress();
  } else if (!progressTimer) {
    const wait = Math.max(0, PROGRESS_EVERY_MS - (performance.now() - lastProgress));
    progressTimer = setTimeout(sendProgress, wait);
  }
}

async function trackedFetch(resource, options) {
  const url = resource instanceof Request ? resource.url : String(resource);
  const file = fileOf(url);
  // counted from the request on: a request that never gets an answer keeps the download unfinished
  const entry = { loaded: 0, total: 0, done: false };
  entry.finished = new Promise((resolve) => {
    entry.arrived = resolve;
  });
  downloads.set(url, entry);
  let response;
  try {
    response = await plainFetch(resource, options);
  } catch (err) {
    throw failed({ kind: "network", file, detail: String(err) });
  }
  if (!response.ok) throw failed({ kind: "http", file, status: response.status });
  // Content-Length counts the bytes on the wire; with a Content-Encoding the body is larger, and
  // the total grows with it.
  const length = Number(response.headers.get("Content-Length")) || 0;
  entry.total = length;
  lastByte = performance.timeOrigin + performance.now();
  reportProgress(true);
  if (!response.body) {
    entry.done = true;
    entry.arrived();
    return response;
  }
  const reader = response.body.getReader();
  const counted = new ReadableStream({
    async pull(controller) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (err) {
        const error = failed({ kind: "network", file, partial: true, detail: String(err) });
        controller.error(error);
        return;
      }
      if (chunk.done) {
        lastByte = performance.timeOrigin + performance.now();
        if (length && !response.headers.get("Content-Encoding") && entry.loaded < length) {
          // the connection closed early without an error: as broken off as a reset
          const error = failed({ kind: "network", file, partial: true, detail: `${entry.loaded} of ${length} bytes` });
          controller.error(error);
          return;
        }
        entry.done = true;
        entry.arrived();
        reportProgress(true);
        controller.close();
        return;
      }
      entry.loaded += chunk.value.byteLength;
      lastByte = performance.timeOrigin + performance.now();
      reportProgress();
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      entry.done = true; // its reader wants no more
      entry.arrived();
      return reader.cancel(reason);
    },
  });
  // Same status and headers (WebAssembly.instantiateStreaming needs Content-Type application/wasm).
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}

// Pyodide logs a wasm that does not compile or instantiate and then waits forever: report it.
function reportingWasm(instantiate) {
  return (...args) =>
    instantiate(...args).catch((err) => {
      throw failed({ kind: "start", file: "pyodide.asm.wasm", detail: String(err) });
    });
}

// Every download requested so far (and any requested meanwhile) has arrived.
async function allArrived() {
  const waiting = [...downloads.values()].filter((d) => !d.done);
  if (!waiting.length) return;
  await Promise.all(waiting.map((d) => d.finished));
  await allArrived();
}

async function start(config) {
  const indexURL = new URL("../pyodide/", import.meta.url).href;
  const archive = fetch(config.archiveURL).then((r) => r.arrayBuffer());
  const params = fetch(config.paramsURL).then((r) => r.text());
  const [pyodide] = await Promise.all([
    // Python starts (seconds of work that keep this thread busy) only once every file is in
    // (fsInit runs before it): a busy thread cannot count bytes, so no download may be under way then.
    // Its standard library: only the modules calc needs, as bytecode (guide/calc_stdlib.txt, built by
    // guide.assets.pyodide_stdlib, checked by tests/pyodide/stdlib.mjs).
    loadPyodide({ indexURL, stdLibURL: `${indexURL}python_stdlib_calc.zip`, packages: [], fsInit: allArrived }),
    archive,
    params,
  ]);
  return openSession(pyodide, await archive, await params);
}

function openSession(pyodide, archive, params) {
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/calc-pkg" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/calc-pkg')");
  const api = pyodide.pyimport("calc.api");
  return api.Session(params);
}

async function init(config) {
  if (typeof WebAssembly !== "object") throw new LoadFailure({ kind: "unsupported", feature: "WebAssembly" });
  if (version !== config.version) {
    throw new LoadFailure({ kind: "start", detail: `Pyodide ${version} geladen, erwartet ${config.version}` });
  }
  self.fetch = trackedFetch;
  // The same URL as Pyodide's own import of it, so both share one download; this one says when it is in.
  runtimeScript = import(new URL("../pyodide/pyodide.asm.mjs", import.meta.url).href).then(
    () => {
      runtimeScript = "arrived";
      lastByte = performance.timeOrigin + performance.now();
      reportProgress(true);
    },
    (err) => failed({ kind: "network", file: "pyodide.asm.mjs", detail: String(err) }),
  );
  // Pyodide compiles its wasm while it streams in; its own small feature probes use compile and
  // instantiate, which may fail on purpose and stay as they are.
  if (WebAssembly.instantiateStreaming) {
    WebAssembly.instantiateStreaming = reportingWasm(WebAssembly.instantiateStreaming.bind(WebAssembly));
  }
  const starting = start(config);
  starting.catch(() => {});
  try {
    return await Promise.race([starting, firstFailure]);
  } catch (err) {
    if (err instanceof LoadFailure) throw err;
    const detail = String((err && err.message) || err);
    // Pyodide imports pyodide.asm.mjs itself; a failed import is a download that did not arrive.
    if (/dynamically imported module/i.test(detail)) throw new LoadFailure({ kind: "network", file: "pyodide.asm.mjs", detail });
    throw new LoadFailure({ kind: "start", detail });
  }
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  if (type === "ping") {
    self.postMessage({ id: 0, pong: true });
    return;
  }
  if (type === "init") {
    try {
      session = session || init(event.data.config);
      await session;
      self.postMessage({ id, ready: true });
    } catch (err) {
      self.postMessage({ id, failure: err.failure || { kind: "start", detail: String(err) } });
    }
    return;
  }
  try {
    const s = await session;
    self.postMessage({ id, output: s.run(event.data.command, event.data.input, true) });
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};

self.postMessage({ id: 0, alive: true });
