// A memory snapshot of the worker's started interpreter, for the build (guide.assets.runtime_snapshot):
// the pinned Pyodide under Node starts exactly as the browser worker does (the site's trimmed standard
// library, the lock file's info inline, no packages), unpacks calc.zip and imports calc.api; then
// pyodide.makeMemorySnapshot() (Pyodide's private _makeSnapshot/_loadSnapshot options, 314.0.x)
// writes the wasm memory with Pyodide's header (magic, build id of the runtime). The worker restores
// it with loadPyodide({_loadSnapshot}) on a repeat visit and falls back to a plain start if that throws.
// Python holds no JavaScript object at that point (no proxies kept), so the snapshot has no JS state
// to carry over beyond Pyodide's own.
//
//   node guide/make_snapshot.mjs <stdlib.zip> <calc.zip> <lock-info.json> <out.bin>

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");

// The worker's own start sequence (docs/assets/js/calc-worker.mjs, openSession) up to the Session.
const PREPARE = `
import gc, sys
sys.path.insert(0, "/home/pyodide/calc-pkg")
import calc.api
gc.collect()
`;

const [stdlib, calcZip, lockInfo, output] = process.argv.slice(2);
if (!output) {
  process.stderr.write("Aufruf: node guide/make_snapshot.mjs <stdlib.zip> <calc.zip> <lock-info.json> <out.bin>\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(PYODIDE_DIR, "pyodide.mjs")).href);
const pyodide = await loadPyodide({
  indexURL: PYODIDE_DIR + path.sep,
  stdLibURL: path.resolve(stdlib),
  lockFileContents: { info: JSON.parse(readFileSync(lockInfo, "utf-8")), packages: {} },
  packages: [],
  _makeSnapshot: true,
});
const bytes = readFileSync(calcZip);
pyodide.unpackArchive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), "zip", {
  extractDir: "/home/pyodide/calc-pkg",
});
pyodide.runPython(PREPARE);
writeFileSync(output, pyodide.makeMemorySnapshot());
