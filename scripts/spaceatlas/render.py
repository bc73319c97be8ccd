"""Render the atlas into Markdown pages with the Jinja templates in templates/pages/."""

from __future__ import annotations

import functools
import html
import math
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import orjson
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from .addresses import built_path
from .atlas import Atlas
from .countries import Country
from .history import FileDates, recently_changed
from .loader import Entry
from .map_drawing import draw_map
from .markdown_text import Markdown, escape_text, finalize, paragraphs
from .partial_date import PartialDate
from .rendered_files import Job
from .schema import ENTRY_TYPES
from .views import SiteViews


class SiteOptions(NamedTuple):
    """Build settings the pages print: the address scheme, the deployed address, the edit link base."""
    directory_urls: bool
    site_url: str  # without a trailing slash; "" when not known
    edit_base: str | None


def built_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """A link for raw HTML (which MkDocs does not rewrite), from one built page to another."""
    here = posixpath.dirname(built_path(from_page, directory_urls).rstrip("/") + ("/x" if directory_urls else ""))
    target = built_path(to_page, directory_urls)
    url = posixpath.relpath(target or ".", here or ".")
    if directory_urls and (target.endswith("/") or not target):
        url = url.rstrip("/") + "/"
    return "./" if url in (".", "./") else url


def link(target: Entry | Country, text=None) -> Markdown:
    # Link text is the plain name: acronyms repeated in every link would drown an
    # acronym search (lunr ranks rare words first) in pages that merely mention it.
    return _link(target.page, target.name if text is None else str(text))


@functools.lru_cache(maxsize=1 << 16)  # the same few thousand links recur on many pages
def _link(page: str, text: str) -> Markdown:
    # From the docs root: the same Markdown on every page; MkDocs makes it relative
    # (validation.links.absolute_links: relative_to_docs in mkdocs.yml).
    return Markdown(f"[{escape_text(text)}](/{page})")


def link_list(targets: list[Entry | Country]) -> Markdown:
    """Links separated by commas, e.g. a program's partners."""
    return Markdown(", ".join(link(target) for target in targets))


def url(page: str) -> Markdown:
    """A link target for a site file named from the docs root, e.g. 'api/v1/entries.json'."""
    return Markdown(f"/{page}")


def external_link(address: str, text=None) -> Markdown:
    # Addresses are checked against a strict http(s) pattern by the schema.
    return Markdown(f"[{escape_text(text or address)}]({address})")


def human_date(value: PartialDate | None) -> Markdown | str:
    """A date for readers, machine-readable too (sortable tables and the timeline use `datetime`)."""
    return _human_date(value) if value else ""


@functools.lru_cache(maxsize=1 << 14)  # a few thousand days, printed on many pages
def _human_date(value: PartialDate) -> Markdown:
    return Markdown(f'<time datetime="{value.iso()}">{value.human()}</time>')


def citation(source: Entry) -> Markdown:
    """A source as an entry's list of sources names it: title (linked to its page), publisher,
    date and address. Most sources are listed on many pages: each line is made once."""
    f = source.fields
    return _citation(source.page, f.title, f.publisher, f.date, f.address)


@functools.lru_cache(maxsize=1 << 14)
def _citation(page: str, title: str, publisher: str, date: PartialDate | None, address: str | None) -> Markdown:
    parts = [_link(page, title), " — ", escape_text(publisher)]
    if date:
        parts += [", ", _human_date(date)]
    if address:
        parts += [". ", external_link(address)]
    return Markdown("".join(parts))


def label(value: str) -> str:
    """A schema choice such as 'national-agency' as readers see it."""
    return str(value).replace("-", " ").capitalize()


@functools.cache
def make_environment(templates: Path, compiled: Path | None = None) -> Environment:
    """One environment per templates folder, kept between builds of `mkdocs serve`:
    a template is compiled again only when its file changes. With `compiled`, compiled templates
    are kept in that folder, found by their source's checksum: a build reuses what the last one
    compiled unless the file changed (0.1-0.2 s of the 2.3 s of rendering at 5,000 entries)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled and _writable(compiled) else None,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # No autoescape: `finalize` escapes every printed value for Markdown unless it is Markdown we
        # made (a Markup). HTML autoescaping on top would only re-wrap each value, at twice the cost.
        autoescape=False,
    )
    env.globals.update(entry_types=ENTRY_TYPES)
    # Filters, not global functions: Jinja calls a filter directly, a global through its
    # context (ten times the cost, over a hundred thousand links at 5,000 entries).
    env.filters.update(link=link, link_list=link_list, url=url, external_link=external_link, built_path=built_path,
                       date=human_date, citation=citation, paragraphs=paragraphs, label=label, bibtex=bibtex)
    return env


def _writable(folder: Path) -> bool:
    """Whether compiled templates can be kept there (a read-only checkout builds without)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def fresh_environment(templates: Path, compiled: Path | None = None) -> Environment:
    """The environment with every template current: edited files are checked once per build,
    not once per page and include."""
    env = make_environment(templates, compiled)
    env.auto_reload = True
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    env.auto_reload = False
    return env


