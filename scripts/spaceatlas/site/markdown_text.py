"""Text from YAML is data: make it display literally inside generated Markdown.

Every character that Markdown, HTML or the enabled extensions could read as
syntax is written as an HTML character reference, which every Markdown engine
passes through and every browser shows as the character itself. Newlines are
folded, so a value can never start a new block (a heading, a list, a table row).
"""

from __future__ import annotations

import functools
import re

from markupsafe import Markup

_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SYNTAX = "\\`*_{}[]#|!~^=$"
_TABLE = str.maketrans({**_REFERENCES, **{char: f"&#{ord(char)};" for char in _SYNTAX}})
_LIST_START = re.compile(r"^(\d+)([.)])")


class Markdown(Markup):
    """Markdown the generator wrote itself; templates output it unescaped.

    It is a markupsafe.Markup: Jinja's `safe` and `e` filters make the same
    type, so `finalize` passes all of them through and escapes everything else."""


def escape_text(value) -> Markdown:
    return _escape(str(value))


@functools.lru_cache(maxsize=1 << 16)  # names and labels repeat on many pages
def _escape(value: str) -> Markdown:
    escaped = " ".join(value.split()).translate(_TABLE)
    # A leading "-", "+" or "1." would start a list.
    if escaped[:1] in ("-", "+"):
        escaped = f"&#{ord(escaped[0])};" + escaped[1:]
    elif escaped[:1].isdigit():
        escaped = _LIST_START.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", escaped)
    return Markdown(escaped)


def escape_markup(value) -> Markdown:
    """Text for HTML or SVG the generator writes, as content or as an attribute value: inert as
    Markdown (MkDocs may read the picture's text as Markdown) and as HTML, quotes included."""
    # str(): Markup.replace would escape its own arguments, writing &amp;quot; for a quote.
    return Markdown(str(_escape(str(value))).replace('"', "&quot;").replace("'", "&#39;"))


def paragraphs(value) -> list[str]:
    """Split plain text on blank lines; each part is escaped when output."""
    if not value:
        return []
    return [part for part in re.split(r"\n\s*\n", str(value)) if part.strip()]


def finalize(value):
    """Jinja's finalize hook: everything a template prints is escaped unless it is Markdown."""
    kind = type(value)  # the two common kinds first: half a million values at 5,000 entries
    if kind is str:
        return _escape(value)
    if kind is Markdown or isinstance(value, Markup):  # links, dates, the map: Markdown or HTML we made
        return value
    if value is None:
        return ""
    return _escape(str(value))
