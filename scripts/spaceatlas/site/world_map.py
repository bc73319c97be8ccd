"""World maps as inline SVG, drawn at build time from Natural Earth's outlines (geometry/README.md).

Each state is coloured by a status class from the model; the page's stylesheet
gives the colours (light, dark and print) and a hatch for "signatory only", so
colour is never the only carrier. A state with a page is a link to it, with an
accessible name and a <title>; the same facts are always in a table beside the
map. Nothing is loaded from anywhere at view time.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pycountry
from markupsafe import Markup

from .markdown_text import escape_markup as escape

GEOMETRY = Path(__file__).parent / "geometry"
WIDTH = 1000  # the drawing's width in its own units; the page scales it
_EQUAL_EARTH = (1.340264, -0.081106, 0.000893, 0.003796)


@dataclass(frozen=True)
class Shape:
    code: str  # ISO 3166-1 alpha-2, or "" for land no ISO code covers (Kosovo, Somaliland, N. Cyprus)
    path: str  # SVG path data, in map units, within a unit (a pixel at most) of the outline: half the text
    locator_path: str  # the same, simplified for a small map of the whole world
    box: tuple[float, float, float, float]  # its extent in map units: left, top, right, bottom


@dataclass(frozen=True)
class Mark:
    """What one state's shape shows on a map."""

    status: str  # a class name: party, signatory, withdrawn, organisation-member, none, highlight...
    label: str  # accessible name and <title>, e.g. "Kenya: party since 1984 (accession)"
    href: str | None = None  # its page, relative to the page the map is on
    years: dict[str, int] | None = None  # for the year control: {"s": 1967, "j": 1968, "w": 2024}


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Equal Earth projection (Šavrič, Patterson and Jenny, 2018), unit sphere."""
    a1, a2, a3, a4 = _EQUAL_EARTH
    theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * math.sqrt(3)
        * math.radians(lon)
        * math.cos(theta)
        / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    )
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


_X_MAX = _equal_earth(180, 0)[0]
_Y_MAX = _equal_earth(0, 90)[1]
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round(2 * _Y_MAX * SCALE * 0.87)  # Antarctica is left out: cut the south


def _project(lon: float, lat: float) -> tuple[float, float]:
    x, y = _equal_earth(lon, lat)
    return (x + _X_MAX) * SCALE, (_Y_MAX - y) * SCALE


def _decode(topology: dict, wanted: Callable[[dict], bool] = lambda geometry: True):
    """TopoJSON's quantized, delta-encoded arcs back into polygons of (lon, lat), for the
    geometries `wanted` accepts (each arc is decoded once, and only if one of them needs it)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]

    @functools.cache
    def arc(index: int) -> list[tuple[float, float]]:
        x = y = 0
        points = []
        for dx, dy in topology["arcs"][index]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arc(index) if index >= 0 else arc(~index)[::-1]
            points += part[1:] if points else part
        return points

    for geometry in topology["objects"]["countries"]["geometries"]:
        if not wanted(geometry):
            continue
        kind = geometry.get("type")
        polygons = (
            [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", []) if kind == "MultiPolygon" else []
        )
        yield geometry, [[ring(r) for r in polygon] for polygon in polygons]


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: drop points closer than `tolerance` to the line through their neighbours."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            # A closed ring starts and ends at one point: measure from that point.
            distance = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the 180th meridian (Russia, Fiji) made continuous: the part beyond it
    is drawn past the map's edge, where the SVG's viewport cuts it off, instead of as a line
    across the whole map."""
    out, shift, last = [], 0.0, None
    for lon, lat in ring:
        if last is not None and abs(lon + shift - last) > 180:
            shift += 360 if last > lon + shift else -360
        last = lon + shift
        out.append((last, lat))
    return out


def _path(rings: list[list[tuple[float, float]]], tolerance: float) -> str:
    """SVG path data with whole-number relative steps (a fifth of the text of absolute decimals);
    with a tolerance, simplified first, for small maps."""
    parts = []
    for ring in rings:
        steps, last = [], None
        for x, y in _simplify(ring, tolerance) if tolerance else ring:
            point = (round(x), round(y))
            if last is None:
                steps.append(f"M{point[0]} {point[1]}")
            elif point != last:
                steps.append(f"l{point[0] - last[0]} {point[1] - last[1]}")
            last = point
        if len(steps) > 2:
            parts.append("".join(steps) + "z")
    return "".join(parts)


def _projected(polygons) -> list[list[tuple[float, float]]]:
    return [[_project(lon, lat) for lon, lat in _unwrapped(ring)] for polygon in polygons for ring in polygon]


def _box(rings: list[list[tuple[float, float]]]) -> tuple[float, float, float, float]:
    xs, ys = [x for ring in rings for x, _ in ring], [y for ring in rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


# A locator shows at least this width of the map (about a continent) around its state, so that a
# small state is seen clearly and still in its region; a state wider than a fraction of it gets more.
REGION = 300


def _region(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The part of the map (left, top, width, height, in the map's own proportions) that a locator
    of a state with extent `box` shows: the whole map for the largest states."""
    left, top, right, bottom = box
    width = max(REGION, 2.5 * (right - left), 2.5 * (bottom - top) * WIDTH / HEIGHT)
    if width >= WIDTH:
        return 0, 0, WIDTH, HEIGHT
    height = width * HEIGHT / WIDTH
    x = min(max((left + right - width) / 2, 0), WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0), HEIGHT - height)
    return round(x), round(y), round(width), round(height)