def front_matter(meta: dict) -> str:
    # MkDocs themes print page.title and page.meta without HTML escaping: escape here.
    # Each value is written as JSON, which is also YAML, and far quicker to produce (orjson: sorted keys, UTF-8).
    safe = {key: html.escape(value, quote=True) if isinstance(value, str) else value for key, value in meta.items()}
    lines = [f"{key}: {orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()}" for key, value in sorted(safe.items())]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def render_page(env: Environment, template: str, meta: dict, **context) -> str:
    body = env.get_template(template).render(**context)
    return front_matter(meta) + body


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


def page_jobs(atlas: Atlas, templates: Path, dates: dict[str, FileDates], directory_urls: bool = True,
              site_url: str | None = None, edit_base: str | None = None, compiled: Path | None = None) -> list[Job]:
    """One job per page of the site, e.g. 'treaties/outer-space-treaty.md'. Making the jobs
    costs next to nothing: templates are compiled, and each page's details worked out, when
    the first job runs (which may be in another process)."""
    environment = functools.cache(lambda: fresh_environment(templates, compiled))
    views = SiteViews(atlas)  # each view is computed once, by the first page that needs it
    site = SiteOptions(directory_urls, (site_url or "").rstrip("/"), edit_base)
    shared = {"atlas": atlas, "views": views, "site": site,
              "updated": {file: _as_date(d.changed) for file, d in dates.items()}}
    jobs: list[Job] = []

    def add(page: str, template: str, meta: dict | Callable[[], dict], **context) -> None:
        """`meta` is the front matter, or for entry pages a function making it (in the job)."""
        jobs.append(Job((page,), lambda: {page: render_page(environment(), template,
                                                            meta() if callable(meta) else meta, **shared, **context)}))

    for entry in atlas.all_entries():
        add(entry.page, f"{entry.type.name}.md.j2", functools.partial(entry_meta, atlas, entry), entry=entry)
    for country in atlas.sorted_countries():
        add(country.page, "country.md.j2",
            {"title": country.name, "description": f"{country.name} in international space cooperation."},
            country=country)
    for entry_type in ENTRY_TYPES.values():
        add(f"{entry_type.folder}/index.md", f"{entry_type.name}_index.md.j2", {"title": entry_type.label},
            entry_type=entry_type, entries=atlas.of_type(entry_type.name))
    add("countries/index.md", "country_index.md.j2", {"title": "Countries"})
    add("status-matrix.md", "status_matrix.md.j2", {"title": "Treaty status matrix",
        "description": "Which states and organizations signed, ratified or acceded to which space instruments."})
    add("timeline.md", "timeline.md.j2", {"title": "Timeline",
        "description": "Every dated event on the site in order: instruments, signatures, programs, agencies."})
    add("map.md", "map.md.j2", {"title": "Cooperation map",
        "description": "Who works with whom: programs and the agencies and countries taking part."},
        drawing=lambda: draw_map(*views.network, href=lambda target: built_url("map.md", target.page,
                                                                               directory_urls)))
    add("tags.md", "tags.md.j2", {"title": "Tags"})
    add("data.md", "data.md.j2", {"title": "Data downloads",
        "description": "The whole dataset as JSON and CSV, with the JSON Schema of each entry type."})
    # No title in the home page's front matter: Material then titles it with the site name alone.
    add("index.md", "home.md.j2", {"description": "A reference to international cooperation in space: "
                                                  "treaties, programs, agencies and the countries behind them."},
        recent=recently_changed(atlas.all_entries(), dates, 10))
    return jobs


def entry_meta(atlas: Atlas, entry: Entry) -> dict:
    """An entry page's front matter: title, description for search results and links, tags, search rank."""
    return {"title": entry.heading, "description": _description(entry.fields.summary), "tags": entry_tags(entry),
            "search": {"boost": search_boost(atlas, entry)}}


def _as_date(day) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def bibtex(value) -> str:
    """Escape text for a BibTeX field."""
    text = " ".join(str(value).split())
    for char in "\\{}%&$#_^~":
        text = text.replace(char, "\\" + char)
    return text


def search_boost(atlas: Atlas, entry: Entry) -> float:
    """Rank well-connected entries first: when several pages share a word (ISS, ESA),
    readers mean the one the rest of the atlas refers to. A source should not
    outrank the entries it documents."""
    if entry.type.name == "source":
        return 0.5
    referrers = {link.source.key for link in atlas.links_to.get(entry.key, [])}
    return round(1 + math.log2(1 + len(referrers)) / 2, 2)


def entry_tags(entry: Entry) -> list[str]:
    """Facets for Material's tags: kind, status, domain and era."""
    fields = entry.fields
    tags = []
    for name in ("kind", "status"):
        value = getattr(fields, name, None)
        if value:
            tags.append(label(value))
    tags += [label(domain) for domain in getattr(fields, "domains", [])]
    when = getattr(fields, "start", None) or getattr(fields, "founded", None)
    dates = getattr(fields, "dates", None)
    if dates is not None:
        when = dates.opened_for_signature or dates.signed or dates.adopted or dates.entered_into_force
    if when:
        tags.append(f"{when.year // 10 * 10}s")
    return tags
