"""Fixtures shared by every test folder: one strict build of the whole site per test session.

The build goes into a temporary directory under the site's sub-path (as GitHub Pages serves it),
never into the repository's site/. The calculator tests (tests/calc) do not use it; they also run
inside Pyodide, where this file is not copied.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from buildkit import ROOT, SUBPATH, mkdocs_build


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The one strict build of the real content: (result, site directory under the sub-path)."""
    site = tmp_path_factory.mktemp("site") / SUBPATH
    return mkdocs_build(ROOT, site), site


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The built site; fails the test with the build's output if the strict build failed."""
    result, site = site_build
    assert result.returncode == 0, f"mkdocs build --strict schlug fehl:\n{result.stdout}{result.stderr}"
    return site
