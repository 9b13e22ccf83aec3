// The trimmed standard library the browser worker loads (guide/calc_stdlib.txt -> the site's
// assets/pyodide/python_stdlib_calc.zip, built by guide.assets.pyodide_stdlib): measured and checked
// in Pyodide under Node, so a module missing from it fails `make test`, not a reader.
//
//   node tests/pyodide/stdlib.mjs            check (also run by run-pytest.mjs before the calc tests)
//   node tests/pyodide/stdlib.mjs --write    measure again and rewrite guide/calc_stdlib.txt
//
// The workload is the worker's: start Pyodide, unpack calc.zip, Session(params) – then every calc
// module the browser can reach (all but the command line's __main__), and every command in form and
// plain mode, valid and invalid, with the council paper drafts of tests/calc/vorlage_cases.py.
// 1. With Pyodide's full python_stdlib.zip: the standard-library modules loaded must be exactly the
//    list (a module the list lacks, or one it names that nothing loads, fails the check). A measured
//    list, not a guessed one: an import that the stdlib guards with try/except is in it too.
// 2. With the trimmed archive in a fresh Pyodide: the same workload must give the same answers
//    (JSON texts and the drafts' SHA-256 equal to the full run's and to the CPython command line's).

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");
const LISTING = path.join(ROOT, "guide", "calc_stdlib.txt");

const HEADER = `# Standard-library modules the browser worker needs (Pyodide's own start, calc.zip unpacked, every
# calc module but __main__, every command): the build puts exactly these into
# assets/pyodide/python_stdlib_calc.zip (guide.assets.trimmed_stdlib).
# Measured by \`node tests/pyodide/stdlib.mjs --write\`; \`make test\` checks it (tests/pyodide/stdlib.mjs).
`;

// Runs in Pyodide after the worker's start sequence; returns JSON {answers, drafts, stdlib}. It imports
// nothing of its own (json and sys are loaded by then), so what it finds loaded is the worker's.
const WORKLOAD = `
import json, sys
STDLIB = "/lib/python%d%d.zip/" % sys.version_info[:2]
for name in CALC_MODULES:
    if name != "__main__":
        __import__("calc." + name)
good = {
    "estimate": {"model": "V8", "inhabitants": 80000},
    "compare": {"models": ["V7", "V8"], "inhabitants": 80000},
    "finder": {"kind": "gemeinde", "inhabitants": 8000},
}
bad = '{"model": "V99", "inhabitants": -1}'
answers = []
for command, data in good.items():
    for form in (False, True):
        answers.append(session.run(command, json.dumps(data), form))
        answers.append(session.run(command, bad, form))
        answers.append(session.run(command, "kein JSON", form))
answers.append(session.run("estimate", json.dumps({"model": "V8", "compare": ["V7"], "inhabitants": 80000}), True))
answers.append(session.run("vorlage", bad, True))
drafts = {}
for case, (kind, data) in json.loads(CASES).items():
    for form in (False, True):
        answer = json.loads(session.run("vorlage", json.dumps(dict(data, format=kind)), form))
        if "result" not in answer:
            raise AssertionError(f"vorlage {case}: {answer}")
        drafts[case] = answer["result"]["base64"]
stdlib = set()
for name, module in list(sys.modules.items()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or getattr(module, "__file__", None)
    if origin and origin.startswith(STDLIB):
        stdlib.add(name)
json.dumps({"answers": answers, "drafts": drafts, "stdlib": sorted(stdlib)})
`;

function fail(message) {
  throw new Error(message);
}

function cpython(code) {
  const done = spawnSync(VENV_PYTHON, ["-c", code], { cwd: ROOT, encoding: "utf-8", maxBuffer: 1 << 26 });
  if (done.error || done.status !== 0) fail(`${VENV_PYTHON} lief nicht:\n${done.stderr || done.error}`);
  return done.stdout;
}

// What the build ships, made by the build's own functions (guide.assets), as files in `dir`.
function buildInputs(dir) {
  cpython(`
import hashlib, json, subprocess, sys
from pathlib import Path
from guide import assets
from guide.loader import load_content
sys.path.insert(0, "tests/calc")
from vorlage_cases import CASES
out = Path(${JSON.stringify(dir)})
(out / "calc.zip").write_bytes(assets.calc_archive(Path("calc")))
(out / "params.json").write_text(assets.params_json(load_content(Path("content"))), encoding="utf-8")
(out / "cases.json").write_text(json.dumps(CASES), encoding="utf-8")
digests = {}
for case, (kind, data) in CASES.items():
    done = subprocess.run([sys.executable, "-m", "calc", "vorlage", "--format", kind],
                          input=json.dumps(data).encode(), capture_output=True, check=True)
    digests[case] = hashlib.sha256(done.stdout).hexdigest()
(out / "cli-digests.json").write_text(json.dumps(digests), encoding="utf-8")
(out / "calc-modules.json").write_text(json.dumps(sorted(p.stem for p in Path("calc").glob("*.py"))))
`);
}

