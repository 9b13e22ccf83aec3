"""Texts are written in our own words: no long run of words is taken over from the sources.

Short labels, names and figures may carry over (content/AUTHORING.md); a run of 12 words in a
row is a copied sentence. Task titles of the catalogue (Tabellen 4.2/4.3) are labels and exempt,
and so are Markdown table rows that list model names next to each other.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 12
EXEMPT_PATHS = (re.compile(r"^aufgaben\.yml:tabellen\..*\.titel$"), re.compile(r"^quellen\.yml:"))


def _words(text: str) -> list[str]:
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)  # undo the seeds' broken hyphenation
    return re.findall(r"[\wäöüÄÖÜß]+", text.lower())


def _strings(data, path=""):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, f"{path}.{i}")
    elif isinstance(data, str):
        yield path, data


def _prose(text: str) -> str:
    """Drop Markdown table rows that only line up model labels (e.g. '| V 7b | KSM im Fachamt |')."""
    return "\n".join(line for line in text.splitlines() if not re.match(r"\s*\|\s*V \d", line))


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds liegt nicht neben dem Repository")
    words: list[str] = []
    for seed in sorted(SEEDS.glob("0*.txt")):
        words += _words(seed.read_text(encoding="utf-8"))
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _content_files() -> list[Path]:
    return sorted((ROOT / "content").rglob("*.yml"))


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_no_sentence_copied_from_sources(path: Path, seed_runs):
    rel = path.relative_to(ROOT / "content").as_posix()
    copied = []
    for field, text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
        if any(p.match(f"{rel}:{field}") for p in EXEMPT_PATHS):
            continue
        words = _words(_prose(text))
        hits = [
            " ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1) if tuple(words[i : i + RUN]) in seed_runs
        ]
        if hits:
            copied.append(f"{field}: „{hits[0]} …“")
    assert not copied, "aus der Quelle übernommen:\n" + "\n".join(copied)


def test_detector_finds_a_copied_sentence(seed_runs):
    """The check itself works: a sentence straight from the Steckbriefe is found."""
    source = (SEEDS / "000_b643a8ccf6167c17.txt").read_text(encoding="utf-8")
    sentence = _words(source)[400:420]
    assert tuple(sentence[:RUN]) in seed_runs
