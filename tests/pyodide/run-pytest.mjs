// Run the calculator tests (tests/calc) inside Pyodide under Node – the same runtime the
// browser worker uses – to show that calc/ runs unchanged on Pyodide (Python 3.14, WebAssembly).
//
//   node tests/pyodide/run-pytest.mjs            (from the repository root; `make test-pyodide`)
//
// No network and no micropip: Pyodide is the pinned npm package in node_modules/pyodide, and
// pytest, hypothesis and their dependencies are the pure-Python wheels that `make` downloads
// into .cache/pyodide-wheels (pins: tests/pyodide/requirements.txt). The wheels are unpacked
// into site-packages; calc/*.py and tests/calc/*.py are copied into Pyodide's in-memory file
// system, so nothing is written back into the repository. The calculator parameters come from
// content/ through the project's CPython environment (.venv) and reach the tests through
// CALC_PARAMS_JSON; the SHA-256 of the council paper drafts that `python -m calc vorlage` writes on
// CPython (cases: tests/calc/vorlage_cases.py) through CALC_VORLAGE_CLI_SHA256, so the tests can
// check that Pyodide builds the same bytes. The process exits with pytest's exit code.
//
// First, in a Pyodide of its own, the trimmed standard library the browser worker loads
// (tests/pyodide/stdlib.mjs): pytest and hypothesis need more of it than calc, so the calc tests
// below run on Pyodide's full archive, and that check runs every command against the trimmed one.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkStdlib } from "./stdlib.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");
const WHEELS_DIR = path.join(ROOT, ".cache", "pyodide-wheels");
const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");
const WORK = "/home/pyodide/work"; // repository root inside Pyodide's file system
const PARAMS_FILE = "/home/pyodide/calc-params.json";
const DIGESTS_FILE = "/home/pyodide/vorlage-cli-sha256.json";

// Files copied into Pyodide: the calculator package and the tests (directory -> extension).
const COPY = [
  ["calc", ".py"],
  ["tests/calc", ".py"],
  ["tests/calc/golden", ".html"],
  ["tests/calc/golden", ".txt"],
];

function fail(message) {
  writeSync(2, `run-pytest.mjs: ${message}\n`);
  process.exit(1);
}

function wheels() {
  if (!existsSync(WHEELS_DIR)) {
    fail(`${path.relative(ROOT, WHEELS_DIR)} fehlt – zuerst \`make test-pyodide\` (lädt die Wheels).`);
  }
  const found = readdirSync(WHEELS_DIR).filter((f) => f.endsWith(".whl")).sort();
  for (const name of ["pytest", "hypothesis"]) {
    if (!found.some((f) => f.toLowerCase().startsWith(`${name}-`))) {
      fail(`kein ${name}-Wheel in ${path.relative(ROOT, WHEELS_DIR)} – \`make test-pyodide\` ausführen.`);
    }
  }
  return found;
}

function calcParameters() {
  // The same computation as the build: guide.export.calc_parameters(load_content(content/)).
  const code = [
    "import json, sys",
    "from pathlib import Path",
    "from guide.export import calc_parameters",
    "from guide.loader import load_content",
    "sys.stdout.write(json.dumps(calc_parameters(load_content(Path('content'))), ensure_ascii=False))",
  ].join("\n");
  const done = spawnSync(VENV_PYTHON, ["-c", code], { cwd: ROOT, encoding: "utf-8" });
  if (done.error || done.status !== 0) {
    fail(`Parameter aus content/ nicht berechenbar (${VENV_PYTHON}):\n${done.stderr || done.error}`);
  }
  JSON.parse(done.stdout); // fail early on anything that is not JSON
  return done.stdout;
}