function buildTrimmed(dir) {
  cpython(`
from pathlib import Path
from guide import assets
Path(${JSON.stringify(dir)}, "trimmed.zip").write_bytes(assets.pyodide_stdlib(Path(".")))
`);
}

const bytes = (file) => {
  const buffer = readFileSync(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

// The worker's start (docs/assets/js/calc-worker.mjs), then the workload, in a fresh Pyodide.
async function runWorkload(dir, stdLibURL) {
  const { loadPyodide } = await import(pathToFileURL(path.join(PYODIDE_DIR, "pyodide.mjs")).href);
  const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep, packages: [], stdLibURL });
  pyodide.unpackArchive(bytes(path.join(dir, "calc.zip")), "zip", { extractDir: "/home/pyodide/calc-pkg" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/calc-pkg')");
  const api = pyodide.pyimport("calc.api");
  pyodide.globals.set("session", api.Session(readFileSync(path.join(dir, "params.json"), "utf-8")));
  pyodide.globals.set("CASES", readFileSync(path.join(dir, "cases.json"), "utf-8"));
  pyodide.globals.set("CALC_MODULES", JSON.parse(readFileSync(path.join(dir, "calc-modules.json"), "utf-8")));
  return JSON.parse(pyodide.runPython(WORKLOAD));
}

export function listedModules() {
  return readFileSync(LISTING, "utf-8")
    .split("\n")
    .map((line) => line.split("#")[0].trim())
    .filter(Boolean);
}

function difference(a, b) {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

// Returns a list of problems (empty: the trimmed archive is complete and exact).
export async function checkStdlib({ write = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "calc-stdlib-"));
  try {
    buildInputs(dir);
    const full = await runWorkload(dir, path.join(PYODIDE_DIR, "python_stdlib.zip"));
    if (write) {
      writeFileSync(LISTING, HEADER + full.stdlib.join("\n") + "\n");
      writeSync(1, `${path.relative(ROOT, LISTING)}: ${full.stdlib.length} Module\n`);
      return [];
    }
    const problems = [];
    const listed = listedModules();
    const lacking = difference(full.stdlib, listed);
    const unused = difference(listed, full.stdlib);
    if (lacking.length) problems.push(`geladen, aber nicht in calc_stdlib.txt: ${lacking.join(", ")}`);
    if (unused.length) problems.push(`in calc_stdlib.txt, aber nie geladen: ${unused.join(", ")}`);
    if (problems.length) problems.push("`node tests/pyodide/stdlib.mjs --write` misst die Liste neu");
    buildTrimmed(dir); // as the build makes it from the list checked above
    let trimmed;
    try {
      trimmed = await runWorkload(dir, path.join(dir, "trimmed.zip"));
    } catch (err) {
      problems.push(`mit python_stdlib_calc.zip abgebrochen: ${err && err.message ? err.message : err}`);
      return problems;
    }
    trimmed.answers.forEach((answer, i) => {
      if (answer !== full.answers[i]) problems.push(`Antwort ${i} weicht ab:\n  ${answer}\n  ${full.answers[i]}`);
    });
    const cli = JSON.parse(readFileSync(path.join(dir, "cli-digests.json"), "utf-8"));
    for (const [name, digest] of Object.entries(cli)) {
      const draft = createHash("sha256").update(Buffer.from(trimmed.drafts[name] || "", "base64")).digest("hex");
      if (draft !== digest) problems.push(`Vorlage ${name}: andere Bytes als python -m calc vorlage`);
    }
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let problems;
  try {
    problems = await checkStdlib({ write: process.argv.includes("--write") });
  } catch (err) {
    problems = [String(err && err.message ? err.message : err)];
  }
  for (const problem of problems) writeSync(2, `stdlib.mjs: ${problem}\n`);
  if (!problems.length && !process.argv.includes("--write")) writeSync(1, "python_stdlib_calc.zip: vollständig\n");
  process.exit(problems.length ? 1 : 0);
}
