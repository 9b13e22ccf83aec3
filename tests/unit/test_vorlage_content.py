"""content/vorlage.yml, the text of the council paper draft: loaded and checked like every content
file (schema, source id, placeholders the calculator knows) and handed to calc with the parameters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.export import calc_parameters
from guide.loader import ContentError, load_content

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def _broken(tmp_path: Path, old: str, new: str) -> ContentError:
    """Copy content/, replace ``old`` (once) in vorlage.yml by ``new``, load and return the error."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    path = root / "vorlage.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value


def _line_of(text: str) -> int:
    return next(
        i
        for i, line in enumerate((CONTENT / "vorlage.yml").read_text(encoding="utf-8").splitlines(), 1)
        if text in line
    )


def test_unknown_placeholder_names_file_line_and_field(tmp_path):
    error = _broken(tmp_path, "Dafür werden im Stellenplan {stellen}", "Dafür werden im Stellenplan {stelle}")
    line = _line_of("Dafür werden im Stellenplan {stellen}")
    assert f"content/vorlage.yml:{line}:" in str(error)
    assert "beschlussvorschlag.mit_stellen.1: den Platzhalter {stelle} kennt der Rechner nicht" in str(error)


def test_brace_without_partner_is_reported(tmp_path):
    error = _broken(tmp_path, "Kosten allein tragen.", "Kosten allein tragen {.")
    assert "sachverhalt.ausgangslage.foerderung_endet: geschweifte Klammer ohne Gegenstück" in str(error)


def test_unknown_source_is_reported(tmp_path):
    error = _broken(tmp_path, "quelle: leitfaden", "quelle: leitfadn")
    assert "content/vorlage.yml:" in str(error) and "Quelle 'leitfadn' steht nicht in content/quellen.yml" in str(error)


def test_missing_text_is_a_schema_error(tmp_path):
    error = _broken(tmp_path, "  summe: Summe\n", "")
    assert "finanzen.summe: Pflichtfeld fehlt" in str(error)


def test_parameters_carry_the_draft(real_content):
    params = calc_parameters(real_content)["vorlage"]
    assert params["stand"] == real_content.calculator["stand"]
    assert params["quelle"] == real_content.sources[real_content.draft["quelle"]].citation
    assert params["text"]["dokument"]["titel"] == "Beschlussvorlage"
    assert set(params["modelle"]) == {m.calc_id for m in real_content.models}
    v7a = params["modelle"]["V7a"]
    model = real_content.model("v7a").data
    assert v7a["kurzbeschreibung"] == model["kurzbeschreibung"] and v7a["vorteile"] == model["vorteile"]
