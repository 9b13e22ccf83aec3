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
// Repeat visits start from a memory snapshot of the interpreter with calc.api imported (made by the
// build under Node, guide/make_snapshot.mjs): after a successful start, in idle time, this worker
// fetches the gzip-compressed snapshot, checks its SHA-256 and keeps it in Cache Storage; the next
// start decompresses it (DecompressionStream) and restores Pyodide from it (loadPyodide's private
// _loadSnapshot option of Pyodide 314.0.x). Its name carries its digest: a new build never meets an
// old copy. A restore that fails (a damaged copy, another runtime build) drops the copy and falls back
// to the plain start in the same worker. self.calcStart says which start ran: "plain" | "snapshot" |
// "fallback"; self.calcSnapshot whether the copy is kept: "stored" | "kept" | "failed" (tests, benchmarks).
//
// Every fetch of this worker – Pyodide's own (wasm, standard library, lock file) and calc's archive
// and parameters – goes through trackedFetch: it counts the bytes for the page's progress bar and
// reports a failed or broken-off download at once. Pyodide itself would only log a failed wasm
// download and wait forever.
import { loadPyodide, version } from "../pyodide/pyodide.mjs";

const PROGRESS_EVERY_MS = 150;
// Filled in by the build (hooks/site.py, guide.assets.worker_build): the real, uncompressed size of
// each runtime file (the progress bar's total: a gzip transfer's Content-Length counts compressed
// bytes, the body stream delivers decompressed ones), the lock file's info (passed inline instead of
// a download) and the snapshot's file name, digest and size. Empty in the unbuilt source.
const BUILD = /* build */ {};
const SIZES = BUILD.sizes || {};
const STDLIB = "python_stdlib_calc.zip";
// Every file a start loads: the total is known before the first byte.
const RUNTIME_FILES = ["pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB, "calc.zip", "params.json"];
const SNAPSHOT_CACHE = "calc-snapshot";
const SNAPSHOT_AFTER_READY_MS = 2_000; // the page's first result is drawn; the link is free
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
  const seen = new Set();
  for (const d of downloads.values()) {
    loaded += d.loaded;
    total += Math.max(d.total, d.loaded);
    done = done && d.done;
    seen.add(d.file);
  }
  // pyodide.asm.mjs comes by import(), not fetch: counted whole when it is in
  const script = SIZES["pyodide.asm.mjs"] || 0;
  if (runtimeScript === "arrived") loaded += script;
  seen.add("pyodide.asm.mjs");
  total += script;
  for (const file of RUNTIME_FILES) if (!seen.has(file)) total += SIZES[file] || 0; // not requested yet
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
  // the real size from the build from the request on: no dip in the total until the headers come
  const entry = { file, loaded: 0, total: SIZES[file] || 0, done: false };
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
  // Content-Length counts the bytes on the wire; with a Content-Encoding the body (counted below) is
  // larger: the total is the file's real size from the build, or Content-Length without an encoding.
  const length = Number(response.headers.get("Content-Length")) || 0;
  const encoded = Boolean(response.headers.get("Content-Encoding"));
  entry.total = SIZES[file] || (encoded ? 0 : length);
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
        if (length && !encoded && entry.loaded < length) {
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

// Pyodide logs a wasm that does not compile or instantiate and then waits forever: report it
// (while a snapshot is restored, the start that follows decides).
let restoring = false;
function reportingWasm(instantiate) {
  return (...args) =>
    instantiate(...args).catch((err) => {
      if (restoring) throw err;
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

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const SNAPSHOT_URL = BUILD.snapshot ? new URL(BUILD.snapshot.file, INDEX_URL).href : null;

async function start(config) {
  const archive = fetch(config.archiveURL).then((r) => r.arrayBuffer());
  const params = fetch(config.paramsURL).then((r) => r.text());
  const options = {
    indexURL: INDEX_URL,
    // Its standard library: only the modules calc needs, as bytecode (guide/calc_stdlib.txt, built by
    // guide.assets.pyodide_stdlib, checked by tests/pyodide/stdlib.mjs).
    stdLibURL: INDEX_URL + STDLIB,
    packages: [],
    // Python starts (seconds of work that keep this thread busy) only once every file is in
    // (fsInit runs before it): a busy thread cannot count bytes, so no download may be under way then.
    fsInit: allArrived,
  };
  if (BUILD.lock) options.lockFileContents = BUILD.lock; // no packages: only its info is read
  let pyodide = null;
  const snapshot = await storedSnapshot();
  if (snapshot) {
    // A marker for the time of the attempt: a worker that dies or hangs while restoring (the page's
    // watchdog ends it) leaves it behind, and the next start drops the snapshot instead of trying again.
    const trying = await markAttempt();
    try {
      restoring = true;
      pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      self.calcStart = "snapshot";
      if (trying) await trying.delete(SNAPSHOT_URL + "?versuch");
    } catch (err) {
      if (err instanceof LoadFailure) throw err;
      console.warn("calc: Start aus dem Snapshot fehlgeschlagen, normaler Start", err);
      self.calcStart = "fallback";
      await forgetSnapshots();
    } finally {
      restoring = false;
    }
  }
  if (!pyodide) {
    pyodide = await loadPyodide(options);
    self.calcStart = self.calcStart || "plain";
  }
  return openSession(pyodide, await archive, await params);
}

function openSession(pyodide, archive, params) {
  // also after a restore: modules calc imports later (the council paper's) come from the files
  pyodide.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/calc-pkg" });
  // (the import system sees the new directory by its modification time)
  pyodide.runPython(`
import sys
if "/home/pyodide/calc-pkg" not in sys.path:
    sys.path.insert(0, "/home/pyodide/calc-pkg")
`);
  const api = pyodide.pyimport("calc.api");
  return api.Session(params);
}

// --------------------------------------------------------------------------------------------
// The memory snapshot in Cache Storage
// --------------------------------------------------------------------------------------------

function snapshotsUsable() {
  return Boolean(SNAPSHOT_URL && self.caches && self.DecompressionStream && self.crypto && crypto.subtle);
}

const SNAPSHOT_MAGIC = 0x706e7300; // Pyodide's header: magic, offset of the memory, …, build id
const WASM_PAGE = 65_536;

/** The kept snapshot, decompressed; null when there is none or it cannot be read. */
async function storedSnapshot() {
  if (!snapshotsUsable()) return null;
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    if (await cache.match(SNAPSHOT_URL + "?versuch")) throw new Error("der letzte Versuch endete nicht");
    const response = await cache.match(SNAPSHOT_URL);
    if (!response) return null;
    const inflated = response.body.pipeThrough(new DecompressionStream("gzip"));
    const bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
    // Its memory must fit the wasm's pages, or instantiating fails before Pyodide checks the build id.
    const header = new Uint32Array(bytes.buffer, 0, Math.min(4, bytes.byteLength >> 2));
    const memory = bytes.byteLength - (header[1] || 0);
    if (header[0] !== SNAPSHOT_MAGIC || header[1] < 48 || memory <= 0 || memory % WASM_PAGE) {
      throw new Error("kein Snapshot von Pyodide");
    }
    return bytes;
  } catch (err) {
    console.warn("calc: Snapshot nicht lesbar, normaler Start", err);
    self.calcStart = "fallback";
    await forgetSnapshots();
    return null;
  }
}

async function markAttempt() {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(SNAPSHOT_URL + "?versuch", new Response(""));
    return cache;
  } catch {
    return null;
  }
}

async function forgetSnapshots(keep = null) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) if (request.url !== keep) await cache.delete(request);
  } catch {
    // nothing kept, nothing to drop
  }
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** After a plain start: fetch the snapshot once (not counted, never reported) and keep it. */
async function keepSnapshot() {
  if (self.calcStart === "snapshot") self.calcSnapshot = "kept";
  if (!snapshotsUsable() || self.calcStart === "snapshot" || navigator.connection?.saveData) return;
  try {
    await forgetSnapshots(SNAPSHOT_URL); // those of earlier builds
    const cache = await caches.open(SNAPSHOT_CACHE);
    if (await cache.match(SNAPSHOT_URL)) {
      self.calcSnapshot = "kept";
      return;
    }
    const response = await plainFetch(SNAPSHOT_URL, { priority: "low" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const packed = await response.arrayBuffer();
    if (hex(await crypto.subtle.digest("SHA-256", packed)) !== BUILD.snapshot.sha256) throw new Error("SHA-256 weicht ab");
    await cache.put(SNAPSHOT_URL, new Response(packed, { headers: { "Content-Type": "application/gzip" } }));
    self.calcSnapshot = "stored";
  } catch (err) {
    self.calcSnapshot = "failed";
    console.warn("calc: Snapshot nicht gespeichert", err);
  }
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
      if (!self.calcSnapshot) {
        self.calcSnapshot = "pending";
        setTimeout(keepSnapshot, SNAPSHOT_AFTER_READY_MS);
      }
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
