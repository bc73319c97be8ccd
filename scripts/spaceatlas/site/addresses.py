"""Every address the site publishes, and its one owner.

Pages and redirects from former slugs take their address here, in one registry:
an address already taken (the index page of a folder, another entry's page,
another redirect) cannot be taken again, so a redirect can never replace a page
and every published address has exactly one owner. (Data files need no claim:
their names end in .json, .csv or .xml, and a page's address never does.) The
record of every address ever published (content/published-urls.txt) is checked
against what the site serves now, so that educators' links never break.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..model.atlas import Atlas, entry_error
from ..model.entry import Entry
from ..read.content_files import Project, UnreadableFile, read_text
from ..read.errors import ContentError
from .sections import SECTIONS


def built_path(page: str, directory_urls: bool) -> str:
    """Where MkDocs serves a page, relative to the site's root:
    'treaties/ost.md' -> 'treaties/ost/' (or 'treaties/ost.html'); 'index.md' -> ''."""
    stem = page[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def built_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """A relative link from one built page to another (for HTML that MkDocs does not rewrite)."""
    served = built_path(from_page, directory_urls).rstrip("/")  # "" for the home page
    here = posixpath.dirname(served + "/x" if directory_urls and served else served)
    target = built_path(to_page, directory_urls)
    url = posixpath.relpath(target or ".", here or ".")
    if directory_urls and (target.endswith("/") or not target):
        url = url.rstrip("/") + "/"
    return "./" if url in (".", "./") else url


def redirect_file(page: str, directory_urls: bool) -> str:
    """The file a redirect stub is written to, for a former page 'treaties/ost.md'."""
    path = built_path(page, directory_urls)
    return path + "index.html" if directory_urls else path


@dataclass(frozen=True)
class Addresses:
    pages: list[tuple[str, Entry | None]]  # page path, and its entry if it has one
    redirects: dict[str, Entry]  # former page -> the entry it now leads to
    errors: list[ContentError]


def plan_addresses(atlas: Atlas) -> Addresses:
    """Give every page and redirect its address, reporting each one that is taken twice."""
    owners: dict[str, str] = {}  # address -> how messages name its owner
    errors: list[ContentError] = []

    def claim(page: str, owner: str, entry: Entry | None = None, path: tuple = (), what: str = "") -> bool:
        key = built_path(page, True)
        if key not in owners:
            owners[key] = owner
            return True
        if entry is not None:
            errors.append(
                entry_error(entry, path, f"{what} /{key} already belongs to {owners[key]}; choose another slug")
            )
        return False

    pages: list[tuple[str, Entry | None]] = []
    for page, section in SECTIONS.items():
        claim(page, section.owner)
        pages.append((page, None))
    entries = sorted(atlas.all_entries(), key=lambda e: e.file)
    for entry in entries:
        if claim(entry.page, entry.file, entry, (), "the address"):
            pages.append((entry.page, entry))
    for country in atlas.sorted_countries():
        claim(country.page, f"the country page of {country.name}")
        pages.append((country.page, None))
    redirects: dict[str, Entry] = {}
    for entry in entries:
        for index, old in enumerate(entry.fields.redirect_from):
            page = f"{entry.type.folder}/{old}.md"
            if claim(
                page,
                f"a redirect in {entry.file}",
                entry,
                ("redirect_from", index),
                f"'{old}' cannot redirect: the address",
            ):
                redirects[page] = entry
    return Addresses(sorted(pages, key=lambda p: p[0]), dict(sorted(redirects.items())), errors)


def redirect_stub(page: str, target: Entry, directory_urls: bool) -> str:
    """A small page that sends readers (and search engines, through its canonical link) to the new
    address. Its script keeps the address's #fragment (a section, a map's #year=1984), which a meta
    refresh drops; without JavaScript the refresh still leads to the page. The script holds only the
    address, written as a JSON string with no character that could end the script element."""
    target_url = built_url(page, target.page, directory_urls)
    url = html.escape(target_url, quote=True)
    in_script = json.dumps(target_url).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    name = html.escape(target.heading)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {name}</title>\n"
        f'<link rel="canonical" href="{url}">\n<meta name="robots" content="noindex">\n'
        f"<script>location.replace({in_script} + location.hash)</script>\n"
        f'<meta http-equiv="refresh" content="0; url={url}">\n</head>\n'
        f'<body>\n<p>This page has moved to <a href="{url}">{name}</a>.</p>\n</body>\n</html>\n'
    )


def current_addresses(plan: Addresses) -> set[str]:
    """Every address the site serves now: pages and redirects, as '/treaties/outer-space-treaty/'."""
    pages = [page for page, _ in plan.pages] + list(plan.redirects)
    return {"/" + built_path(page, True) for page in pages}


def read_published(project: Project) -> list[str]:
    if not os.path.lexists(project.root / project.published_file):  # a link is read, and refused
        return []
    return [line.strip() for line in read_text(project.root, project.published_file).splitlines()]


def check_published(project: Project, plan: Addresses, base_copy: Path | None = None) -> list[ContentError]:
    """A published address that is neither a page nor a redirect any more is an error. The record
    is a file the same pull request can edit: `base_copy` is the base branch's copy, which CI checks too."""
    try:
        records = [(project.published_file, read_published(project))]
        if base_copy is not None:
            records.append((str(base_copy), read_text(base_copy.parent, base_copy.name).splitlines()))
    except UnreadableFile as unreadable:
        return [unreadable.error]
    serving = current_addresses(plan)
    errors = []
    for file, published in records:
        for number, recorded in enumerate(published, start=1):
            recorded = recorded.strip()
            if not recorded or recorded.startswith("#") or recorded in serving:
                continue
            folder, _, slug = recorded.strip("/").rpartition("/")
            errors.append(
                ContentError(
                    file,
                    number,
                    1,
                    recorded,
                    f"this address was published and no longer exists; add 'redirect_from: [{slug}]' to the "
                    f"{folder} entry that replaced it (educators' links must keep working)",
                )
            )
    return errors


def write_published(project: Project, plan: Addresses) -> int:
    """Add every address the site serves now to the record; never remove one. Returns how many were added."""
    recorded = [a for a in read_published(project) if a and not a.startswith("#")]
    new = sorted(current_addresses(plan) - set(recorded))
    lines = [
        "# Every address this site has published, one per line. Generated by `spaceatlas urls --write`;",
        "# validation fails if one of these stops being a page or a redirect. Never delete a line.",
    ]
    lines += sorted(set(recorded) | set(new))
    (project.root / project.published_file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(new)
