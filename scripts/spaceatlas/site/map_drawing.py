"""The cooperation map as SVG markup, from the layout in views.network.

Written in Python rather than in the page template: at 5,000 entries the
drawing has tens of thousands of elements, and each number printed through
Jinja costs a filter, an escape and a finalize call."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from .views import Node


def _short(text: str, length: int = 24, leeway: int = 5) -> str:
    """A label that fits the drawing: long names are cut with an ellipsis."""
    return text if len(text) <= length + leeway else text[: length - 1] + "…"


def _label(node: Node) -> str:
    fields = getattr(node.target, "fields", None)
    acronym = getattr(fields, "acronym", None) if fields is not None else None
    return _short(acronym or node.target.heading)


def draw_map(nodes: list[Node], edges: list[tuple[Node, Node]], size: int, href: Callable[[object], str]) -> Markup:
    """`href(target)` gives the address of a node's page as seen from the map page."""
    out = [
        f'<svg viewBox="-110 0 {size + 220} {size}" role="group" aria-labelledby="atlas-map-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        '<title id="atlas-map-title">Network of programs and their partners</title>',
        '<g class="atlas-map__edges">',
    ]
    out += [
        f'<line x1="{round(a.x, 1)}" y1="{round(a.y, 1)}" x2="{round(b.x, 1)}" y2="{round(b.y, 1)}"/>' for a, b in edges
    ]
    out.append("</g>")
    for node in nodes:
        short = escape(_label(node))
        out += [
            f'<a href="{escape(href(node.target))}" class="atlas-map__node atlas-map__node--{node.kind}" '
            f'aria-label="{short}: {escape(node.target.heading)}">',
            f'<circle cx="{round(node.x, 1)}" cy="{round(node.y, 1)}" r="{7 if node.kind == "program" else 5}"/>',
            f'<text x="{round(node.label_x, 1)}" y="{round(node.label_y, 1)}" '
            f'text-anchor="{node.anchor}">{short}</text>',
            "</a>",
        ]
    out.append("</svg>")
    return Markup("\n".join(out))
