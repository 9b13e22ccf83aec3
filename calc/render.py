"""HTML for results – the same code runs at build time (prerendered page) and in the browser.

Every shown value sits in an element with ``data-field`` (dotted path of the JSON output)
and ``data-value`` (the raw JSON value), so tests and scripts can read it back.
"""

from __future__ import annotations

import json
import re

from calc import fmt
from calc.compare import comparison_columns, funding_ends, other_warnings
from calc.finder import CONDITIONAL, FAILS, FITS
from calc.params import FundingWay, Parameters

# The standard library's html.escape imports html.entities (a table of 2,000 names), which adds
# about 65 ms to the worker's start in Pyodide; escaping needs only these five characters.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """HTML-escape like ``html.escape`` (quotes always escaped)."""
    return str(text).translate(_ESCAPES)


# --------------------------------------------------------------------------------------------
# Estimate
# --------------------------------------------------------------------------------------------


def estimate_html(result: dict, params: Parameters) -> str:
    """The result of ``estimate`` (also the first model's full result inside a comparison)."""
    fte, budget = result["fte"], result["budget_eur_per_year"]
    way = params.funding[result["inputs"]["funding"]]
    parts = [
        f'<h2 id="ergebnis-titel">Ergebnis: {escape(_model_title(result))}</h2>',
        council_summary(result),
        _inputs(result["inputs"], params),
        '<div class="calc-figures">',
        _figure("Empfohlene Stellen", _value("fte.recommended", fte["recommended"], fmt.fte), "calc-main"),
        _figure(
            "Personalkosten im ersten Jahr",
            _value("personnel_eur_per_year", result["personnel_eur_per_year"], fmt.euro),
            "calc-main",
        ),
        _figure("Budget Klimaschutz je Jahr", _budget_range(budget), "calc-main"),
        "</div>",
        '<table class="calc-table calc-fte"><caption>Stellen und wie sie zustande kommen</caption><tbody>',
        _row("Mindestpersonal laut Steckbrief", _value("fte.minimum", fte["minimum"], fmt.fte)),
        _row("Richtwert nach Größe", _value("fte.guidance", fte["guidance"], fmt.fte)),
        _row("Empfehlung (auf halbe Stellen aufgerundet)", _value("fte.recommended", fte["recommended"], fmt.fte)),
        _row("Regel", _value("fte.rule", fte["rule"], str)),
        "</tbody></table>",
        _projection(result["projection"], result["totals"]),
        _warnings(result["warnings"], way),
        _notes(result["notes"]),
        _sources(result["sources"], params.funding_notice),
    ]
    return "\n".join(parts)


def council_summary(result: dict) -> str:
    """What a council asks first: the yearly cost the municipality carries once funding ends."""
    after, rows = result["after_funding"], result["projection"]
    inhabitants = result["inputs"]["inhabitants"]
    if after is not None:
        before = after["calendar_year"] - 1
        text = (
            f"Ab {_value('after_funding.calendar_year', after['calendar_year'], str)} trägt die Kommune "
            f"{_value('after_funding.own_share', after['own_share'], fmt.euro)} Personal- und Arbeitsplatzkosten "
            f"im Jahr, {_value('after_funding.increase', after['increase'], fmt.euro)} mehr als {before}; "
            "mit dem Budget Klimaschutz sind das "
            f"{_value('after_funding.per_inhabitant', after['per_inhabitant'], fmt.cents)} "
            "je Einwohnerin und Einwohner."
        )
    else:
        first = rows[0]
        funded = any(row["funding"] > 0 for row in rows)
        share = round(first["own_total"] / inhabitants, 2)
        text = (
            f"Im Jahr {_value('projection.0.calendar_year', first['calendar_year'], str)} trägt die Kommune "
            f"{_value('projection.0.own_share', first['own_share'], fmt.euro)} Personal- und Arbeitsplatzkosten"
            + (" nach Abzug der Förderung" if funded else "")
            + f"; mit dem Budget Klimaschutz sind das {escape(fmt.cents(share))} je Einwohnerin und Einwohner."
        )
        if funded:
            text += " Die Förderung reicht mindestens bis zum Ende des gewählten Zeitraums (siehe Hinweise)."
    return f'<p class="calc-council">{text}</p>'


