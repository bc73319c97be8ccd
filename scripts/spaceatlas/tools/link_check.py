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
        self.links: list[tuple[str, str]] = []  # (attribute, value)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        for name in ("href", "src"):
            if values.get(name) is not None and not (tag == "link" and values.get("rel") in ("canonical",)):
                self.links.append((tag, values[name]))


@dataclass
class LinkReport:
    broken: list[str] = field(default_factory=list)  # "page: link (why)"
    external: dict[str, set[str]] = field(default_factory=dict)  # url -> pages using it
    checked: int = 0


def check_site(site: Path) -> LinkReport:
    pages = {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")}
    parsed: dict[str, _PageParser] = {}
    for name, path in pages.items():
        parser = _PageParser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parsed[name] = parser
    report = LinkReport()
    for name, parser in sorted(parsed.items()):
        for _tag, link in parser.links:
            report.checked += 1
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") or link.startswith("//"):
                report.external.setdefault(link, set()).add(name)
                continue
            if parts.scheme in ("mailto", "data") or (parts.scheme and parts.scheme not in ("file",)):
                if parts.scheme == "javascript":
                    report.broken.append(f"{name}: {link} (javascript: link)")
                continue
            if parts.path.startswith("/"):  # the 404 page links from the site's root
                target = posixpath.normpath(unquote(parts.path).lstrip("/") or ".")
            else:
                target = (
                    name
                    if not parts.path
                    else posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                )
            if target.startswith(".."):
                report.broken.append(f"{name}: {link} (leaves the site)")
                continue
            resolved = _resolve(site, target, parts.path.endswith("/"))
            if resolved is None:
                report.broken.append(f"{name}: {link} (no such file)")
                continue
            if parts.fragment and resolved.endswith(".html"):
                ids = parsed[resolved].ids if resolved in parsed else set()
                if unquote(parts.fragment) not in ids:
                    report.broken.append(f"{name}: {link} (no anchor #{parts.fragment})")
    return report


def _resolve(site: Path, target: str, directory: bool) -> str | None:
    if target in ("", "."):
        target = "index.html"
    path = site / target
    if path.is_dir() or directory:
        index = f"{target.rstrip('/')}/index.html" if target not in ("", ".") else "index.html"
        return index if (site / index).is_file() else None
    return target if path.is_file() else None


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
