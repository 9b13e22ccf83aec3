"""Fixtures shared by every test folder: one strict build of the whole site per test run.

The build goes into a temporary directory under the site's sub-path (as GitHub Pages serves it),
never into the repository's site/. The calculator tests (tests/calc) do not use it; they also run
inside Pyodide, where this file is not copied.

``make test TEST_WORKERS=N`` runs the tests in N processes (pytest-xdist, ``-n``; the default 0 runs
them in one): then the first worker that needs the site builds it, under a file lock in the run's
shared temporary directory, and every other worker reads the same build from there. Tests that share
an expensive session or module fixture run on one worker (``GROUPS``, with ``--dist loadgroup``), so
the fixture is made once: the walk over every page, the one Firefox of the Firefox tests, the council
paper drafts converted by LibreOffice.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from buildkit import ROOT, SUBPATH, mkdocs_build
from filelock import FileLock

# fixture -> xdist group of every test that uses it (directly or through another fixture)
GROUPS = {
    "site_walk": "site-walk",  # tests/browser: one visit per page for axe and the privacy checks
    "firefox": "firefox",  # tests/firefox: one Firefox; the tabs carry state from test to test
    "drafts": "office-drafts",  # tests/sitebuild/test_vorlage_office.py: two LibreOffice runs
}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, group in GROUPS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))


def _build(site: Path) -> tuple[subprocess.CompletedProcess, Path]:
    return mkdocs_build(ROOT, site), site


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The one strict build of the real content: (result, site directory under the sub-path)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # not in parallel
        return _build(tmp_path_factory.mktemp("site") / SUBPATH)
    shared = tmp_path_factory.getbasetemp().parent  # the same for every worker of this run
    record = shared / "site-build.json"
    with FileLock(shared / "site-build.lock"):
        if not record.is_file():
            result, site = _build(shared / "site" / SUBPATH)
            fields = {"args": result.args, "returncode": result.returncode}
            fields |= {"stdout": result.stdout, "stderr": result.stderr, "site": str(site)}
            record.write_text(json.dumps(fields), encoding="utf-8")
        fields = json.loads(record.read_text(encoding="utf-8"))
    site = Path(fields.pop("site"))
    return subprocess.CompletedProcess(**fields), site


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The built site; fails the test with the build's output if the strict build failed."""
    result, site = site_build
    assert result.returncode == 0, f"mkdocs build --strict schlug fehl:\n{result.stdout}{result.stderr}"
    return site
