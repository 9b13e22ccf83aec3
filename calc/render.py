"""HTML for results – the same code runs at build time (prerendered page) and in the browser.

Every shown value sits in an element with ``data-field`` (dotted path of the JSON output)
and ``data-value`` (the raw JSON value), so tests and scripts can read it back.
"""

from __future__ import annotations

import json

from calc import fmt

# The standard library's html.escape imports html.entities (a table of 2,000 names), which adds
# about 65 ms to the worker's start in Pyodide; escaping needs only these five characters.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """HTML-escape like ``html.escape`` (quotes always escaped)."""
    return str(text).translate(_ESCAPES)


# --------------------------------------------------------------------------------------------
# Estimate
# --------------------------------------------------------------------------------------------


def estimate_html(result: dict, notice: str, funding_names: dict[str, str]) -> str:
    fte, budget = result["fte"], result["budget_eur_per_year"]
    parts = [
        f'<h2 id="ergebnis-titel">Ergebnis: {escape(_model_title(result))}</h2>',
        _inputs(result["inputs"], funding_names),
        '<div class="calc-figures">',
        _figure("Empfohlene Stellen", _value("fte.recommended", fte["recommended"], fmt.fte), "calc-main"),
        _figure(
            "Personalkosten je Jahr",
            _value("personnel_eur_per_year", result["personnel_eur_per_year"], fmt.euro),
            "calc-main",
        ),
        _figure("Budget Klimaschutz je Jahr", _budget_range(budget), "calc-main"),
        "</div>",
        '<table class="calc-table"><caption>Stellen und wie sie zustande kommen</caption><tbody>',
        _row("Mindestpersonal laut Steckbrief", _value("fte.minimum", fte["minimum"], fmt.fte)),
        _row("Richtwert nach Größe", _value("fte.guidance", fte["guidance"], fmt.fte)),
        _row("Empfehlung (auf halbe Stellen aufgerundet)", _value("fte.recommended", fte["recommended"], fmt.fte)),
        _row("Regel", _value("fte.rule", fte["rule"], str)),
        "</tbody></table>",
        _projection(result["projection"]),
        _warnings(result["warnings"]),
        _sources(result["sources"], notice),
    ]
    return "\n".join(parts)


