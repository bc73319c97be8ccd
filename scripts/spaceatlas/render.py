"""Render the atlas into Markdown pages with the Jinja templates in templates/pages/."""

from __future__ import annotations

import functools
import html
import json
import math
import posixpath
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .addresses import built_path
from .atlas import Atlas
from .countries import Country
from .history import FileDates, recently_changed
from .loader import Entry
from .markdown_text import Markdown, escape_text, finalize, paragraphs
from .partial_date import PartialDate
from .schema import ENTRY_TYPES
from .views import SiteViews


def relative_url(from_page: str, to_page: str) -> str:
    """A Markdown link between two source pages ('treaties/x.md' -> '../agencies/y.md');
    MkDocs turns it into the built URL. Pure string work: it runs for every link."""
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def built_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """A link for raw HTML (which MkDocs does not rewrite), from one built page to another."""
    here = posixpath.dirname(built_path(from_page, directory_urls).rstrip("/") + ("/x" if directory_urls else ""))
    target = built_path(to_page, directory_urls)
    url = posixpath.relpath(target or ".", here or ".")
    if directory_urls and (target.endswith("/") or not target):
        url = url.rstrip("/") + "/"
    return "./" if url in (".", "./") else url


@pass_context
def link(context, target: Entry | Country, text=None) -> Markdown:
    # Link text is the plain name: acronyms repeated in every link would drown an
    # acronym search (lunr ranks rare words first) in pages that merely mention it.
    label = escape_text(text if text is not None else target.name)
    return Markdown(f"[{label}]({relative_url(context['page_path'], target.page)})")


@pass_context
def url(context, page: str) -> Markdown:
    return Markdown(relative_url(context["page_path"], page))


@pass_context
def html_href(context, target) -> Markup:
    """href for a link inside raw HTML (the cooperation map)."""
    return Markup(html.escape(built_url(context["page_path"], target.page, context["directory_urls"]), quote=True))


def external_link(address: str, text=None) -> Markdown:
    # Addresses are checked against a strict http(s) pattern by the schema.
    return Markdown(f"[{escape_text(text or address)}]({address})")


def human_date(value: PartialDate | None) -> Markdown | str:
    """A date for readers, machine-readable too (sortable tables and the timeline use `datetime`)."""
    if not value:
        return ""
    return Markdown(f'<time datetime="{value.iso()}">{value.human()}</time>')


def label(value: str) -> str:
    """A schema choice such as 'national-agency' as readers see it."""
    return str(value).replace("-", " ").capitalize()


@functools.cache
def make_environment(templates: Path) -> Environment:
    """One environment per templates folder, kept between builds of `mkdocs serve`:
    Jinja recompiles a template only when its file changes (auto_reload)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,  # with finalize: every printed value is escaped unless it is Markdown we made
    )
    env.globals.update(link=link, url=url, html_href=html_href, external_link=external_link,
                       built_path=built_path, entry_types=ENTRY_TYPES)
    env.filters.update(date=human_date, paragraphs=paragraphs, label=label, bibtex=bibtex)
    return env


def front_matter(meta: dict) -> str:
    # MkDocs themes print page.title and page.meta without HTML escaping: escape here.
    # Each value is written as JSON, which is also YAML, and far quicker to produce.
    safe = {key: html.escape(value, quote=True) if isinstance(value, str) else value for key, value in meta.items()}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}" for key, value in sorted(safe.items())]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def render_page(env: Environment, template: str, page_path: str, meta: dict, **context) -> str:
    body = env.get_template(template).render(page_path=page_path, **context)
    return front_matter(meta) + body


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


def render_site(atlas: Atlas, templates: Path, dates: dict[str, FileDates], directory_urls: bool = True,
                site_url: str | None = None, edit_base: str | None = None) -> dict[str, str]:
    """Every page of the site: a path such as 'treaties/outer-space-treaty.md' -> its Markdown."""
    env = make_environment(templates)
    views = SiteViews(atlas)
    shared = {"atlas": atlas, "views": views, "directory_urls": directory_urls,
              "updated": {file: _as_date(d.changed) for file, d in dates.items()},
              "site_url": (site_url or "").rstrip("/"), "edit_base": edit_base}
    pages: dict[str, str] = {}

    def add(page: str, template: str, meta: dict, **context) -> None:
        pages[page] = render_page(env, template, page, meta, **shared, **context)

    for entry in atlas.all_entries():
        meta = {"title": entry.heading, "description": _description(entry.fields.summary), "tags": entry_tags(entry)}
        meta["search"] = {"boost": search_boost(atlas, entry)}
        add(entry.page, f"{entry.type.name}.md.j2", meta, entry=entry)
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
        "description": "Who works with whom: programs and the agencies and countries taking part."})
    add("tags.md", "tags.md.j2", {"title": "Tags"})
    add("data.md", "data.md.j2", {"title": "Data downloads",
        "description": "The whole dataset as JSON and CSV, with the JSON Schema of each entry type."})
    recent = recently_changed(atlas.all_entries(), dates, 10)
    # No title in the home page's front matter: Material then titles it with the site name alone.
    add("index.md", "home.md.j2", {"description": "A reference to international cooperation in space: "
                                                  "treaties, programs, agencies and the countries behind them."},
        recent=recent)
    return dict(sorted(pages.items()))


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
