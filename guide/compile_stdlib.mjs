// Compile a standard-library archive to bytecode with the pinned Pyodide under Node, for the build
// (guide.assets.compiled_stdlib): every foo.py of the input becomes foo.pyc (unchecked hash-based,
// so no source and no timestamp is needed); Python then starts without compiling the modules it
// imports. Compiled as with -OO (no docstrings, no asserts: 15 % fewer bytes to download), except
// Pyodide's own _pyodide package, which builds its JavaScript API's help from docstrings; and the
// location table keeps each instruction's line but not its columns (the ^^^ under a traceback line):
// another 27 % fewer bytes, the same line numbers (checked per code object). Entries in name order
// with fixed timestamps.
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
CODE = type(compile("", "", "exec"))

def varint(out, value):
    while value >= 64:
        out.append(0x40 | (value & 63))
        value >>= 6
    out.append(value)

def lines_only(code):
    """code with a location table of line numbers only (CPython's 'no columns' entries, kind 13)."""
    consts = tuple(lines_only(c) if isinstance(c, CODE) else c for c in code.co_consts)
    table, previous = bytearray(), code.co_firstlineno
    for start, end, line in code.co_lines():
        units = (end - start) // 2
        while units > 0:
            step, units = min(units, 8), units - min(units, 8)
            if line is None:
                table.append(0x80 | (15 << 3) | (step - 1))  # no location
                continue
            table.append(0x80 | (13 << 3) | (step - 1))
            delta, previous = line - previous, line
            varint(table, ((-delta) << 1) | 1 if delta < 0 else delta << 1)
    slim = code.replace(co_linetable=bytes(table), co_consts=consts)
    if list(slim.co_lines()) != list(code.co_lines()):
        raise AssertionError(f"{code.co_filename}: {code.co_qualname}: line numbers changed")
    return slim

source = zipfile.ZipFile("/tmp/in.zip")
with zipfile.ZipFile("/tmp/out.zip", "w") as out:
    for name in sorted(source.namelist()):
        data = source.read(name)
        if name.endswith(".py"):
            optimize = 0 if name.startswith("_pyodide/") else 2
            code = lines_only(compile(data, STDLIB + name, "exec", dont_inherit=True, optimize=optimize))
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
