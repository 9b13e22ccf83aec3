"""The one hook of the plain-Material build in bench/build.py: the fix of the theme's search index
parser (guide/searchfix.py), without which the theme cannot build the site's pages. Nothing else of
the project's hooks (hooks/site.py) runs there."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guide.searchfix import fix_search_exclusion  # noqa: E402


def on_config(config):
    fix_search_exclusion()
    return config
