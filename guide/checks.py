"""Checks across files, after each file has passed its schema: references between files (model ids,
sources, chapters, funding lines), ids that must be unique, links in chapter texts and the glossary
that must reach a page of the site, and agreements within a Steckbrief the schema cannot state; last,
the inputs the calculator and finder pages open with, checked by the calculator's own rules.

Each problem is reported through the loader's ``Collector`` at the line and column of the field.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calc import fmt
from calc.api import Session, form_command
from calc.errors import InputError
from calc.inputs import read_form
from calc.params import STAGES
from calc.vorlage import PLACEHOLDERS
from guide import urls
from guide.content import INPUT_KEYS, Content, term_from
from guide.export import calc_parameters
from guide.yamlpos import KEY

if TYPE_CHECKING:
    from guide.loader import Collector

_HEADING = re.compile(r"#{1,6}\s")


_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def check_glossary(c: Collector, content: Content, glossary) -> None:
    """Sources exist, 'mehr' reaches a page, and no term, abbreviation or anchor is there twice."""
    display, data = glossary
    docs = urls.site_docs(content)
    seen: dict[str, set[str]] = {"begriff": set(), "abkuerzung": set(), "anker": set()}
    for i, entry in enumerate(data["begriffe"]):
        term = term_from(entry)
        if term.source not in content.sources:
            c.reference(
                display, ("begriffe", i, "quelle"), f"Quelle '{term.source}' steht nicht in content/quellen.yml"
            )
        if term.more and term.more not in docs:
            message = f"'{term.more}' ist keine Seite der Website (z. B. modelle/v7.md, leitfaden/grundlagen.md)"
            c.reference(display, ("begriffe", i, "mehr"), message)
        keys = {"begriff": term.term.casefold(), "abkuerzung": term.abbreviation, "anker": term.anchor}
        for field, key in keys.items():
            if key and key in seen[field]:
                where = "abkuerzung" if field == "abkuerzung" else "begriff"
                what = "ergibt denselben Anker wie ein anderer Begriff" if field == "anker" else "kommt doppelt vor"
                c.reference(display, ("begriffe", i, where), f"'{entry[where]}' {what}")
            seen[field].add(key)


def _check_links(c: Collector, content: Content, chapters) -> None:
    """Relative Markdown links in chapter texts must reach a page of the site (named here in
    terms of content/, not of the generated page the build would complain about)."""
    docs = urls.site_docs(content)
    for display, d in chapters:
        page = urls.chapter_page(d["slug"], d["bereich"])
        here = posixpath.dirname(page)
        fields = [(("zusammenfassung",), d["zusammenfassung"])]
        fields += [(("abschnitte", i, "text"), section["text"]) for i, section in enumerate(d["abschnitte"])]
        for path, text in fields:
            for match in _LINK.finditer(text):
                target = match["target"].split("#")[0]
                if not target or ":" in target or not target.endswith(".md"):
                    continue  # anchors, web addresses, mailto:
                resolved = posixpath.normpath(posixpath.join(here, target))
                if resolved not in docs:
                    message = (
                        f"der Link '{match['target']}' führt ins Leere (es gibt keine Seite {resolved}); "
                        f"Links gehen von {page} aus, z. B. ../modelle/v7.md"
                    )
                    c.reference(display, path, message)


def _check_unique(c: Collector, display: str, key: str, field: str, loaded) -> None:
    """Ids in a list file must be unique: a second entry would silently replace the first."""
    seen: set[str] = set()
    for i, entry in enumerate(loaded[1][key]):
        if entry[field] in seen:
            c.reference(display, (key, i, field), f"'{entry[field]}' kommt doppelt vor")
        seen.add(entry[field])


def check_references(c: Collector, content: Content, models, chapters, aspects, sources, tasks, calculator) -> None:
    model_ids = {m.id for m in content.models}
    stage = {d["id"]: d["eigenschaften"]["verstetigungsgrad"]["stufe"] for _, d in models}
    source_ids = set(content.sources)
    for display, d in models:
        if Path(display).stem != d["id"]:
            c.reference(display, ("id",), f"'{d['id']}' passt nicht zum Dateinamen {Path(display).name}")
        if d["nummer"].replace(" ", "").lower() != d["id"]:
            c.reference(display, ("nummer",), f"'{d['nummer']}' passt nicht zur Kennung '{d['id']}'")
        for i, target in enumerate(d["weiterentwicklung_zu"]):
            if target not in model_ids:
                c.reference(display, ("weiterentwicklung_zu", i), f"Modell '{target}' gibt es nicht")
            elif STAGES.index(stage[target]) < STAGES.index(stage[d["id"]]):  # /pfad/: further down, higher
                message = (
                    f"'{target}' hat einen geringeren Grad der personellen Verstetigung "
                    f"({stage[target]}) als '{d['id']}' ({stage[d['id']]}): ein Schritt zurück"
                )
                c.reference(display, ("weiterentwicklung_zu", i), message)
        for target in d.get("weiterentwicklung_deutung", {}):
            if target not in d["weiterentwicklung_zu"]:
                message = f"'{target}' steht nicht in weiterentwicklung_zu"
                path = ("weiterentwicklung_deutung", target)
                c.reference(display, path, message, at=path + (KEY,))
        if d["quelle"] not in source_ids:
            c.reference(display, ("quelle",), f"Quelle '{d['quelle']}' steht nicht in content/quellen.yml")
        _check_band(c, display, d)
        _check_kinds(c, display, d)
    intros = [display for display, d in chapters if d["bereich"] == "modelle"]
    for display in intros if len(intros) > 1 else []:
        names = ", ".join(Path(other).name for other in intros)
        message = f"nur ein Kapitel darf die Einleitung von /modelle/ sein (bereich: modelle steht in {names})"
        c.reference(display, ("bereich",), message)
    for display, d in chapters:
        if Path(display).stem != d["slug"]:
            c.reference(display, ("slug",), f"'{d['slug']}' passt nicht zum Dateinamen {Path(display).name}")
        if d["quelle"] not in source_ids:
            c.reference(display, ("quelle",), f"Quelle '{d['quelle']}' steht nicht in content/quellen.yml")
        if d["bereich"] in ("leitfaden", "modelle") and "fundstelle" not in d:
            message = "fundstelle fehlt: ein Kapitel des Leitfadens oder der Steckbriefe nennt seine Stelle, "
            message += "z. B. Kapitel 5.2"
            c.reference(display, ("bereich",), message)
        for i, section in enumerate(d["abschnitte"]):
            for number, line in enumerate(section["text"].splitlines()):
                if _HEADING.match(line):
                    message = (
                        f"Zeile {number + 1} des Texts ist eine Überschrift ('#'): "
                        "dafür einen eigenen Abschnitt mit titel anlegen"
                    )
                    c.reference(display, ("abschnitte", i, "text"), message)
    if content.aspects_source not in source_ids:
        message = f"Quelle '{content.aspects_source}' steht nicht in content/quellen.yml"
        c.reference(c.display(c.root / "aspekte.yml"), ("quelle",), message)
    _check_links(c, content, chapters)
    _check_unique(c, c.display(c.root / "quellen.yml"), "quellen", "id", sources)
    for i, source_id in enumerate(sources[1].get("stand_hinweis", {}).get("quellen", [])):
        if source_id not in source_ids:
            message = f"Quelle '{source_id}' steht nicht unter quellen"
            c.reference(c.display(c.root / "quellen.yml"), ("stand_hinweis", "quellen", i), message)
        elif not content.sources[source_id].stand:  # the note is headed "Stand des Materials: <stand>"
            message = f"Quelle '{source_id}' hat einen Hinweis auf ihren Stand, aber kein Feld stand"
            c.reference(c.display(c.root / "quellen.yml"), ("stand_hinweis", "quellen", i), message)
    _check_unique(c, c.display(c.root / "aspekte.yml"), "aspekte", "slug", aspects)
    _check_aspect_fields(c, content)
    tasks_display, tasks_data = tasks
    if tasks_data["quelle"] not in source_ids:
        c.reference(tasks_display, ("quelle",), f"Quelle '{tasks_data['quelle']}' steht nicht in content/quellen.yml")
    calc_display, calc = calculator
    for path, value in _source_refs(calc):
        if value not in source_ids:
            c.reference(calc_display, path, f"Quelle '{value}' steht nicht in content/quellen.yml")
    for i, way in enumerate(calc["foerderwege"]):
        if way["modelle"] != "alle":
            for j, target in enumerate(way["modelle"]):
                if target not in model_ids:
                    c.reference(calc_display, ("foerderwege", i, "modelle", j), f"Modell '{target}' gibt es nicht")
        if "kapitel" in way and way["kapitel"] not in {ch.slug for ch in content.chapters}:
            c.reference(calc_display, ("foerderwege", i, "kapitel"), f"Kapitel '{way['kapitel']}' gibt es nicht")
    if calc["finder"]["einstieg"]["kapitel"] not in {ch.slug for ch in content.chapters}:
        path = ("finder", "einstieg", "kapitel")
        c.reference(calc_display, path, f"Kapitel '{calc['finder']['einstieg']['kapitel']}' gibt es nicht")
    for field in ("modellhinweise", "zu_gross"):
        for model_id in calc[field]:
            if model_id not in model_ids:
                c.reference(calc_display, (field, model_id), f"Modell '{model_id}' gibt es nicht")
    default_model = calc["eingaben_standard"]["modell"]
    if default_model not in model_ids:
        c.reference(calc_display, ("eingaben_standard", "modell"), f"Modell '{default_model}' gibt es nicht")
    for j, model_id in enumerate(calc["vergleich_standard"]["modelle"]):
        if model_id not in model_ids:
            c.reference(calc_display, ("vergleich_standard", "modelle", j), f"Modell '{model_id}' gibt es nicht")
    for kind in ("einwohner", "gemeinden"):
        field, model_id = f"{kind}_steckbrief", calc["richtwerte"][f"{kind}_steckbrief"]
        if model_id not in model_ids:
            c.reference(calc_display, ("richtwerte", field), f"Modell '{model_id}' gibt es nicht")
        elif content.model(model_id).richtwert != kind:
            said = "Einwohnern" if kind == "einwohner" else "Gemeinden"
            message = f"'{model_id}' hat nicht den Richtwert nach {said} (budget_personal.richtwert: {kind})"
            c.reference(calc_display, ("richtwerte", field), message)
    _check_rules(c, calc_display, calc)


def _check_rules(c: Collector, display: str, calc: dict) -> None:
    """Every funding line with phases has them under every set of rules; the default rules exist."""
    ids = [r["id"] for r in calc["regelwerke"]]
    if calc["regelwerk_standard"] not in ids:
        c.reference(display, ("regelwerk_standard",), f"Regelwerk '{calc['regelwerk_standard']}' gibt es nicht")
    lines = {way["id"] for way in calc["foerderwege"] if way["id"] != "none"}
    for i, rules in enumerate(calc["regelwerke"]):
        for missing in sorted(lines - set(rules["phasen"])):
            c.reference(display, ("regelwerke", i, "phasen"), f"Förderweg '{missing}' fehlt in diesem Regelwerk")
        for extra in sorted(set(rules["phasen"]) - lines):
            c.reference(display, ("regelwerke", i, "phasen", extra), f"Förderweg '{extra}' gibt es nicht")


def check_calculator_inputs(c: Collector, content: Content, calculator) -> None:
    """The inputs the calculator and finder pages open with (prerendered at build time) and the example
    Landkreis of the model pages that count Gemeinden are inputs the calculator accepts: checked by its
    own rules (calc.inputs, calc.limits) as the page's form sends them, so a wrong value stops the build
    at its line instead of breaking a page. Needs consistent content (the calculator's parameters are
    made from it): the loader calls it once every other check has passed."""
    display = calculator[0]
    session = Session(calc_parameters(content))
    cases = [
        ("estimate", content.calculator_defaults.form_input(content.calc_keys), ("eingaben_standard",), ""),
        ("finder", content.finder_defaults.form_input(), ("finder", "eingaben_standard"), ""),
    ]
    cases += [
        ("estimate", content.example_landkreis.form_input(m.calc_id), ("beispiel_landkreis",), f" für {m.number}")
        for m in content.models
        if m.counts_gemeinden
    ]
    reported: set[tuple] = set()
    for command, given, block, model in cases:
        try:
            session.compute(*form_command(command, read_form(given)))
        except InputError as exc:
            if exc.field == "models":  # the further models of the comparison
                path = ("vergleich_standard", "modelle")
            else:
                path = block + ((INPUT_KEYS[exc.field],) if exc.field in INPUT_KEYS else ())
            if path not in reported:  # the example: once, not once per model
                reported.add(path)
                c.reference(display, path, f"der Rechner nimmt diese Eingabe{model} nicht an: {exc.message}")
    _check_comparison_text(c, display, content)
    _check_calculator_texts(c, display, content)


def _check_comparison_text(c: Collector, display: str, content: Content) -> None:
    """The explanation of the default comparison names what it explains: the default model, every
    model compared and the inhabitants (so a changed default cannot leave it telling of the old one)."""
    defaults = content.calculator_defaults
    named = [(content.model(defaults.model).number, "das Standardmodell aus eingaben_standard.modell")]
    named += [(content.model(m).number, "ein Modell aus vergleich_standard.modelle") for m in defaults.compare]
    named.append((fmt.number(defaults.inhabitants), "die Einwohnerzahl aus eingaben_standard.einwohner"))
    _check_text_names(c, display, ("vergleich_standard", "erlaeuterung"), defaults.explanation, named)


def _check_calculator_texts(c: Collector, display: str, content: Content) -> None:
    """Texts of rechner.yml that repeat a figure set in a field next to them say that field's value, so a
    changed figure cannot leave a sentence with the old one behind (run on consistent content only, like
    ``check_calculator_inputs``: the models named in richtwerte exist)."""
    calc = content.calculator
    guide = calc["richtwerte"]
    named = [
        (fmt.number(guide["einwohner_je_stelle"]), "den Wert aus richtwerte.einwohner_je_stelle"),
        (fmt.number(guide["gemeinden_je_stelle"]), "den Wert aus richtwerte.gemeinden_je_stelle"),
    ]
    named += [
        (content.model(guide[field]).number, f"das Modell aus richtwerte.{field}")
        for field in ("einwohner_steckbrief", "gemeinden_steckbrief")
    ]
    _check_text_names(c, display, ("richtwerte", "erlaeuterung"), guide["erlaeuterung"], named)
    cost = calc["kosten_je_stelle"]
    named = [
        (f"{cost['gruppe']}, Stufe {cost['stufe']}", "die Entgeltgruppe und Stufe aus kosten_je_stelle"),
        (f"{fmt.decimal(cost['jahressonderzahlung'] * 100)} %", "den Wert aus kosten_je_stelle.jahressonderzahlung"),
        (f"{fmt.decimal(cost['arbeitgeberanteil'] * 100)} %", "den Wert aus kosten_je_stelle.arbeitgeberanteil"),
    ]
    _check_text_names(c, display, ("kosten_je_stelle", "herleitung"), cost["herleitung"], named)


def _check_text_names(c: Collector, display: str, path: tuple, text: str, named: list[tuple[str, str]]) -> None:
    """Report each (figure, where it is set) of ``named`` that ``text`` does not contain as a whole word."""
    for shown, what in named:
        if not re.search(rf"(?<![\w.,-]){re.escape(shown)}(?![\w-]|[.,]\d)", text):
            c.reference(display, path, f"der Text nennt {shown} nicht, {what}")


RECOMMENDATION_FIELDS = (
    "weiterentwicklung",
    "strategie",
    "ziele",
    "finanzierung",
    "controlling",
    "netzwerke",
    "massnahmen_innen",
    "massnahmen_aussen",
)


def _check_aspect_fields(c: Collector, content: Content) -> None:
    """Every recommendation field of the Steckbriefe belongs to exactly one aspect (else text would vanish)."""
    display = c.display(c.root / "aspekte.yml")
    seen = [f.field for a in content.aspects for f in a.fields]
    for name in RECOMMENDATION_FIELDS:
        if seen.count(name) != 1:
            c.reference(
                display,
                ("aspekte",),
                f"Feld '{name}' muss genau einem Aspekt zugeordnet sein (gefunden: {seen.count(name)}-mal)",
            )


def _check_band(c: Collector, display: str, d: dict) -> None:
    size = d["ausgangslage"]["kommunengroesse"]
    if size["min_einwohner"] is not None and size["max_einwohner"] is not None:
        if size["min_einwohner"] > size["max_einwohner"]:
            c.reference(display, ("ausgangslage", "kommunengroesse", "min_einwohner"), "ist größer als max_einwohner")
    budget = d["ausgangslage"]["budget_klimaschutz"]
    if budget["max_eur_je_einwohner"] is not None and budget["min_eur_je_einwohner"] > budget["max_eur_je_einwohner"]:
        c.reference(
            display,
            ("ausgangslage", "budget_klimaschutz", "min_eur_je_einwohner"),
            "ist größer als max_eur_je_einwohner",
        )
    levels = ["gering", "mittel", "hoch"]
    for key in ("historie", "relevanz"):
        span = d["ausgangslage"][key]
        if levels.index(span["von"]) > levels.index(span["bis"]):
            c.reference(display, ("ausgangslage", key, "von"), "liegt über 'bis'")


def _check_kinds(c: Collector, display: str, d: dict) -> None:
    """A note on a kind agrees with ``arten``: 'geeignet' only for a listed kind, 'möglich, aber
    nicht zielführend' only for one that is not listed; one note per kind."""
    size = d["ausgangslage"]["kommunengroesse"]
    seen: set[str] = set()
    for i, note in enumerate(size.get("arten_hinweise", [])):
        path = ("ausgangslage", "kommunengroesse", "arten_hinweise", i, "art")
        listed = note["art"] in size["arten"]
        if note["art"] in seen:
            c.reference(display, path, f"'{note['art']}' hat schon einen Hinweis")
        elif note["eignung"] == "geeignet" and not listed:
            c.reference(display, path, f"'{note['art']}' ist als geeignet markiert, steht aber nicht in arten")
        elif note["eignung"] != "geeignet" and listed:
            c.reference(
                display, path, f"'{note['art']}' steht in arten, ist hier aber als {note['eignung']!r} markiert"
            )
        seen.add(note["art"])


