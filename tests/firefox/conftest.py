"""Firefox tests: the built site under its sub-path, as GitHub Pages serves it, in Debian's Firefox ESR.

One Firefox for the whole session (tests/firefoxkit.py); without a Firefox every test here is
skipped with the reason. The driver's own log (puppeteer, Firefox) goes to a file in pytest's
temporary directory, named in a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from firefoxkit import Firefox, firefox_or_reason

import localsite


@pytest.fixture(scope="session")
def firefox(tmp_path_factory):
    executable, reason = firefox_or_reason()
    if executable is None:
        pytest.skip(reason)
    driver = Firefox(executable, tmp_path_factory.mktemp("firefox") / "driver.log")
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    with localsite.serve(built_site.parent) as url:
        yield url
