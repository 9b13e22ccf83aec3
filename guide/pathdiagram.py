"""The Verstetigungspfad on /pfad/: models as boxes in rows by their degree of Verstetigung (top:
lowest), arrows for 'develops into'; the SVG is the autoescaped template ``path.svg.j2``."""

from __future__ import annotations

import re
import textwrap

from markupsafe import Markup

from calc.params import STAGES
from guide import urls
from guide.content import Content, Model
from guide.templating import render_template

BOX_W, BOX_H, GAP_X, GAP_Y, LEFT, TOP = 210, 66, 24, 44, 100, 12
LINE_MAX, LINES = 23, 2  # a model's table name inside its box: two lines of 23 characters (15px type)
SLASH = "\u2044"  # stands for a slash while the name is wrapped


def label_lines(name: str) -> list[str]:
    """The table name in up to two lines, broken between words; a longer one ends in '…' (the box's
    link names the model in full, and the list below the picture gives every name)."""
    # a line may also break after a slash between words ("KSM/KEM, KSM/Quartiersmanagement")
    words = re.sub(r"(?<=\S)/(?=\S)", SLASH + " ", name)
    lines = textwrap.wrap(words, LINE_MAX)
    if len(lines) > LINES:
        lines = [*lines[: LINES - 1], textwrap.shorten(" ".join(lines[LINES - 1 :]), LINE_MAX, placeholder=" …")]
    return [line.replace(SLASH + " ", "/").replace(SLASH, "/") for line in lines]


def path_layout(content: Content) -> dict[str, tuple[int, int]]:
    """(row, column): one row per Grad der personellen Verstetigung, models in order within it."""
    rows: dict[str, list[Model]] = {stage: [] for stage in STAGES}
    for m in content.models:
        rows[m.data["eigenschaften"]["verstetigungsgrad"]["stufe"]].append(m)
    return {m.id: (r, c) for r, stage in enumerate(STAGES) for c, m in enumerate(rows[stage])}


def path_svg(content: Content, doc: str) -> Markup:
    """The diagram as one line of SVG for the page ``doc`` (its links are relative to that page)."""
    layout = path_layout(content)
    columns = max(c for _, c in layout.values()) + 1

    def corner(model_id: str) -> tuple[int, int]:
        row, col = layout[model_id]
        return LEFT + col * (BOX_W + GAP_X), TOP + row * (BOX_H + GAP_Y)

    heads = [{"stage": stage, "y": TOP + i * (BOX_H + GAP_Y) + BOX_H / 2 + 4} for i, stage in enumerate(STAGES)]
    edges = []
    for m in content.models:
        for target in m.develops_into:
            (x1, y1), end = _arrow(corner(m.id), corner(target))
            x2, y2 = end
            edges.append(
                {
                    "x1": f"{x1:.0f}",
                    "y1": f"{y1:.0f}",
                    "x2": f"{x2:.0f}",
                    "y2": f"{y2:.0f}",
                    "dashed": bool(m.reading(target)),  # the site's reading, not the Steckbrief's words
                }
            )
    nodes = [
        {
            "model": m,
            "doc": urls.model_doc(m.id),
            "x": corner(m.id)[0],
            "y": corner(m.id)[1],
            "lines": label_lines(m.table_name),
        }
        for m in content.models
    ]
    svg = render_template(
        "path.svg.j2",
        doc,
        width=LEFT + columns * (BOX_W + GAP_X),
        height=TOP + len(STAGES) * (BOX_H + GAP_Y),
        box_w=BOX_W,
        box_h=BOX_H,
        heads=heads,
        edges=edges,
        nodes=nodes,
    )
    return Markup(svg.rstrip("\n"))


def _arrow(start: tuple[int, int], end: tuple[int, int]) -> tuple[tuple[float, float], tuple[float, float]]:
    """From box to box: bottom to top edge going down, top to bottom going up, side to side in a row."""
    (x1, y1), (x2, y2) = start, end
    if y2 > y1:
        return (x1 + BOX_W / 2, y1 + BOX_H), (x2 + BOX_W / 2, y2)
    if y2 < y1:
        return (x1 + BOX_W / 2, y1), (x2 + BOX_W / 2, y2 + BOX_H)
    if x2 > x1:
        return (x1 + BOX_W, y1 + BOX_H / 2), (x2, y2 + BOX_H / 2)
    return (x1, y1 + BOX_H / 2), (x2 + BOX_W, y2 + BOX_H / 2)