def check_draft(c: Collector, content: Content, draft) -> None:
    """The draft's source exists, and every {name} in its texts is one the calculator fills."""
    display, data = draft
    if data["quelle"] not in content.sources:
        c.reference(display, ("quelle",), f"Quelle '{data['quelle']}' steht nicht in content/quellen.yml")
    for path, text in _strings(data):
        for name in re.findall(r"\{([^{}]*)\}", text):
            if name not in PLACEHOLDERS:
                known = ", ".join(sorted(PLACEHOLDERS))
                c.reference(display, path, f"den Platzhalter {{{name}}} kennt der Rechner nicht (bekannt: {known})")
        rest = re.sub(r"\{[^{}]*\}", "", text)
        if "{" in rest or "}" in rest:
            c.reference(display, path, "geschweifte Klammer ohne Gegenstück: Platzhalter schreiben sich {name}")


def _strings(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, path + (key,))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, path + (i,))]
    return [(path, data)] if isinstance(data, str) else []


def _source_refs(data: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    if isinstance(data, dict):
        return [
            ref
            for k, v in data.items()
            for ref in ([(path + (k,), v)] if k == "quelle" and isinstance(v, str) else _source_refs(v, path + (k,)))
        ]
    if isinstance(data, list):
        return [ref for i, v in enumerate(data) for ref in _source_refs(v, path + (i,))]
    return []
