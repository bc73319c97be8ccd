"""Render the atlas into Markdown pages with the Jinja templates in templates/pages/."""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from .atlas import Atlas, cooperating_countries, programs_involving
from .countries import Country
from .loader import Entry
from .markdown_text import Markdown, escape_text, finalize, paragraphs
from .partial_date import PartialDate
from .schema import ENTRY_TYPES


def relative_url(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


@pass_context
def link(context, target: Entry | Country, text=None) -> Markdown:
    label = escape_text(text if text is not None else target.heading)
    return Markdown(f"[{label}]({relative_url(context['page_path'], target.page)})")


@pass_context
def url(context, page: str) -> Markdown:
    return Markdown(relative_url(context["page_path"], page))


def external_link(address: str, text=None) -> Markdown:
    # Addresses are checked against a strict http(s) pattern by the schema.
    return Markdown(f"[{escape_text(text or address)}]({address})")


def human_date(value: PartialDate | None) -> str:
    return value.human() if value else ""


def label(value: str) -> str:
    """A schema choice such as 'national-agency' as readers see it."""
    return str(value).replace("-", " ").capitalize()


def make_environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,  # with finalize: every printed value is escaped unless it is Markdown we made
    )
    env.globals.update(link=link, url=url, external_link=external_link, entry_types=ENTRY_TYPES,
                       programs_involving=programs_involving, cooperating_countries=cooperating_countries)
    env.filters.update(date=human_date, paragraphs=paragraphs, label=label)
    return env


def front_matter(meta: dict) -> str:
    # MkDocs themes print page.title and page.meta without HTML escaping: escape here.
    safe = {key: html.escape(value, quote=True) if isinstance(value, str) else value for key, value in meta.items()}
    return "---\n" + yaml.safe_dump(safe, allow_unicode=True, sort_keys=True, width=1000) + "---\n\n"


def render_page(env: Environment, template: str, page_path: str, meta: dict, **context) -> str:
    body = env.get_template(template).render(page_path=page_path, **context)
    return front_matter(meta) + body


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


def render_site(atlas: Atlas, templates: Path) -> dict[str, str]:
    """Every page of the site: a path such as 'treaties/outer-space-treaty.md' -> its Markdown."""
    env = make_environment(templates)
    pages: dict[str, str] = {}
    for entry in atlas.all_entries():
        meta = {"title": entry.heading, "description": _description(entry.fields.summary)}
        pages[entry.page] = render_page(env, f"{entry.type.name}.md.j2", entry.page, meta, entry=entry, atlas=atlas)
    for country in atlas.sorted_countries():
        meta = {"title": country.name, "description": f"{country.name} in international space cooperation."}
        pages[country.page] = render_page(env, "country.md.j2", country.page, meta, country=country, atlas=atlas)
    for entry_type in ENTRY_TYPES.values():
        page = f"{entry_type.folder}/index.md"
        meta = {"title": entry_type.label}
        pages[page] = render_page(env, f"{entry_type.name}_index.md.j2", page, meta,
                                  entry_type=entry_type, entries=atlas.of_type(entry_type.name), atlas=atlas)
    pages["countries/index.md"] = render_page(env, "country_index.md.j2", "countries/index.md",
                                              {"title": "Countries"}, atlas=atlas)
    pages["index.md"] = render_page(env, "home.md.j2", "index.md", {"title": "Space Cooperation Atlas"}, atlas=atlas)
    return dict(sorted(pages.items()))
