"""Static files the build adds next to the pages: calc archive, parameters, Pyodide runtime."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from guide.export import calc_parameters
from guide.loader import Content

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
CALC_DIR = "assets/calc/"
PYODIDE_DIR = "assets/pyodide/"
# The standard library the worker loads (stdLibURL): only the modules listed in STDLIB_MODULES, taken
# from Pyodide's own python_stdlib.zip and compiled to bytecode (guide/compile_stdlib.mjs), so Python
# starts without compiling them. tests/pyodide/stdlib.mjs measures that list and checks the archive.
STDLIB_FULL = "python_stdlib.zip"
STDLIB_TRIMMED = "python_stdlib_calc.zip"
STDLIB_MODULES = Path(__file__).with_name("calc_stdlib.txt")
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
# A memory snapshot of the worker's started interpreter with calc.api imported (guide/make_snapshot.mjs),
# gzip-compressed; the worker fetches it after a first start, keeps it in Cache Storage and restores
# from it on the next visit. The name carries its digest, so a new build never meets an old copy.
SNAPSHOT_PREFIX = "calc-snapshot-"
# The worker script: the build writes what it needs to know in advance into its BUILD constant.
WORKER = "assets/js/calc-worker.mjs"
WORKER_MARK = "/* build */ {}"

# The theme's main script (Material 9 names it bundle.<hash>.min.js) and its source map.
THEME_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js(?P<map>\.map)?")
# V8's explicit compile hint: compile every function of the file while it streams in, off the main
# thread, instead of lazily during the theme's start-up (its longest main-thread task).
COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"


def calc_archive(package_dir: Path) -> bytes:
    """The calc package as a zip (fixed timestamps, so the same sources give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(package_dir.glob("*.py")):
            info = zipfile.ZipInfo(f"calc/{path.name}", date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def stdlib_modules(listing: Path = STDLIB_MODULES) -> list[str]:
    """The module names in ``listing``: one a line, ``#`` starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in listing.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def trimmed_stdlib(full: bytes, modules: list[str]) -> bytes:
    """The part of Pyodide's standard library archive ``full`` that holds ``modules`` (a package's
    ``__init__`` with each of its modules), as a zip with fixed timestamps in a fixed order."""
    source = zipfile.ZipFile(io.BytesIO(full))
    present = set(source.namelist())
    wanted: set[str] = set()
    for module in modules:
        parts = module.split(".")
        for depth in range(1, len(parts)):
            wanted.add(_stdlib_entry(present, parts[:depth], package=True))
        wanted.add(_stdlib_entry(present, parts))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(wanted):
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read(name), compresslevel=9)
    return buffer.getvalue()


def _stdlib_entry(present: set[str], parts: list[str], package: bool = False) -> str:
    path = "/".join(parts)
    candidates = [f"{path}/__init__.py"] if package else [f"{path}.py", f"{path}/__init__.py"]
    found = next((name for name in candidates if name in present), None)
    if found is None:
        raise ValueError(f"{'.'.join(parts)}: nicht in Pyodides {STDLIB_FULL} ({STDLIB_MODULES.name} veraltet?)")
    return found


def params_json(content: Content) -> str:
    return json.dumps(calc_parameters(content), ensure_ascii=False, separators=(",", ":"))


def pyodide_version(root: Path) -> str:
    """The exact version pinned in package.json; the worker checks the runtime against it."""
    return json.loads((root / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]


def pyodide_sources(root: Path) -> dict[str, Path]:
    """Site path -> file in node_modules (installed by ``npm ci``)."""
    base = root / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (base / name).exists()]
    if missing:
        raise FileNotFoundError(f"Pyodide fehlt in {base} ({', '.join(missing)}): bitte 'npm ci' ausführen")
    return {PYODIDE_DIR + name: base / name for name in PYODIDE_FILES}


def pyodide_stdlib(root: Path) -> bytes:
    """The trimmed standard library for the worker, from the installed Pyodide, as bytecode."""
    full = root / "node_modules" / "pyodide" / STDLIB_FULL
    if not full.exists():
        raise FileNotFoundError(f"Pyodide fehlt in {full.parent} ({STDLIB_FULL}): bitte 'npm ci' ausführen")
    return compiled_stdlib(root, trimmed_stdlib(full.read_bytes(), stdlib_modules()))


def compiled_stdlib(root: Path, archive: bytes) -> bytes:
    """``archive`` with each module as bytecode of the pinned Pyodide (its Python compiles it under
    Node, a few seconds): kept in .cache/ by the digest of the input, the script and the runtime's version."""
    script = Path(__file__).with_name("compile_stdlib.mjs")
    key = _digest(archive, script.read_bytes(), pyodide_version(root).encode())
    return _cached_node_output(root / ".cache" / "pyodide-stdlib" / f"{key}.zip", script, {"in.zip": archive})


def lock_info(root: Path) -> dict:
    """The ``info`` of Pyodide's lock file (ABI version, platform): the worker passes a lock file with
    it and no packages inline (``lockFileContents``) instead of downloading the 119 kB file."""
    lock = root / "node_modules" / "pyodide" / "pyodide-lock.json"
    return json.loads(lock.read_text(encoding="utf-8"))["info"]


def runtime_snapshot(root: Path, stdlib: bytes, calc_zip: bytes) -> bytes:
    """The gzip-compressed memory snapshot of the worker's interpreter after ``import calc.api``, made
    with exactly these standard-library and calc archives (the snapshot's import caches point into
    them). About 10 s under Node and 5 s to compress; kept in .cache/ by the digest of the inputs, the
    script and the runtime's version (the memory holds random state, so two runs differ in a few bytes)."""
    script = Path(__file__).with_name("make_snapshot.mjs")
    info = json.dumps(lock_info(root), sort_keys=True).encode()
    key = _digest(stdlib, calc_zip, info, script.read_bytes(), pyodide_version(root).encode())
    cached = root / ".cache" / "pyodide-snapshot" / f"{key}.bin.gz"
    inputs = {"stdlib.zip": stdlib, "calc.zip": calc_zip, "lock-info.json": info}
    return _cached_node_output(cached, script, inputs, compress=True)


def snapshot_name(snapshot: bytes) -> str:
    """The site file name of a compressed snapshot: its digest in the name (never stale in a cache)."""
    return f"{SNAPSHOT_PREFIX}{hashlib.sha256(snapshot).hexdigest()[:16]}.bin.gz"


def worker_build(sizes: dict[str, int], info: dict, snapshot: bytes) -> dict:
    """What the worker needs to know before it fetches anything: the real (uncompressed) size of each
    runtime file for its progress bar – a gzip transfer's Content-Length counts compressed bytes –,
    the lock file's info, and the snapshot's file name, digest and size."""
    return {
        "sizes": dict(sorted(sizes.items())),
        "lock": {"info": info, "packages": {}},
        "snapshot": {
            "file": snapshot_name(snapshot),
            "sha256": hashlib.sha256(snapshot).hexdigest(),
            "bytes": len(snapshot),
        },
    }


def worker_script(script: str, build: dict) -> str:
    """The worker module with ``build`` in place of its ``BUILD`` constant's placeholder."""
    if script.count(WORKER_MARK) != 1:
        raise ValueError(f"{WORKER}: Platzhalter {WORKER_MARK!r} nicht genau einmal gefunden")
    return script.replace(WORKER_MARK, json.dumps(build, ensure_ascii=False, separators=(",", ":")))


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]