function vorlageDigests() {
  // The command line on CPython, once per case: what the Pyodide run must reproduce byte for byte.
  const code = [
    "import hashlib, json, subprocess, sys",
    "sys.path.insert(0, 'tests/calc')",
    "from vorlage_cases import CASES",
    "digests = {}",
    "for case, (kind, data) in CASES.items():",
    "    done = subprocess.run([sys.executable, '-m', 'calc', 'vorlage', '--format', kind],",
    "                          input=json.dumps(data).encode(), capture_output=True, check=True)",
    "    digests[case] = hashlib.sha256(done.stdout).hexdigest()",
    "sys.stdout.write(json.dumps(digests))",
  ].join("\n");
  const done = spawnSync(VENV_PYTHON, ["-c", code], { cwd: ROOT, encoding: "utf-8" });
  if (done.error || done.status !== 0) {
    fail(`python -m calc vorlage lief nicht (${VENV_PYTHON}):\n${done.stderr || done.error}`);
  }
  JSON.parse(done.stdout);
  return done.stdout;
}

// Pyodide wants plain typed arrays, not Node Buffers.
const bytes = (file) => {
  const buffer = readFileSync(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

const writer = (fd) => ({
  isatty: false,
  write(buffer) {
    writeSync(fd, buffer);
    return buffer.length;
  },
});

async function main() {
  const started = Date.now();
  const wheelFiles = wheels();
  const paramsJson = calcParameters();
  const digestsJson = vorlageDigests();

  const { loadPyodide } = await import(path.join(PYODIDE_DIR, "pyodide.mjs"));
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR + path.sep,
    stdout: (line) => writeSync(1, `${line}\n`),
    stderr: (line) => writeSync(2, `${line}\n`),
  });
  pyodide.setStdout(writer(1));
  pyodide.setStderr(writer(2));

  // Install the wheels: a pure-Python wheel is a zip archive of site-packages content.
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  for (const file of wheelFiles) {
    pyodide.unpackArchive(bytes(path.join(WHEELS_DIR, file)), "wheel", { extractDir: sitePackages });
  }

  // The calculator package and its tests, copied (not mounted) so nothing is written back.
  const FS = pyodide.FS;
  for (const [dir, ext] of COPY) {
    const target = path.posix.join(WORK, dir);
    FS.mkdirTree(target);
    for (const name of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(ext)).sort()) {
      FS.writeFile(path.posix.join(target, name), bytes(path.join(ROOT, dir, name)));
    }
  }
  FS.writeFile(PARAMS_FILE, paramsJson, { encoding: "utf8" });
  FS.writeFile(DIGESTS_FILE, digestsJson, { encoding: "utf8" });

  const python = pyodide.runPython("import platform; platform.python_version()");
  const ready = ((Date.now() - started) / 1000).toFixed(1);
  writeSync(1, `Pyodide ${pyodide.version} (Python ${python}), ${wheelFiles.length} Wheels, bereit nach ${ready} s\n`);

  pyodide.globals.set("WORK", WORK);
  pyodide.globals.set("PARAMS_FILE", PARAMS_FILE);
  pyodide.globals.set("DIGESTS_FILE", DIGESTS_FILE);
  const code = pyodide.runPython(`
import importlib, os, sys
os.environ["CALC_PARAMS_JSON"] = PARAMS_FILE
os.environ["CALC_VORLAGE_CLI_SHA256"] = DIGESTS_FILE
os.chdir(WORK)
sys.path.insert(0, WORK)
importlib.invalidate_caches()
import pytest
int(pytest.main(["-q", "-p", "no:cacheprovider", "tests/calc"]))
`);
  const total = ((Date.now() - started) / 1000).toFixed(1);
  writeSync(1, `Pyodide-Lauf: pytest-Exitcode ${code}, ${total} s insgesamt\n`);
  return code;
}

let exitCode;
try {
  const problems = await checkStdlib();
  for (const problem of problems) writeSync(2, `run-pytest.mjs: Standardbibliothek des Browsers: ${problem}\n`);
  writeSync(1, `python_stdlib_calc.zip: ${problems.length ? "unvollständig" : "vollständig"}\n`);
  exitCode = (await main()) || (problems.length ? 4 : 0);
} catch (err) {
  // Only the message (for a PythonError: the Python traceback), not Pyodide's minified source.
  writeSync(2, `run-pytest.mjs: Pyodide-Lauf abgebrochen:\n${err && err.message ? err.message : err}\n`);
  exitCode = 3;
}
process.exit(exitCode);
