"""Render the model into Markdown pages with the Jinja templates in templates/pages/."""

from __future__ import annotations

import html
import json
import math
from pathlib import Path
from typing import NamedTuple

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from mkdocs.utils.meta import get_data

from ..model.atlas import Atlas
from ..model.countries import Country
from ..model.entry import Entry
from ..model.status import ACTION_VERBS, action_label, action_letter
from ..model.views import SiteViews
from ..read.errors import ContentError, ContentErrors
from ..read.history import FileDates
from ..read.partial_date import PartialDate
from ..read.schema import ENTRY_TYPES, field_label
from .addresses import built_path
from .figures import LICENCE
from .markdown_text import Markdown, escape_text, finalize, paragraphs
from .pictures import Pictures
from .sections import SECTIONS


class SiteOptions(NamedTuple):
    """Build settings the pages print: the address scheme, the deployed address, the edit link base."""

    directory_urls: bool
    site_url: str  # without a trailing slash; "" when not known
    edit_base: str | None


def link(target: Entry | Country, text=None) -> Markdown:
    # Link text is the plain name: acronyms repeated in every link would drown an
    # acronym search (lunr ranks rare words first) in pages that merely mention it.
    # Written from the docs root: MkDocs checks each link and makes it relative.
    name = target.name if text is None else str(text)
    return Markdown(f"[{escape_text(name)}](/{target.page})")


def link_list(targets: list[Entry | Country]) -> Markdown:
    """Links separated by commas, e.g. a program's partners."""
    return Markdown(", ".join(link(target) for target in targets))


def url(page: str) -> Markdown:
    """A link target for a site file named from the docs root, e.g. 'api/v1/entries.json'."""
    return Markdown(f"/{page}")


def external_link(address_: str, text=None) -> Markdown:
    # Addresses are checked against a strict http(s) pattern by the schema.
    return Markdown(f"[{escape_text(text or address_)}]({address_})")


def human_date(value: PartialDate | None) -> Markdown | str:
    """A date for readers, machine-readable too (sortable tables and the timeline use `datetime`)."""
    return Markdown(f'<time datetime="{value.iso()}">{value.human()}</time>') if value else ""


def citation(source: Entry) -> Markdown:
    """A source as an entry's list of sources names it: title (linked to its page), publisher,
    date, document symbol and address."""
    f = source.fields
    parts = [link(source, f.title), " — ", escape_text(f.publisher)]
    if f.date:
        parts += [", ", human_date(f.date)]
    if f.symbol:
        parts += [", ", escape_text(f.symbol)]
    if f.address:
        parts += [". ", external_link(f.address)]
    return Markdown("".join(parts))


def actions(groups, notes: bool = False) -> Markdown:
    """A party's actions, one per kind and date: 'Ratification <time>10 October 1967</time> (London,
    Washington)', with the effective date of a withdrawal and, where asked, the notes."""
    parts = []
    for group in groups:
        text = str(escape_text(group.label)) + (f" {human_date(group.date)}" if group.date else "")
        text += f" (effective {human_date(group.effective)})" if group.effective else ""
        text += f" {escape_text(group.where)}" if group.places else ""
        text += "".join(f" — {escape_text(note)}" for note in group.notes) if notes else ""
        parts.append(text)
    return Markdown("; ".join(parts))


def words_and_links(parts: list) -> Markdown:
    """A sentence made in the model of text and the entries or countries it names, each linked."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append((" " if part[:1] == " " else "") + escape_text(part) + (" " if part[-1:] == " " else ""))
        else:
            out.append(link(part))
    return Markdown("".join(out))


def label(value: str) -> str:
    """A schema choice such as 'national-agency' as readers see it."""
    return str(value).replace("-", " ").capitalize()


# BibTeX counts braces whatever stands before them, so `\}` would still close a field:
# braces and backslashes are written as commands that hold no unbalanced brace.
_BIBTEX = str.maketrans(
    {
        "\\": "\\textbackslash{}",
        "{": "\\textbraceleft{}",
        "}": "\\textbraceright{}",
        "%": "\\%",
        "&": "\\&",
        "$": "\\$",
        "#": "\\#",
        "_": "\\_",
        "^": "\\textasciicircum{}",
        "~": "\\textasciitilde{}",
    }
)


def bibtex(value) -> str:
    """Text for a brace-delimited BibTeX field."""
    return " ".join(str(value).split()).translate(_BIBTEX)


def make_environment(templates: Path, compiled: BytecodeCache | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=compiled,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: each template is read once
        # No autoescape: `finalize` escapes every printed value for Markdown unless it is Markdown
        # the generator made (a Markup); HTML escaping on top would escape it twice.
        autoescape=False,
    )
    env.globals.update(entry_types=ENTRY_TYPES, field_label=field_label, licence=LICENCE)
    env.filters.update(
        link=link,
        link_list=link_list,
        url=url,
        external_link=external_link,
        built_path=built_path,
        date=human_date,
        citation=citation,
        paragraphs=paragraphs,
        label=label,
        bibtex=bibtex,
        action=action_label,
        actions=actions,
        words_and_links=words_and_links,
        verb=ACTION_VERBS.__getitem__,
        letter=action_letter,
    )
    return env


def front_matter(meta: dict, file: str) -> str:
    """A page's front matter. MkDocs themes print page.title and page.meta without HTML escaping:
    escape here. Each value is written as JSON, which is also YAML. MkDocs reads a front matter it
    cannot parse as Markdown, without a word, where a value could come alive: so the text is read
    back with MkDocs' own reader, and the build stops if it does not give the same values."""
    safe = {key: html.escape(value, quote=True) if isinstance(value, str) else value for key, value in meta.items()}
    lines = [f"{key}: {json.dumps(value, sort_keys=True, ensure_ascii=False)}" for key, value in sorted(safe.items())]
    text = "---\n" + "\n".join(lines) + "\n---\n\n"
    if get_data(text)[1] != safe:
        problem = ContentError(file, 1, 1, "(page)", "the page's front matter does not read back as written")
        raise ContentErrors([problem])
    return text