def _inputs(inputs: dict, params: Parameters) -> str:
    way_names = {way.id: way.name for way in params.funding.values()}
    rule_names = {rules.id: rules.name for rules in params.rules.values()}
    funded = bool(params.phases(inputs["rules"], inputs["funding"]))

    def funded_posts(value: float) -> str:  # without a funding line no post is funded
        return fmt.fte(value) if funded else "– (keine Förderung)"

    rows = [
        _row("Einwohnerzahl", _value("inputs.inhabitants", inputs["inhabitants"], fmt.number)),
        _row("Kosten je Vollzeitstelle", _value("inputs.cost_per_fte", inputs["cost_per_fte"], fmt.euro)),
        _row("Tarifsteigerung je Jahr", _value("inputs.pay_rise", inputs["pay_rise"], fmt.percent_value)),
        _row(
            "Arbeitsplatzkosten je Stelle und Jahr", _value("inputs.workplace_cost", inputs["workplace_cost"], fmt.euro)
        ),
        _row("Förderweg", _value("inputs.funding", inputs["funding"], lambda v: way_names.get(v, v))),
        _row("Regelwerk", _value("inputs.rules", inputs["rules"], lambda v: rule_names.get(v, v))),
        _row(
            "Finanzschwache Kommune",
            _value("inputs.financially_weak", inputs["financially_weak"], lambda v: "ja" if v else "nein"),
        ),
        _row("Bereits geförderte Jahre", _value("inputs.funding_years_done", inputs["funding_years_done"], str)),
        _row("Geförderte Stellen", _value("inputs.funded_fte", inputs["funded_fte"], funded_posts)),
        _row("Erstes Jahr der Projektion", _value("inputs.first_year", inputs["first_year"], str)),
        _row("Jahre der Projektion", _value("inputs.years", inputs["years"], str)),
    ]
    if inputs["municipalities"] is not None:
        rows.insert(
            1, _row("Gemeinden im Landkreis", _value("inputs.municipalities", inputs["municipalities"], fmt.number))
        )
    return (
        '<table class="calc-table calc-inputs"><caption>Eingaben</caption><tbody>' + "".join(rows) + "</tbody></table>"
    )


def _model_title(result: dict) -> str:
    number = result["model"].replace("V", "V ", 1)
    return f"{number} – {result['model_name']}"


def _value(field: str, value, formatter) -> str:
    shown = "–" if value is None else formatter(value)
    raw = escape(json.dumps(value, ensure_ascii=False))
    return f'<span data-field="{field}" data-value="{raw}">{escape(shown)}</span>'


def _figure(label: str, value_html: str, css: str) -> str:
    return (
        f'<div class="{css}"><div class="calc-label">{escape(label)}</div>'
        f'<div class="calc-value">{value_html}</div></div>'
    )


def _row(label: str, value_html: str) -> str:
    return f'<tr><th scope="row">{escape(label)}</th><td>{value_html}</td></tr>'


def _fill_html(template: str, **values: str) -> str:
    """A content text with ``{name}`` placeholders (content/vorlage.yml) as HTML: the text escaped,
    each placeholder replaced by its (already escaped) markup."""
    return re.sub(r"\{(\w+)\}", lambda match: values[match[1]], escape(template))


def _budget_range(budget: dict) -> str:
    low = _value("budget_eur_per_year.min", budget["min"], fmt.euro)
    if budget["max"] == 0:
        high = _value("budget_eur_per_year.max", 0, fmt.euro)
        flag = _value("budget_eur_per_year.open_ended", budget["open_ended"], lambda v: "")
        return f"{fmt.NO_BUDGET}<span hidden>{low}{high}{flag}</span>"
    if budget["max"] is None:
        text = f"ab {low}"
    else:
        text = f"{low} bis {_value('budget_eur_per_year.max', budget['max'], fmt.euro)}"
    flag = _value("budget_eur_per_year.open_ended", budget["open_ended"], lambda v: "und mehr" if v else "")
    shown = budget["open_ended"] and budget["max"] is not None
    return f"{text} {flag}" if shown else f"{text}<span hidden>{flag}</span>"


