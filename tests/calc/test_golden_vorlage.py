"""The council paper drafts (``python -m calc vorlage``), compared whole with reviewed copies in
tests/calc/golden/: the package's entries in order with their metadata, and every XML part with
one element per line, so a change of a style, a column width, a heading or a word shows as a diff.
The other tests read the drafts' text and numbers; these pin the document itself.

After an intended change of the drafts, write the new copies with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/calc/test_golden_vorlage.py`` and review the diff.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from calc_spec import assert_golden
from vorlage_cases import CASES

# A small Gemeinde without funding and less than one post, and a comparison without funding (no
# step after funding): the draft's other branches.
SMALL = {"model": "V1", "inhabitants": 4000, "years": 3, "kommune": "Musterdorf"}
UNFUNDED = {"models": ["V5", "V10", "V1"], "inhabitants": 12_000, "first_year": 2027, "funding": "none"}
GOLDEN_CASES = {
    **CASES,
    "gemeinde-ohne-foerderung-odt": ("odt", SMALL),
    "vergleich-ohne-foerderung-docx": ("docx", UNFUNDED),
}


def readable(data: bytes) -> str:
    """The package as text: each entry's name, compression, time stamp and file attributes (the same
    on every machine and run), then each part, one tag a line."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        lines += [
            f"{info.filename} compress_type={info.compress_type} date_time={info.date_time}"
            f" create_system={info.create_system} external_attr={oct(info.external_attr)}"
            for info in infos
        ]
        for info in infos:
            text = archive.read(info).decode("utf-8")
            lines += [f"== {info.filename}", text.replace("><", ">\n<")]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_draft_equals_the_reviewed_copy(session, case):
    kind, data = GOLDEN_CASES[case]
    assert_golden(f"vorlage-{case}.txt", readable(session.vorlage({**data, "format": kind}).data))


def test_answer_carries_the_file_as_one_line_of_base64(session):
    """The worker hands the file to the page as base64 in JSON: no line breaks, the exact bytes."""
    import base64

    document = session.vorlage({**SMALL, "format": "docx"})
    answer = document.to_dict()
    assert "\n" not in answer["base64"]
    assert base64.b64decode(answer["base64"], validate=True) == document.data
    assert answer["size"] == len(document.data)