def _alpha_2(numeric: str | None) -> str:
    record = pycountry.countries.get(numeric=numeric) if numeric and numeric.isdigit() else None
    return record.alpha_2 if record else ""


@functools.cache
def world() -> tuple[Shape, ...]:
    """Every country's shape, once per process; states missing at 1:110m as dots placed from 1:50m."""
    shapes: dict[str, Shape] = {}
    unnamed = []
    for geometry, polygons in _decode(json.loads((GEOMETRY / "countries-110m.json").read_text())):
        code = _alpha_2(geometry.get("id"))
        if code == "AQ":  # Antarctica: no state's territory, and cut off the map's south
            continue
        rings = _projected(polygons)
        shape = Shape(code, _path(rings, 1), _path(rings, 2.5), _box(rings))
        if code:
            shapes[code] = shape
        else:
            unnamed.append(shape)
    too_small = lambda geometry: _alpha_2(geometry.get("id")) not in shapes  # noqa: E731
    for geometry, polygons in _decode(json.loads((GEOMETRY / "countries-50m.json").read_text()), too_small):
        code = _alpha_2(geometry.get("id"))
        if code:
            points = [_project(lon, lat) for polygon in polygons for ring in polygon[:1] for lon, lat in ring]
            if points:
                dot = (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))
                shapes[code] = Shape(code, "", "", (*dot, *dot))
    return tuple(sorted(shapes.values(), key=lambda s: s.code)) + tuple(unnamed)


def world_map(marks: dict[str, Mark], title: str, *, element_id: str, locator: bool = False) -> Markup:
    """A world map: every state's shape, classed and labelled by `marks` (keyed by ISO code).

    A full map links each marked state with a page; a locator map is small, coarse and not
    interactive (its one highlighted state is named in its title), and shows the region around
    that state: only the shapes that reach into it are drawn."""
    ident = escape(element_id)
    view = (0, 0, WIDTH, HEIGHT)
    if locator:
        view = _region(next((s.box for s in world() if s.code in marks), (0, 0, WIDTH, HEIGHT)))
    out = [
        f'<svg data-search-exclude class="atlas-world{" atlas-world--locator" if locator else ""}" '
        f'viewBox="{" ".join(map(str, view))}" '
        f'role="{"img" if locator else "group"}" aria-labelledby="{ident}-title" xmlns="http://www.w3.org/2000/svg" '
        f'id="{ident}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
    ]
    if not locator:  # "signatory only" is hatched as well as coloured (the stylesheet gives the colours)
        out.append(
            '<defs><pattern id="atlas-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect class="hatch-ground" width="4" height="4"/>'
            '<line class="hatch-line" x1="0" y1="0" x2="0" y2="4"/></pattern></defs>'
        )
    dots, unmarked = [], []
    for shape in world():
        if locator and not _overlaps(shape.box, view):
            continue
        mark = marks.get(shape.code) if shape.code else None
        path = shape.locator_path if locator and view[2] > WIDTH / 2 else shape.path  # a region: in full
        if mark is not None and (not path or _tiny(shape.box)):  # too small to see: a dot, drawn last
            if mark.status != "none":
                dots.append((shape, mark))
                continue
            mark = None  # nothing to say about it: plain land
        if mark is None:
            unmarked.append(path)  # land with nothing to say: one shape for all of it
        else:
            out.append(_shape(f'<path d="{path}"/>', mark, locator))
    out.insert(3 if not locator else 2, f'<path class="land" aria-hidden="true" d="{"".join(unmarked)}"/>')
    for shape, mark in dots:  # drawn last, over the larger shapes around them
        x, y = (shape.box[0] + shape.box[2]) / 2, (shape.box[1] + shape.box[3]) / 2
        out.append(_shape(f'<circle cx="{round(x, 1)}" cy="{round(y, 1)}" r="{6 if locator else 4}"/>', mark, locator))
    out.append("</svg>")
    return Markup("".join(out))


def _tiny(box: tuple[float, float, float, float]) -> bool:
    return max(box[2] - box[0], box[3] - box[1]) < 4  # in map units: under 3 px on a full-width map


def _overlaps(box: tuple[float, float, float, float], view: tuple[float, float, float, float]) -> bool:
    left, top, width, height = view
    return box[0] <= left + width and box[2] >= left and box[1] <= top + height and box[3] >= top


def _shape(element: str, mark: Mark, locator: bool) -> str:
    classes = escape(mark.status)
    label = escape(mark.label)
    years = "".join(f' data-{key}="{value}"' for key, value in sorted((mark.years or {}).items()))
    if locator:
        return f'<g class="{classes}">{element}</g>'
    if mark.href is None:
        return f'<g class="{classes}" role="img" aria-label="{label}"{years}><title>{label}</title>{element}</g>'
    return (
        f'<a class="{classes}" href="{escape(mark.href)}" aria-label="{label}"{years}>'
        f"<title>{label}</title>{element}</a>"
    )