def _inputs(inputs: dict, funding_names: dict[str, str]) -> str:
    rows = [
        _row("Einwohnerzahl", _value("inputs.inhabitants", inputs["inhabitants"], fmt.number)),
        _row("Kosten je Vollzeitstelle", _value("inputs.cost_per_fte", inputs["cost_per_fte"], fmt.euro)),
        _row("Förderweg", _value("inputs.funding", inputs["funding"], lambda v: funding_names.get(v, v))),
        _row(
            "Finanzschwache Kommune",
            _value("inputs.financially_weak", inputs["financially_weak"], lambda v: "ja" if v else "nein"),
        ),
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


def _budget_range(budget: dict) -> str:
    low = _value("budget_eur_per_year.min", budget["min"], fmt.euro)
    if budget["max"] == 0:
        high = _value("budget_eur_per_year.max", 0, fmt.euro)
        flag = _value("budget_eur_per_year.open_ended", budget["open_ended"], lambda v: "")
        return f"kein eigenes Budget nötig<span hidden>{low}{high}{flag}</span>"
    if budget["max"] is None:
        text = f"ab {low}"
    else:
        text = f"{low} bis {_value('budget_eur_per_year.max', budget['max'], fmt.euro)}"
    flag = _value("budget_eur_per_year.open_ended", budget["open_ended"], lambda v: "und mehr" if v else "")
    shown = budget["open_ended"] and budget["max"] is not None
    return f"{text} {flag}" if shown else f"{text}<span hidden>{flag}</span>"


def _projection(years: list[dict]) -> str:
    rows = "\n".join(
        f'<tr><th scope="row">{_value(f"projection.{i}.year", y["year"], str)}</th>'
        f"<td>{_value(f'projection.{i}.phase', y['phase'], str)}</td>"
        f"<td>{_value(f'projection.{i}.rate', y['rate'], fmt.percent)}</td>"
        f"<td>{_value(f'projection.{i}.personnel', y['personnel'], fmt.euro)}</td>"
        f"<td>{_value(f'projection.{i}.funding', y['funding'], fmt.euro)}</td>"
        f"<td>{_value(f'projection.{i}.own_share', y['own_share'], fmt.euro)}</td>"
        f"<td>{_value(f'projection.{i}.budget_min', y['budget_min'], fmt.euro)}</td></tr>"
        for i, y in enumerate(years)
    )
    return (
        '<h3 id="projektion">Personalkosten und Förderung über die Jahre</h3>'
        f"{projection_svg(years)}"
        '<div class="calc-scroll" tabindex="0" role="region" aria-labelledby="projektion-caption">'
        '<table class="calc-table calc-projection"><caption id="projektion-caption">Jahr für Jahr: Personalkosten, '
        'Förderung und Eigenanteil</caption><thead><tr><th scope="col">Jahr</th><th scope="col">Phase</th>'
        '<th scope="col">Förderquote</th><th scope="col">Personalkosten</th><th scope="col">Förderung</th>'
        '<th scope="col">Eigenanteil</th><th scope="col">Budget Klimaschutz (mind.)</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def projection_svg(years: list[dict]) -> str:
    """Stacked bars per year (funded share below, own share on top) as inline SVG."""
    width, height, left, bottom, top = 640, 240, 90, 30, 20
    peak = max([y["personnel"] for y in years] + [1])
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
            f'<text x="{x + bar / 2:.1f}" y="{height - 10}" text-anchor="middle">{y["year"]}</text>'
        )
    summary = "; ".join(
        f"Jahr {y['year']}: Förderung {fmt.euro(y['funding'])}, Eigenanteil {fmt.euro(y['own_share'])}" for y in years
    )
    axis = (
        f'<line class="calc-axis" x1="{left - 4}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}"/>'
        f'<text x="{left - 8}" y="{top + 4}" text-anchor="end">{escape(fmt.euro(peak))}</text>'
        f'<text x="{left - 8}" y="{height - bottom}" text-anchor="end">0 €</text>'
    )
    return (
        f'<figure class="calc-chart"><svg viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">Personalkosten je Jahr: geförderter Anteil und Eigenanteil</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>{axis}{"".join(bars)}</svg>'
        '<figcaption><span class="calc-key calc-key-funded"></span> Förderung '
        '<span class="calc-key calc-key-own"></span> Eigenanteil der Kommune</figcaption></figure>'
    )


def _warnings(warnings: list[str]) -> str:
    if not warnings:
        return '<p class="calc-ok">Keine Hinweise: die Eingaben passen zum Steckbrief.</p>'
    items = "".join(f"<li>{_value(f'warnings.{i}', w, str)}</li>" for i, w in enumerate(warnings))
    return f'<div class="admonition warning"><p class="admonition-title">Hinweise</p><ul>{items}</ul></div>'


def _sources(sources: list[str], notice: str) -> str:
    items = "".join(f"<li>{_value(f'sources.{i}', s, str)}</li>" for i, s in enumerate(sources))
    return f'<h3>Quellen und Stand</h3><ul class="calc-sources">{items}</ul><p class="calc-notice">{escape(notice)}</p>'


# --------------------------------------------------------------------------------------------
# Finder
# --------------------------------------------------------------------------------------------

FIT_CLASS = {"passt": "fit-yes", "bedingt": "fit-maybe", "passt nicht": "fit-no"}


def calculator_query(model: str, inputs: dict) -> str:
    """Query string that opens the calculator with the finder's model and the reader's size.

    Model keys and whole numbers need no percent-encoding, so the string is joined directly
    (``urllib.parse`` would add about 120 ms to the worker's start in Pyodide).
    """
    query = {"model": model, "inhabitants": inputs["inhabitants"]}
    if inputs.get("municipalities"):
        query["municipalities"] = inputs["municipalities"]
    return "&".join(f"{key}={value}" for key, value in query.items())


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
        calc_link = f"{base}{calculator_url}?{calculator_query(m['model'], result['inputs'])}"
        items.append(
            f'<li class="finder-model {FIT_CLASS[m["fit"]]}" data-model="{escape(m["model"])}">'
            f'<h3><a href="{base}{escape(m["url"])}">{escape(m["number"])} – {escape(m["name"])}</a> '
            f'<span class="finder-fit">{_value(f"models.{i}.fit", m["fit"], str)}</span></h3>'
            '<table class="calc-table"><caption class="visually-hidden">'
            f"Kriterien für {escape(m['number'])}</caption>"
            '<thead><tr><th scope="col">Kriterium</th><th scope="col">Status</th>'
            '<th scope="col">Begründung</th></tr></thead>'
            f"<tbody>{criteria}</tbody></table>"
            f'<p class="finder-reasons">{escape(" ".join(m["reasons"]))}</p>'
            f'<p><a href="{escape(calc_link)}">Im Rechner mit {escape(m["number"])} rechnen</a></p></li>'
        )
    return (
        '<h2 id="finder-ergebnis">Ergebnis: alle Modelle, am besten passende zuerst</h2>'
        f'<ol class="finder-list">{"".join(items)}</ol>'
    )
