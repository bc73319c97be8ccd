"""Check every link and anchor of a built site; list external links without fetching them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        for name in ("href", "src"):
            if values.get(name) is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(values[name])


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)  # "page: link (why)"
    external: dict[str, set[str]] = field(default_factory=dict)  # url -> pages using it
    checked: int = 0


def check_site(site: Path) -> LinkReport:
    parsed = {path.relative_to(site).as_posix(): _parse(path) for path in site.rglob("*.html")}
    report = LinkReport()
    for name, parser in sorted(parsed.items()):
        for link in parser.links:
            report.checked += 1
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") or link.startswith("//"):
                report.external.setdefault(link, set()).add(name)
                continue
            if parts.scheme and parts.scheme != "file":
                if parts.scheme == "javascript":
                    report.broken.append(f"{name}: {link} (javascript: link)")
                continue
            # A path from the site's root (the 404 page's links) or from the page's folder; none: the page itself.
            folder = "" if parts.path.startswith("/") else posixpath.dirname(name)
            path = posixpath.join(folder, unquote(parts.path).lstrip("/"))
            target = posixpath.normpath(path) if parts.path else name
            if target.startswith(".."):
                report.broken.append(f"{name}: {link} (leaves the site)")
                continue
            resolved = _resolve(site, target, parts.path.endswith("/"))
            if resolved is None:
                report.broken.append(f"{name}: {link} (no such file)")
                continue
            if parts.fragment and resolved.endswith(".html"):
                if resolved not in parsed or unquote(parts.fragment) not in parsed[resolved].ids:
                    report.broken.append(f"{name}: {link} (no anchor #{parts.fragment})")
    return report


def _parse(page: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser


def _resolve(site: Path, target: str, directory: bool) -> str | None:
    """The file a link's target (normalised, relative to the site) serves: a folder serves its index.html."""
    if directory or (site / target).is_dir():
        target = posixpath.normpath(posixpath.join(target, "index.html"))
    return target if (site / target).is_file() else None


def format_report(report: LinkReport) -> str:
    lines = [
        f"{report.checked} links checked, {len(report.broken)} broken, "
        f"{len(report.external)} distinct external links (not fetched)"
    ]
    lines += [f"BROKEN {line}" for line in report.broken]
    lines += [
        f"EXTERNAL {url}  (on {len(where)} page{'s' if len(where) != 1 else ''})"
        for url, where in sorted(report.external.items())
    ]
    return "\n".join(lines)