def budget_text(budget: dict) -> str:
    """The budget band as a reader reads it (the words of ``_budget_range`` without markup)."""
    if budget["max"] == 0:
        return fmt.NO_BUDGET
    if budget["max"] is None:
        return f"ab {fmt.euro(budget['min'])}"
    text = f"{fmt.euro(budget['min'])} bis {fmt.euro(budget['max'])}"
    return f"{text} und mehr" if budget["open_ended"] else text


def status_text(command: str, result: dict, params: Parameters) -> str:
    """The page's live status after a new result (read out by screen readers): built from the result,
    never read back out of the page."""
    if command == "finder":
        fits = [m["fit"] for m in result["models"]]
        fitting, best = fits.count(FITS), result["models"][0]
        models = "Modell passt" if fitting == 1 else "Modelle passen"
        return (
            f"Ergebnis aktualisiert: {fitting} {models}, {fits.count(CONDITIONAL)} {CONDITIONAL}. "
            f"Am besten passt {best['number']} – {best['name']}."
        )
    if command == "compare":
        numbers = ", ".join(params.models[r["model"]].number for r in result["results"])
        return f"Vergleich aktualisiert: {numbers}. " + status_text("estimate", result["results"][0], params)
    return (
        f"Ergebnis aktualisiert. Empfohlene Stellen: {fmt.fte(result['fte']['recommended'])}. "
        f"Personalkosten im ersten Jahr: {fmt.euro(result['personnel_eur_per_year'])}. "
        f"Budget Klimaschutz je Jahr: {budget_text(result['budget_eur_per_year'])}."
    )


PROJECTION_COLUMNS = (
    ("phase", "Phase", str),
    ("rate", "Förderquote", fmt.percent),
    ("personnel", "Personalkosten", fmt.euro),
    ("workplace", "Arbeitsplatzkosten", fmt.euro),
    ("funding", "Förderung", fmt.euro),
    ("own_share", "Eigenanteil Personal und Arbeitsplatz", fmt.euro),
    ("budget_min", "Budget Klimaschutz (mind.)", fmt.euro),
    ("own_total", "Eigenanteil mit Budget", fmt.euro),
)


def _projection(years: list[dict], totals: dict) -> str:
    rows = "\n".join(
        f'<tr><th scope="row">{_value(f"projection.{i}.calendar_year", y["calendar_year"], str)}'
        f"<span hidden>{_value(f'projection.{i}.year', y['year'], str)}</span></th>"
        + "".join(f"<td>{_value(f'projection.{i}.{key}', y[key], show)}</td>" for key, _, show in PROJECTION_COLUMNS)
        + "</tr>"
        for i, y in enumerate(years)
    )
    sums = "".join(
        f"<td>{_value(f'totals.{key}', totals[key], fmt.euro)}</td>" if key in totals else "<td></td>"
        for key, _, _ in PROJECTION_COLUMNS
    )
    head = "".join(f'<th scope="col">{escape(label)}</th>' for _, label, _ in PROJECTION_COLUMNS)
    return (
        '<h3 id="projektion">Kosten und Förderung über die Jahre</h3>'
        f"{projection_svg(years)}"
        '<div class="calc-scroll" tabindex="0" role="region" aria-labelledby="projektion-caption">'
        '<table class="calc-table calc-projection"><caption id="projektion-caption">Jahr für Jahr: Personal- und '
        "Arbeitsplatzkosten, Förderung und Eigenanteil</caption>"
        f'<thead><tr><th scope="col">Jahr</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody>"
        f'<tfoot><tr><th scope="row">Summe</th>{sums}</tr></tfoot></table></div>'
    )


