"""The council paper drafts of ``python -m calc vorlage`` open in LibreOffice Writer (ODT and DOCX):
converted to text they carry the headings and exactly the numbers ``python -m calc estimate`` /
``compare`` print (German format), converted to PDF they are A4 with the expected number of pages,
and hostile names come out literally.

One module-wide set of documents, converted in two ``soffice`` runs (text, PDF).
"""

from __future__ import annotations

import json
import re

import pytest
from officekit import PDF, TEXT, calc_cli, convert, needs_libreoffice, pdf_is_a4, pdf_pages, text_lines

from calc import fmt, render

NBSP = "\u00a0"
FORMATS = ("odt", "docx")
HOSTILE = "Gemeinde <Nord> & \"Süd\" 'West'\nam\tSee\x01\x1f\x7f &amp; ]]>"
HOSTILE_SHOWN = "Gemeinde <Nord> & \"Süd\" 'West' am See &amp; ]]>"
CASES = {
    "landkreis": {
        "model": "V7a",
        "inhabitants": 250_000,
        "municipalities": 40,
        "funding": "anschluss",
        "funding_years_done": 1,
        "kommune": "Landkreis Musterland",
    },
    "vergleich": {
        "models": ["V8", "V7", "V9"],
        "inhabitants": 80_000,
        "funding": "erst+anschluss",
        "kommune": "Stadt Musterstadt",
        "gremium": "Stadtrat",
    },
    "feindlich": {"model": "V8", "inhabitants": 80_000, "kommune": HOSTILE, "gremium": 'Rat <"&">\n'},
}
# What a reader expects of these drafts: a first page with the head, decision and start of the facts,
# the year table and the sources after it; more than five pages would mean a broken layout.
PAGES = range(3, 6)
HEADINGS = [
    "Beschlussvorlage",
    "Betreff",
    "Beratungsfolge",
    "Beschlussvorschlag",
    "Sachverhalt",
    "Ausgangslage",
    "Was das Klimaschutzmanagement erreicht hat",
    "Gründe für die Verstetigung",
    "Finanzielle Auswirkungen",
    "Alternativen",
    "Quellen und Stand",
]
EURO = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?[ \u00a0]€(?!/EW)")

pytestmark = needs_libreoffice


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict:
    """case -> {"results": CLI estimate results, "odt"/"docx": {"text": lines, "pages": n, "a4": bool}}."""
    work = tmp_path_factory.mktemp("vorlage")
    documents, found = [], {}
    for case, data in CASES.items():
        calc_input = {k: v for k, v in data.items() if k not in ("kommune", "gremium")}
        answer = json.loads(calc_cli("compare" if "models" in data else "estimate", calc_input))
        found[case] = {"results": answer["results"] if "models" in data else [answer]}
        for kind in FORMATS:
            path = work / f"{case}-{kind}.{kind}"
            path.write_bytes(calc_cli("vorlage", data, "--format", kind))
            documents.append((case, kind, path))
    profile = work / "profile"
    texts = convert([path for _, _, path in documents], TEXT, work / "text", profile)
    pdfs = convert([path for _, _, path in documents], PDF, work / "pdf", profile)
    for (case, kind, _), text, pdf in zip(documents, texts, pdfs, strict=True):
        found[case][kind] = {"text": text_lines(text), "pages": pdf_pages(pdf), "a4": pdf_is_a4(pdf)}
    return found


def _contains_run(lines: list[str], run: list[str]) -> bool:
    return any(lines[i : i + len(run)] == run for i in range(len(lines) - len(run) + 1))


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_headings_in_the_text(drafts, case, kind):
    lines = drafts[case][kind]["text"]
    for heading in HEADINGS:
        assert heading in lines, heading
    assert lines[0].startswith("Entwurf")


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_year_table_has_the_cli_numbers(drafts, case, kind):
    lines = drafts[case][kind]["text"]
    result = drafts[case]["results"][0]
    keys = ("personnel", "workplace", "funding", "own_share", "budget_min", "own_total")
    for row in result["projection"]:
        assert _contains_run(lines, [str(row["calendar_year"]), row["phase"], *(fmt.euro(row[k]) for k in keys)]), row
    assert _contains_run(lines, ["Summe", "", *(fmt.euro(result["totals"][k]) for k in keys)])
    after = result["after_funding"]
    if after:
        step = f"{fmt.euro(after['own_share'])} Personal- und Arbeitsplatzkosten, {fmt.euro(after['increase'])} mehr"
        assert any(step in line for line in lines)


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_every_amount_is_one_the_cli_printed(drafts, case, kind):
    allowed = set()
    for r in drafts[case]["results"]:
        budget = r["budget_eur_per_year"]
        amounts = [r["personnel_eur_per_year"], budget["min"], *r["totals"].values()]
        amounts += [budget["max"]] if budget["max"] else []  # the band in the comparison
        amounts += [r["inputs"]["cost_per_fte"], r["inputs"]["workplace_cost"]]
        amounts += [row[key] for row in r["projection"] for key in r["totals"]]
        allowed |= {fmt.euro(amount) for amount in amounts}
        if r["after_funding"]:
            after = r["after_funding"]
            allowed |= {fmt.euro(after["own_share"]), fmt.euro(after["increase"])}
            allowed.add(f"{fmt.number(after['per_inhabitant'], 2)}{NBSP}€")
    found = set(EURO.findall("\n".join(drafts[case][kind]["text"])))
    assert found and found <= allowed, sorted(found - allowed)


@pytest.mark.parametrize("kind", FORMATS)
def test_comparison_rows_have_the_cli_numbers(drafts, kind):
    lines = drafts["vergleich"][kind]["text"]
    for r in drafts["vergleich"]["results"]:
        after = r["after_funding"]
        assert _contains_run(
            lines,
            [
                fmt.fte(r["fte"]["recommended"]),
                fmt.euro(r["personnel_eur_per_year"]),
                f"{fmt.euro(after['own_share'])} ab {after['calendar_year']}",
                render.budget_text(r["budget_eur_per_year"]),  # the band, as on the page
            ],
        ), r["model"]


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_pdf_is_a4_with_the_expected_pages(drafts, case, kind):
    assert drafts[case][kind]["a4"]
    assert drafts[case][kind]["pages"] in PAGES


@pytest.mark.parametrize("case", CASES)
def test_both_formats_lay_out_alike(drafts, case):
    assert abs(drafts[case]["odt"]["pages"] - drafts[case]["docx"]["pages"]) <= 1


@pytest.mark.parametrize("kind", FORMATS)
def test_hostile_names_come_out_literally(drafts, kind):
    lines = drafts["feindlich"][kind]["text"]
    assert _contains_run(lines, ["Kommune", HOSTILE_SHOWN])
    assert _contains_run(lines, ['Rat <"&">', "[…]", "Entscheidung"])
