"""Mutation testing of calc/: every mutant mutmut makes is run against tests/calc; the share of
mutants the tests kill, per file and in total. Configuration: ``[tool.mutmut]`` in pyproject.toml.

Takes about half an hour on two cores, so it belongs to ``make bench``, not ``make test``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = [sys.executable, "-m", "mutmut"]
KILLED = {"killed", "timeout"}  # a timeout means the mutant broke the code badly enough to hang
RESULT = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>[\w ]+?)\s*$")


def parse_results(text: str) -> dict[str, Counter]:
    """``mutmut results --all true`` -> {module: Counter(status)}; names look like
    ``calc.estimate.x__fte__mutmut_3`` or ``calc.params.xǁParametersǁfrom_dict__mutmut_1``."""
    per_file: dict[str, Counter] = defaultdict(Counter)
    for line in text.splitlines():
        match = RESULT.match(line)
        if match:
            module = match["name"].split(".x")[0]
            per_file[module][match["status"]] += 1
    return dict(per_file)


def score(counts: Counter) -> dict:
    tested = sum(n for status, n in counts.items() if status != "skipped")  # untested code counts as not killed
    killed = sum(counts[s] for s in KILLED)
    return {
        "mutants": sum(counts.values()),
        "killed": killed,
        "survived": counts["survived"],
        "no_tests": counts["no tests"],
        "score": round(killed / tested, 4) if tested else None,
    }


def run() -> dict:
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # a fresh run: no results of an older tree
    subprocess.run([*MUTMUT, "run"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    listing = subprocess.run(
        [*MUTMUT, "results", "--all", "true"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    per_file = parse_results(listing)
    total = sum(per_file.values(), Counter())
    survivors = sorted(
        m["name"] for line in listing.splitlines() if (m := RESULT.match(line)) and m["status"] == "survived"
    )
    return {
        "files": {module: score(counts) for module, counts in sorted(per_file.items())},
        "total": score(total),
        "survivors": survivors,
    }