def projection_svg(years: list[dict]) -> str:
    """Stacked bars per year (funded share below, own share on top) as inline SVG. Where every year
    is 0 € (a model without posts) the axis has no top value and the caption says why the bars are
    empty."""
    width, height, left, bottom, top = 640, 240, 90, 30, 20
    highest = max(y["funding"] + y["own_share"] for y in years)
    peak = max(highest, 1)
    slot = (width - left - 10) / len(years)
    bar = min(48.0, slot * 0.6)
    scale = (height - bottom - top) / peak
    bars = []
    for i, y in enumerate(years):
        x = left + i * slot + (slot - bar) / 2
        funded_h, own_h = y["funding"] * scale, y["own_share"] * scale
        base = height - bottom
        bars.append(
            f'<rect class="calc-bar-funded" x="{x:.1f}" y="{base - funded_h:.1f}" width="{bar:.1f}" '
            f'height="{funded_h:.1f}"/>'
            f'<rect class="calc-bar-own" x="{x:.1f}" y="{base - funded_h - own_h:.1f}" width="{bar:.1f}" '
            f'height="{own_h:.1f}"/>'
            f'<text x="{x + bar / 2:.1f}" y="{height - 10}" text-anchor="middle">{y["calendar_year"]}</text>'
        )
    summary = "; ".join(
        f"{y['calendar_year']}: Förderung {fmt.euro(y['funding'])}, Eigenanteil {fmt.euro(y['own_share'])}"
        for y in years
    )
    axis = (
        f'<line class="calc-axis" x1="{left - 4}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}"/>'
        + (f'<text x="{left - 8}" y="{top + 4}" text-anchor="end">{escape(fmt.euro(peak))}</text>' if highest else "")
        + f'<text x="{left - 8}" y="{height - bottom}" text-anchor="end">{fmt.euro(0)}</text>'
    )
    return (
        f'<figure class="calc-chart"><svg viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">Personal- und Arbeitsplatzkosten je Jahr: geförderter Anteil und Eigenanteil</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>{axis}{"".join(bars)}</svg>'
        '<figcaption><span class="calc-key calc-key-funded"></span> Förderung '
        '<span class="calc-key calc-key-own"></span> Eigenanteil der Kommune'
        + ("" if highest else " – ohne eigene Stellen fallen in keinem Jahr Personal- oder Arbeitsplatzkosten an")
        + "</figcaption></figure>"
    )


# --------------------------------------------------------------------------------------------
# Compare
# --------------------------------------------------------------------------------------------


def compare_html(result: dict, params: Parameters, base: str = "../") -> str:
    """Models side by side (table and one chart), then the full result of the first model, with the
    ``data-field`` paths of its own ``estimate`` answer."""
    results = result["results"]
    numbers = ", ".join(params.models[r["model"]].number for r in results)
    # the same columns and cell texts as the council paper's comparison (content/vorlage.yml)
    texts = params.vorlage["text"]["alternativen"]
    ends = funding_ends(results)
    rows = "".join(_compare_row(i, r, params, base, texts, ends) for i, r in enumerate(results))
    head = "".join(f'<th scope="col">{escape(label)}</th>' for label in comparison_columns(texts, ends))
    # plain text: the paths warnings.N belong to the first model's full result below
    warnings = "".join(f"<li>{escape(w)}</li>" for w in result["warnings"])
    # the further models' own warnings (the first model's stand in its full result below)
    for text, places in other_warnings(results):
        models = ", ".join(params.models[results[i]["model"]].number for i, _ in places)
        i, j = places[0]
        warnings += f"<li><strong>{escape(models)}:</strong> {_value(f'results.{i}.warnings.{j}', text, str)}</li>"
    notes = f'<div class="admonition warning"><ul>{warnings}</ul></div>' if warnings else ""
    return (
        '<section class="calc-compare" aria-labelledby="vergleich-titel">'
        f'<h2 id="vergleich-titel">Vergleich: {escape(numbers)}</h2>'
        '<div class="calc-scroll" tabindex="0" role="region" aria-labelledby="vergleich-caption">'
        '<table class="calc-table calc-compare-table"><caption id="vergleich-caption">Die Modelle mit denselben '
        f"Eingaben</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        # the first model's full result is that model's `estimate` answer and keeps its paths
        # (data-field="fte.recommended"), as on a page without comparison; the table holds results.N.
        f"{compare_svg(results, params)}{notes}</section>" + estimate_html(results[0], params)
    )


