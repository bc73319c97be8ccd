"""Figures a teacher can take to class: each map and chart as a file of its own, SVG and PNG, at a
stable address (figures/<name>.svg), carrying in the image itself its title, caption, date, source
line and licence, so that a copy pasted into slides still says what it is and where it came from.

The PNG is drawn from the SVG by resvg (the resvg-py wheel: no system library to install).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import resvg_py

from ..read.partial_date import PartialDate
from .markdown_text import escape_markup as escape

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
WIDTH = 1000  # the figure's width in its own units; the picture is scaled into it
PNG_ZOOM = 1.25  # 1,250 pixels wide: sharp on a projector
# Drawing a PNG takes a fifth to a half of a second: only the most widely joined instruments get one
# (every instrument of the real site today), so that a pull request of hundreds of lists costs no more.
PNG_INSTRUMENTS = 12

# The light palette of the site's stylesheet, written out: a figure file carries no stylesheet.
STYLE = """
text { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; fill: #1f2328; }
.head { font-size: 22px; font-weight: 700; } .foot { font-size: 13px; }
.atlas-world path, .atlas-world circle { fill: #dcdfe4; stroke: #ffffff; stroke-width: 0.5; }
.atlas-world circle { stroke: #1f2328; stroke-width: 0.6; }
.party path, .party circle { fill: #2f6db5; }
.signatory path, .signatory circle { fill: url(#atlas-hatch); stroke: #2f6db5; stroke-width: 0.8; }
.withdrawn path, .withdrawn circle { fill: #d9822b; }
.hatch-ground { fill: #9ec0e8; stroke: none; } .hatch-line { stroke: #2f6db5; stroke-width: 1.6; }
.treaties-0 path, .treaties-0 circle { fill: #e6e9ee; } .treaties-1 path, .treaties-1 circle { fill: #d4e4f4; }
.treaties-2 path, .treaties-2 circle { fill: #a6c8ea; } .treaties-3 path, .treaties-3 circle { fill: #6fa3d8; }
.treaties-4 path, .treaties-4 circle { fill: #3a78bf; } .treaties-5 path, .treaties-5 circle { fill: #154a8a; }
.atlas-chart text { font-size: 12px; } .atlas-chart .grid { stroke: #dcdfe4; }
.atlas-chart .line { fill: none; stroke: #2f6db5; stroke-width: 2.5; } .atlas-chart .dot { fill: #2f6db5; }
"""


@dataclass(frozen=True)
class Figure:
    name: str  # the file name without extension: 'outer-space-treaty-map'
    title: str
    caption: str
    as_of: PartialDate
    source: str  # where the data comes from, in a line
    legend: tuple[tuple[str, str], ...] = ()  # (CSS class of a swatch, what it means)
    png: bool = True  # also drawn as a PNG

    @property
    def svg_path(self) -> str:
        return f"figures/{self.name}.svg"

    @property
    def png_path(self) -> str:
        return f"figures/{self.name}.png"


def _group(link: re.Match) -> str:
    """A link of the picture as a plain group with the same class (the class gives the colour)."""
    css = re.search(r'class="([^"]*)"', link.group())
    return f'<g class="{css.group(1)}">' if css else "<g>"


def figure_svg(figure: Figure, picture: str, site_url: str) -> str:
    """A standalone SVG: the title, the picture scaled to the figure's width, its legend, then the
    caption, date, source and licence. Links inside the picture become plain groups: they are relative to a page."""
    width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', picture).groups())
    scale = WIDTH / width
    inner = re.sub(r"<a\b[^>]*>", _group, picture).replace("</a>", "</g>")
    inner = inner.replace(" data-search-exclude ", " ")  # a boolean HTML attribute, not XML
    opening = re.match(r"<svg\b[^>]*>", inner).group()
    placed = re.sub(r' (?:width|height|x|y)="[^"]*"', "", opening).replace(
        "<svg ", f'<svg x="0" y="48" width="{WIDTH}" height="{round(height * scale, 1)}" ', 1
    )
    inner = placed + inner[len(opening) :]
    y = 48 + height * scale + 26
    out = []
    for css, label in figure.legend:  # swatches drawn as map shapes are, so they take the same colours
        out.append(f'<g class="{escape(css)}"><path d="M0 {y - 11}h22v13h-22z"/></g>')
        out.append(f'<text class="foot" x="30" y="{y}">{escape(label)}</text>')
        y += 20
    address = f"{site_url}/{figure.svg_path}" if site_url else figure.svg_path
    lines = textwrap.wrap(figure.caption, 130) + textwrap.wrap(
        f"As of {figure.as_of.human()}. Source: {figure.source}.", 130
    )
    lines.append(f"Space Cooperation Atlas, {address}. Licence: {LICENCE} ({LICENCE_URL}).")
    for line in lines:
        out.append(f'<text class="foot" x="0" y="{round(y, 1)}">{escape(line)}</text>')
        y += 20
    total = round(y, 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total}" width="{WIDTH}" height="{total}">'
        f"<title>{escape(figure.title)}</title><style>{STYLE}</style>"
        f'<rect width="{WIDTH}" height="{total}" fill="#ffffff"/>'
        f'<text class="head" x="0" y="28">{escape(figure.title)}</text>{inner}'
        f'<g class="atlas-world">{"".join(out)}</g></svg>\n'
    )


def figure_png(svg: str) -> bytes:
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=PNG_ZOOM, background="white"))


def site_figures(views, pictures) -> dict[str, tuple[Figure, str]]:
    """Every figure of the site, by name: each instrument's map and its chart over time, and the
    world map of the UN treaties joined, each with its picture. `pictures` draws them (site/pictures.py)."""
    found: dict[str, tuple[Figure, str]] = {}
    drawn = sorted(views.instruments, key=lambda t: -len(views.status(t).records))[:PNG_INSTRUMENTS]
    for treaty in views.instruments:
        status, words, png = views.status(treaty), views.status(treaty).words, treaty in drawn
        counts = status.counts
        source = f"the actions listed on the {treaty.name} page, each with its own source"
        legend = (("party", f"{words.joined}: {counts['parties']}"),)
        if counts["signatories"] or words.binding:
            legend += (("signatory", f"Signatory only: {counts['signatories']}"),)
        if counts["withdrawn"]:
            legend += (("withdrawn", f"Withdrawn: {counts['withdrawn']}"),)
        legend += (("none", words.not_joined if status.complete else "Not yet listed here (the list is not complete)"),)
        caption = f"{treaty.name} ({status.nature}): {words.members.lower()}, from the dated actions recorded."
        title = f"{treaty.name}: {words.members.lower()}"
        found[f"{treaty.slug}-map"] = (
            Figure(f"{treaty.slug}-map", title, caption, status.as_of, source, legend, png),
            pictures.instrument_map(treaty),
        )
        if len(status.parties_by_year) > 1:
            found[f"{treaty.slug}-over-time"] = (
                Figure(
                    f"{treaty.slug}-over-time",
                    f"{treaty.name}: {words.over_time.lower()}",
                    words.over_time + ", counted from the dated actions recorded.",
                    status.as_of,
                    source,
                    png=png,
                ),
                pictures.parties_chart(treaty),
            )
    if views.un_treaties:
        total = len(views.un_treaties)
        legend = tuple((f"treaties-{n}", f"{n} of the {total} UN treaties") for n in range(total, -1, -1))
        found["un-treaties-joined-map"] = (
            Figure(
                "un-treaties-joined-map",
                f"How many of the {total} UN treaties on outer space each state has joined",
                "From the actions listed on each treaty's page"
                + (
                    "."
                    if views.un_lists_complete
                    else "; some lists are not yet complete, so a state may have joined more."
                ),
                views.un_as_of,
                "the five UN treaties' pages, each action with its own source",
                legend,
            ),
            pictures.treaty_count_map(),
        )
    return found
