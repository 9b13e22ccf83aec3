"""Shared fixtures for the unit tests of ``guide`` (loader and pure render functions)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # make ``guide`` and ``calc`` importable from any working directory
    sys.path.insert(0, str(ROOT))

CONTENT = ROOT / "content"


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads mkdocs.yml even if it uses tags such as !ENV or !!python/name."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_yaml(path: Path):
    """Plain YAML data of one file, independent of the project's loader (for expectations)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)


@pytest.fixture(scope="session")
def real_content():
    from guide.loader import load_content

    return load_content(CONTENT)


@pytest.fixture(scope="session")
def operator() -> dict:
    """The site operator block (extra.betreiber) from mkdocs.yml, as the hook passes it."""
    return read_yaml(ROOT / "mkdocs.yml")["extra"]["betreiber"]