def _compare_row(i: int, r: dict, params: Parameters, base: str, texts: dict, ends: bool) -> str:
    """One model's row; ``ends``: some model's funding ends within the period (``funding_ends``)."""
    model = params.models[r["model"]]
    after, first = r["after_funding"], r["projection"][0]
    p = f"results.{i}."
    if after:
        own_after = _fill_html(
            texts["ab_jahr"],
            betrag=_value(p + "after_funding.own_share", after["own_share"], fmt.euro),
            jahr=_value(p + "after_funding.calendar_year", after["calendar_year"], str),
        )
    else:  # the first year's share; beside models whose funding ends, marked as one without that step
        own_after = _fill_html(
            texts["ohne_ende" if ends else "im_jahr"],
            betrag=_value(p + "projection.0.own_share", first["own_share"], fmt.euro),
            jahr=_value(p + "projection.0.calendar_year", first["calendar_year"], str),
        )
    budget = _budget_range(r["budget_eur_per_year"]).replace('data-field="', f'data-field="{p}')
    return (
        f'<tr><th scope="row"><a href="{base}{escape(model.url)}">{escape(model.number)} – {escape(model.name)}</a>'
        f"<span hidden>{_value(p + 'model', r['model'], str)}</span></th>"
        f"<td>{_value(p + 'fte.recommended', r['fte']['recommended'], fmt.fte)}</td>"
        f"<td>{_value(p + 'personnel_eur_per_year', r['personnel_eur_per_year'], fmt.euro)}</td>"
        f"<td>{own_after}</td><td>{budget}</td><td>{escape(model.stage_label)}</td></tr>"
    )


def compare_svg(results: list[dict], params: Parameters) -> str:
    """One horizontal bar per model: what the municipality carries in the year the comparison is
    about (the first year after funding, else the first year), split into own share and budget."""
    width, row, left, right = 640, 34, 150, 20
    height = row * len(results) + 30
    amounts = []
    for r in results:
        after = r["after_funding"]
        year = next(
            (y for y in r["projection"] if after and y["calendar_year"] == after["calendar_year"]), r["projection"][0]
        )
        amounts.append((params.models[r["model"]].number, year))
    ends = [bool(r["after_funding"]) for r in results]
    if not funding_ends(results):
        when = "im ersten Jahr"
    elif all(ends):
        when = "im ersten Jahr nach der Förderung"
    else:
        when = "im ersten Jahr nach der Förderung, ohne Förderung im ersten Jahr"
    peak = max([y["own_total"] for _, y in amounts] + [1])
    scale = (width - left - right) / peak
    bars = []
    for i, (number, y) in enumerate(amounts):
        top = 10 + i * row
        own_w, budget_w = y["own_share"] * scale, y["budget_min"] * scale
        bars.append(
            f'<text x="{left - 8}" y="{top + 17}" text-anchor="end">{escape(number)} ({y["calendar_year"]})</text>'
            f'<rect class="calc-bar-own" x="{left}" y="{top}" width="{own_w:.1f}" height="22"/>'
            f'<rect class="calc-bar-budget" x="{left + own_w:.1f}" y="{top}" width="{budget_w:.1f}" height="22"/>'
        )
    summary = "; ".join(
        f"{number} im Jahr {y['calendar_year']}: Personal und Arbeitsplatz {fmt.euro(y['own_share'])}, "
        f"Budget Klimaschutz {fmt.euro(y['budget_min'])}"
        for number, y in amounts
    )
    return (
        f'<figure class="calc-chart calc-compare-chart"><svg viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="vergleich-chart-title vergleich-chart-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="vergleich-chart-title">Eigenanteil der Kommune je Modell {escape(when)}</title>'
        f'<desc id="vergleich-chart-desc">{escape(summary)}</desc>{"".join(bars)}</svg>'
        '<figcaption><span class="calc-key calc-key-own"></span> Personal- und Arbeitsplatzkosten '
        '<span class="calc-key calc-key-budget"></span> Budget Klimaschutz (mind.)</figcaption></figure>'
    )


def _warnings(warnings: list[str], way: FundingWay, base: str = "../") -> str:
    if not warnings:
        return '<p class="calc-ok">Keine Hinweise: die Eingaben passen zum Steckbrief.</p>'

    def item(i: int, text: str) -> str:
        link = ""
        if way.note_url and text == way.note:
            link = f' <a href="{base}{escape(way.note_url)}">Mehr im Kapitel „{escape(way.note_title)}“</a>'
        return f"<li>{_value(f'warnings.{i}', text, str)}{link}</li>"

    items = "".join(item(i, w) for i, w in enumerate(warnings))
    return f'<div class="admonition warning"><p class="admonition-title">Hinweise</p><ul>{items}</ul></div>'


