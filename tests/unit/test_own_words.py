"""Texts are written in our own words: no long run of words is taken over from the sources.

Short labels, names and figures may carry over (content/AUTHORING.md); a run of 12 words in a
row is a copied sentence. Task titles of the catalogue (Tabellen 4.2/4.3) are labels and exempt,
and so are Markdown table rows that list model names next to each other.

The sources (../shared/seeds) are not part of the repository. So that the check also runs on a
clone without them (CI), ``seed_runs.bin`` holds an 8-byte BLAKE2b digest of every 12-word run of
the sources – not their text. With the sources beside the repository the digests are computed from
them and compared with the file; after a change of the sources write it anew with
``UPDATE_SEED_RUNS=1 .venv/bin/python -m pytest tests/unit/test_own_words.py``.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
FINGERPRINTS = Path(__file__).with_name("seed_runs.bin")
RUN = 12
DIGEST = 8  # bytes per run: about 16,000 runs, no collision to expect among 2**64 values
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


def _digest(run: list[str] | tuple[str, ...]) -> bytes:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST).digest()


def _runs(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)]


def _seed_words() -> list[str]:
    words: list[str] = []
    for seed in sorted(SEEDS.glob("0*.txt")):
        words += _words(seed.read_text(encoding="utf-8"))
    return words


def _stored() -> set[bytes]:
    data = FINGERPRINTS.read_bytes()
    return {data[i : i + DIGEST] for i in range(0, len(data), DIGEST)}


@pytest.fixture(scope="module")
def seed_runs() -> set[bytes]:
    """The digests of the sources' 12-word runs: from the sources where they are, else from the file."""
    if not SEEDS.is_dir():
        return _stored()
    digests = {_digest(run) for run in _runs(_seed_words())}
    if os.environ.get("UPDATE_SEED_RUNS") == "1":
        FINGERPRINTS.write_bytes(b"".join(sorted(digests)))
    return digests


# The digest of a run of the Steckbriefe (words 400 to 411 of 000_b643a8ccf6167c17.txt, the sentence
# test_detector_finds_a_copied_sentence copies): it must be among the stored ones, with or without the sources.
KNOWN_RUN = bytes.fromhex("20e15907dad27b49")


def test_stored_digests_are_those_of_the_sources(seed_runs):
    """seed_runs.bin is up to date (where the sources are) and holds every run's digest."""
    stored = _stored()
    assert KNOWN_RUN in stored and KNOWN_RUN in seed_runs
    assert len(FINGERPRINTS.read_bytes()) % DIGEST == 0
    assert len(stored) > 10_000, "seed_runs.bin ist zu klein für die Quellen"
    if SEEDS.is_dir():
        assert stored == seed_runs, "seed_runs.bin passt nicht zu shared/seeds: mit UPDATE_SEED_RUNS=1 neu schreiben"


def _content_files() -> list[Path]:
    return sorted((ROOT / "content").rglob("*.yml"))


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.relative_to(ROOT / "content").as_posix())
def test_no_sentence_copied_from_sources(path: Path, seed_runs):
    rel = path.relative_to(ROOT / "content").as_posix()
    copied = []
    for field, text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
        if any(p.match(f"{rel}:{field}") for p in EXEMPT_PATHS):
            continue
        hits = [" ".join(run) for run in _runs(_words(_prose(text))) if _digest(run) in seed_runs]
        if hits:
            copied.append(f"{field}: „{hits[0]} …“")
    assert not copied, "aus der Quelle übernommen:\n" + "\n".join(copied)


def test_detector_finds_a_copied_sentence(seed_runs):
    """The check itself works: a sentence straight from the Steckbriefe is found, by the digests
    computed from the sources and by those stored in the repository."""
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds liegt nicht neben dem Repository (geprüft wird mit seed_runs.bin)")
    source = (SEEDS / "000_b643a8ccf6167c17.txt").read_text(encoding="utf-8")
    sentence = _words(source)[400:420]
    assert _digest(sentence[:RUN]) in seed_runs
    assert _digest(sentence[:RUN]) == KNOWN_RUN
    assert _digest(["eigene", "worte", *sentence[: RUN - 2]]) not in seed_runs
