// Compile a standard-library archive to bytecode with the pinned Pyodide under Node, for the build
// (guide.assets.compiled_stdlib): every foo.py of the input becomes foo.pyc (unchecked hash-based,
// so no source and no timestamp is needed); Python then starts without compiling the modules it
// imports. Entries in name order with fixed timestamps.
//
//   node guide/compile_stdlib.mjs <in.zip> <out.zip>

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = path.join(ROOT, "node_modules", "pyodide");

const COMPILE = `
import importlib.util, marshal, sys, zipfile
STDLIB = "/lib/python%d%d.zip/" % sys.version_info[:2]
HEADER = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + bytes(8)  # hash-based, unchecked
source = zipfile.ZipFile("/tmp/in.zip")
with zipfile.ZipFile("/tmp/out.zip", "w") as out:
    for name in sorted(source.namelist()):
        data = source.read(name)
        if name.endswith(".py"):
            code = compile(data, STDLIB + name, "exec", dont_inherit=True, optimize=0)
            name, data = name + "c", HEADER + marshal.dumps(code)
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
`;

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write("Aufruf: node guide/compile_stdlib.mjs <in.zip> <out.zip>\n");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(PYODIDE_DIR, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep, packages: [] });
const bytes = readFileSync(input);
pyodide.FS.writeFile("/tmp/in.zip", new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
pyodide.runPython(COMPILE);
writeFileSync(output, pyodide.FS.readFile("/tmp/out.zip"));