def _notes(notes: list[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{_value(f'notes.{i}', n, str)}</li>" for i, n in enumerate(notes))
    return f'<div class="admonition note"><p class="admonition-title">Zur Rechnung</p><ul>{items}</ul></div>'


def _sources(sources: list[str], notice: str) -> str:
    items = "".join(f"<li>{_value(f'sources.{i}', s, str)}</li>" for i, s in enumerate(sources))
    return f'<h3>Quellen und Stand</h3><ul class="calc-sources">{items}</ul><p class="calc-notice">{escape(notice)}</p>'


# --------------------------------------------------------------------------------------------
# Finder
# --------------------------------------------------------------------------------------------

FIT_CLASS = {FITS: "fit-yes", CONDITIONAL: "fit-maybe", FAILS: "fit-no"}


def finder_html(result: dict, calculator_url: str, base: str = "../") -> str:
    """``base``: relative path from the finder page to the site root; URLs are relative to the root."""
    items = []
    for i, m in enumerate(result["models"]):
        criteria = "".join(
            f'<tr><th scope="row">{escape(c["criterion"])}</th>'
            f"<td>{_value(f'models.{i}.criteria.{j}.status', c['status'], str)}</td>"
            f"<td>{_value(f'models.{i}.criteria.{j}.reason', c['reason'], str)}</td></tr>"
            for j, c in enumerate(m["criteria"])
        )
        items.append(
            f'<li class="finder-model {FIT_CLASS[m["fit"]]}" data-model="{escape(m["model"])}">'
            f'<h3><a href="{base}{escape(m["url"])}">{escape(m["number"])} – {escape(m["name"])}</a> '
            f'<span class="finder-fit">{_value(f"models.{i}.fit", m["fit"], str)}</span></h3>'
            '<div class="finder-criteria"><table class="calc-table"><caption class="visually-hidden">'
            f"Kriterien für {escape(m['number'])}</caption>"
            '<thead><tr><th scope="col">Kriterium</th><th scope="col">Status</th>'
            '<th scope="col">Begründung</th></tr></thead>'
            f"<tbody>{criteria}</tbody></table></div>"
            f"{_calculator_link(m, calculator_url, base)}</li>"
        )
    return (
        _start(result["start"], calculator_url, base)
        + '<h2 id="finder-ergebnis">Ergebnis: alle Modelle, am besten passende zuerst</h2>'
        f'<ol class="finder-list">{"".join(items)}</ol>'
    )


def _calculator_link(model: dict, calculator_url: str, base: str) -> str:
    """A link into the calculator with the model, or the finder's friendly sentence why there is none."""
    if model["calculator_query"] is None:
        return f'<p class="finder-reasons">{escape(model["calculator_hint"])}</p>'
    href = escape(f"{base}{calculator_url}?{model['calculator_query']}")
    return f'<p><a href="{href}">Im Rechner mit {escape(model["number"])} rechnen</a></p>'


def _start(start: dict, calculator_url: str, base: str) -> str:
    """The plain starting point above the list: which model first, its cost, help for beginners."""
    sentences = "".join(
        f"<p>{_value(f'start.sentences.{i}', text, str)}</p>" for i, text in enumerate(start["sentences"])
    )
    links = []
    if start["calculator_query"]:
        href = escape(f"{base}{calculator_url}?{start['calculator_query']}")
        links.append(f'<a href="{href}">Im Rechner genauer rechnen, auch mit Förderung</a>')
    if start["advice_url"]:
        links.append(
            f'<a href="{base}{escape(start["advice_url"])}">Mehr im Kapitel „{escape(start["advice_title"])}“</a>'
        )
    more = f"<p>{' · '.join(links)}</p>" if links else ""
    return (
        # a <section>, not a <div>: the theme's search indexer ends data-search-exclude at the first
        # closing tag of the same name, so a nested <div> would put the example result into the index
        '<section class="admonition tip finder-start" aria-labelledby="finder-start-titel">'
        f'<p class="admonition-title" id="finder-start-titel">Ihr Startpunkt</p>{sentences}{more}</section>'
    )