def _description(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


class PageRenderer:
    """Every page of the site from one model: the views are computed once and shared by all pages."""

    def __init__(
        self,
        atlas: Atlas,
        templates: Path,
        dates: dict[str, FileDates],
        site: SiteOptions,
        compiled: BytecodeCache | None = None,
    ):
        self.atlas = atlas
        self.env = make_environment(templates, compiled)
        self.views = SiteViews(atlas)
        self.site = site
        self.shared = {
            "figures": {},  # set by build_site once the figures are drawn
            "atlas": atlas,
            "views": self.views,
            "site": site,
            "updated": {file: PartialDate(d.changed.year, d.changed.month, d.changed.day) for file, d in dates.items()},
            # The site's own date, the newest change to its content: a citation's access date
            # without JavaScript (with it, the reader's today), and the same on every build.
            "site_date": max(
                (PartialDate(d.changed.year, d.changed.month, d.changed.day) for d in dates.values()),
                key=PartialDate.sort_key,
                default=None,
            ),
        }
        self.dates = dates

    def render(self, page: str, entry: Entry | None) -> str:
        if entry is not None:
            return self._page(f"{entry.type.name}.md.j2", self.entry_meta(entry), page, entry=entry, file=entry.file)
        folder, _, name = page.rpartition("/")
        if folder == "countries" and name != "index.md":
            country = self.atlas.countries[name[:-3].upper()]
            # A country's page is what a reader searching its name wants first.
            meta = {
                "title": country.name,
                "description": f"{country.name} in international space cooperation.",
                "search": {"boost": COUNTRY_SEARCH_BOOST},
            }
            return self._page("country.md.j2", meta, page, country=country)
        return self._section(page)

    def _section(self, page: str) -> str:
        section = SECTIONS[page]
        meta = {key: value for key, value in (("title", section.title), ("description", section.description)) if value}
        context = {}
        for entry_type in ENTRY_TYPES.values():
            if page == f"{entry_type.folder}/index.md":
                context = {"entry_type": entry_type, "entries": self.atlas.of_type(entry_type.name)}
        return self._page(section.template, meta, page, **context)

    def _page(self, template: str, meta: dict, page: str, file: str | None = None, **context) -> str:
        pictures = Pictures(self.views, page, self.site.directory_urls)
        body = self.env.get_template(template).render(**self.shared, page=page, pictures=pictures, **context)
        return front_matter(meta, file or page) + body

    def entry_meta(self, entry: Entry) -> dict:
        """An entry page's front matter: title, description for search results and links, tags, search rank."""
        return {
            "title": entry.heading,
            "description": _description(entry.fields.summary),
            "tags": entry_tags(entry),
            "search": {"boost": search_boost(self.atlas, entry)},
        }


COUNTRY_SEARCH_BOOST = 3.0


def search_boost(atlas: Atlas, entry: Entry) -> float:
    """Rank well-connected entries first: when several pages share a word (ISS, ESA), readers
    mean the one most tied into the rest of the atlas, counting links both ways (a body with
    many members, an instrument many entries cite). A source, or a comparison, should not outrank
    the entries it documents."""
    if entry.type.name == "source":
        return 0.5
    if getattr(entry.fields, "compares", None):  # a comparison names its instruments on every line
        return 1.0
    linked = {link.source.key for link in atlas.links_to(entry.key)}
    linked |= {link.target.key for link in atlas.links_from(entry.key) if link.ref.target != "source"}
    return round(1 + math.log2(1 + len(linked)) / 2, 2)


def entry_tags(entry: Entry) -> list[str]:
    """Facets for Material's tags: status, domain and era. (Not the kind: the search index weighs
    tags above everything, so a kind such as "Regulation" would outrank the Registration
    Convention for a search of its acronym, REG; the index pages list every entry's kind.)"""
    fields = entry.fields
    tags = [label(fields.status)] if getattr(fields, "status", None) else []
    tags += [label(domain) for domain in getattr(fields, "domains", [])]
    when = getattr(fields, "start", None) or getattr(fields, "founded", None)
    dates = getattr(fields, "dates", None)
    if dates is not None:
        when = dates.opened_for_signature or dates.signed or dates.adopted or dates.entered_into_force
    if when:
        tags.append(f"{when.year // 10 * 10}s")
    return tags
