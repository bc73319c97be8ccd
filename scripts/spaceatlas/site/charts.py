"""Small charts as inline SVG, drawn at build time: parties over time, the cooperation grid,
a country's partners. Every label is text of 12 units or more in a drawing shown at its own
size (never scaled down), every mark is a link or has a <title>, and the numbers they show
are always in a table beside them.
"""

from __future__ import annotations

from markupsafe import Markup

from .markdown_text import escape_markup as escape

ROW = 16  # grid cell and bar height: more than a label's height, so labels never overlap
LABEL_WIDTH = 7.2  # a generous average advance of one character of a label (12 px), for laying out


def _text_width(text: str) -> float:
    return len(text) * LABEL_WIDTH


def _opening(css: str, width: float, height: float, role: str, title: str, element_id: str) -> list[str]:
    """The <svg> element drawn at its own size, named by its <title>."""
    return [
        f'<svg data-search-exclude class="{css}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="{role}" '
        f'aria-labelledby="{element_id}-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
    ]


def parties_over_time(points: list[tuple[int, int]], title: str, element_id: str, words) -> Markup:
    """A step chart of how many states had joined by the end of each year (`words`: the instrument's Wording)."""
    if not points:
        return Markup("")
    width, height, left, bottom, top = 640, 220, 44, 28, 12
    first, last = points[0][0], points[-1][0]
    peak = max(count for _, count in points) or 1
    step = _nice_step(peak)
    ceiling = -(-peak // step) * step
    span = max(last - first, 1)

    def x(year: float) -> float:
        return round(left + (year - first) / span * (width - left - 12), 1)

    def y(count: float) -> float:
        return round(top + (1 - count / ceiling) * (height - top - bottom), 1)

    out = _opening("atlas-chart", width, height, "img", title, element_id)
    for value in range(0, ceiling + 1, step):
        out.append(
            f'<line class="grid" x1="{left}" x2="{width - 12}" y1="{y(value)}" y2="{y(value)}"/>'
            f'<text x="{left - 6}" y="{y(value) + 4}" text-anchor="end">{value}</text>'
        )
    decade = 10 if span > 25 else 5 if span > 8 else 1
    for year in range(first - first % decade + (decade if first % decade else 0), last + 1, decade):
        out.append(f'<text x="{x(year)}" y="{height - 8}" text-anchor="middle">{year}</text>')
    line = [f"M{x(first)} {y(points[0][1])}"]
    for (year, count), (_, before) in zip(points[1:], points):
        if count != before:
            line.append(f"H{x(year)}V{y(count)}")
    line.append(f"H{x(last + 1) if last > first else x(last)}")
    out.append(f'<path class="line" d="{"".join(line)}"/>')
    year, count = points[-1]
    out.append(
        f'<circle class="dot" cx="{x(year)}" cy="{y(count)}" r="3.5">'
        f"<title>{year}: {escape(words.count(count))}</title></circle>"
    )
    out.append("</svg>")
    return Markup("".join(out))


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200):
        if peak / step <= 6:
            return step
    return 500


def cooperation_grid(
    names: list[tuple[str, str]], cells: dict[tuple[int, int], tuple[int, str]], title: str, element_id: str
) -> Markup:
    """A country × country grid: `names` are (label, link) per row and column in order; `cells`
    maps (row, column) to (number of shared programs, their names). Shaded by count."""
    count = len(names)
    if not count:
        return Markup("")
    margin = round(max(_text_width(label) for label, _ in names)) + 12
    size = margin + count * ROW + 4
    out = _opening("atlas-grid", size, size, "group", title, element_id)
    for index, (label, href) in enumerate(names):
        middle = margin + index * ROW + ROW / 2
        name = escape(label)
        out.append(
            f'<a href="{escape(href)}" class="label"><text x="{margin - 6}" y="{middle + 4}" '
            f'text-anchor="end">{name}</text></a>'
        )
        out.append(
            f'<a href="{escape(href)}" class="label"><text transform="translate({middle + 4} {margin - 6}) '
            f'rotate(-90)">{name}</text></a>'
        )
    out.append(f'<rect class="frame" x="{margin}" y="{margin}" width="{count * ROW}" height="{count * ROW}"/>')
    for (row, column), (shared, programs) in sorted(cells.items()):
        level = 1 if shared == 1 else 2 if shared <= 3 else 3 if shared <= 6 else 4
        tip = escape(
            f"{names[row][0]} and {names[column][0]}: {shared} shared program{'s' if shared != 1 else ''} — {programs}"
        )
        out.append(
            f'<rect class="level-{level}" x="{margin + column * ROW + 1}" y="{margin + row * ROW + 1}" '
            f'width="{ROW - 2}" height="{ROW - 2}"><title>{tip}</title></rect>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def partner_bars(bars: list[tuple[str, str, int, str]], title: str, element_id: str) -> Markup:
    """Horizontal bars: (label, link, value, tooltip) per partner, largest first."""
    if not bars:
        return Markup("")
    margin = round(max(_text_width(label) for label, *_ in bars)) + 12
    peak = max(value for _, _, value, _ in bars)
    unit = 240 / peak
    width, height = margin + 240 + 40, len(bars) * (ROW + 4) + 4
    out = _opening("atlas-bars", width, height, "group", title, element_id)
    for index, (label, href, value, tip) in enumerate(bars):
        top = 2 + index * (ROW + 4)
        out.append(
            f'<a href="{escape(href)}"><title>{escape(tip)}</title>'
            f'<text x="{margin - 6}" y="{top + ROW - 4}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{margin}" y="{top}" width="{round(value * unit, 1)}" height="{ROW}"/>'
            f'<text class="value" x="{margin + round(value * unit, 1) + 4}" y="{top + ROW - 4}">{value}</text></a>'
        )
    out.append("</svg>")
    return Markup("".join(out))