def _cached_node_output(cached: Path, script: Path, inputs: dict[str, bytes], compress: bool = False) -> bytes:
    """What ``node script <inputs…> <out>`` writes, from ``cached`` if it exists (else made and kept)."""
    if cached.exists():
        return cached.read_bytes()
    cached.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cached.parent) as tmp:
        paths = []
        for name, data in inputs.items():
            paths.append(Path(tmp) / name)
            paths[-1].write_bytes(data)
        target = Path(tmp) / "out"
        done = subprocess.run(["node", str(script), *map(str, paths), str(target)], capture_output=True, text=True)
        if done.returncode != 0 or not target.exists():
            raise ValueError(f"{script.name} schlug fehl:\n{done.stderr[-1500:]}")
        output = target.read_bytes()
        if compress:
            output = gzip.compress(output, compresslevel=6, mtime=0)
            target.write_bytes(output)
        target.replace(cached)  # whole or not at all: builds may run side by side
    return output


def with_compile_hint(script: str) -> str:
    """The script with V8's compile hint as its first line (unchanged if it has one)."""
    return script if script.startswith(COMPILE_HINT) else COMPILE_HINT + script


def shifted_source_map(source_map: str) -> str:
    """The source map of a script that got one line more at the top: an empty first line."""
    data = json.loads(source_map)
    data["mappings"] = ";" + data["mappings"]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
