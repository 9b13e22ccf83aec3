"""Building the site for tests: the one place that runs ``mkdocs build``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUBPATH = "klimaschutz-verstetigen"  # as localsite.SUBPATH: the site's path on GitHub Pages
BUILD_TIMEOUT = 300


def mkdocs_build(cwd: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """``mkdocs build`` with the interpreter running the tests (the project's environment)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    return subprocess.run(
        command + (["--strict"] if strict else []),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        env=env,
    )
