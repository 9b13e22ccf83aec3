"""LibreOffice for the tests: the one place that runs ``soffice`` (council paper drafts, calc vorlage).

Debian's ``libreoffice-writer-nogui`` is enough; ``make test`` installs it where it may (``make
libreoffice``). Tests that need it skip when ``soffice`` is missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CONVERT_TIMEOUT = 300
TEXT = "txt:Text (encoded):UTF8"
PDF = "pdf:writer_pdf_Export"
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not found: `make libreoffice` installs libreoffice-writer-nogui"
)


def convert(documents: list[Path], target: str, outdir: Path, profile: Path) -> list[Path]:
    """Convert ``documents`` in one ``soffice`` run (headless, with its own user profile ``profile``);
    return the converted files in the same order. Documents need distinct file names."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    done = subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(outdir), *map(str, documents)],
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT,
    )
    extension = target.partition(":")[0]
    converted = [outdir / f"{document.stem}.{extension}" for document in documents]
    missing = [path.name for path in converted if not path.exists()]
    assert not missing, f"soffice hat {missing} nicht erzeugt:\n{done.stdout}{done.stderr}"
    return converted


def text_lines(path: Path) -> list[str]:
    """The lines of a text export (LibreOffice writes a byte order mark; each table cell is a line)."""
    return path.read_text(encoding="utf-8-sig").splitlines()


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def pdf_is_a4(path: Path) -> bool:
    """Every page is 595 × 842 points (A4 portrait)."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", path.read_bytes())
    return bool(boxes) and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)


def calc_cli(command: str, data: dict, *args: str) -> bytes:
    """``python -m calc <command> [args]`` with ``data`` as JSON on stdin: its stdout (exit 0 asserted)."""
    done = subprocess.run(
        [sys.executable, "-m", "calc", command, *args],
        input=json.dumps(data).encode(),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    return done.stdout
