"""Render the model into Markdown pages with the Jinja templates in templates/pages/."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import NamedTuple

from jinja2 import BytecodeCache
from mkdocs.utils.meta import get_data

from ..model.atlas import Atlas
from ..model.entry import Entry
from ..model.views import SiteViews
from ..read.errors import ContentError, ContentErrors
from ..read.history import FileDates
from ..read.partial_date import PartialDate
from ..read.schema import ENTRY_TYPES
from .pictures import SvgForPage
from .search_rank import COUNTRY_SEARCH_BOOST, entry_tags, search_boost
from .sections import SECTIONS
from .template_filters import make_environment


class SiteOptions(NamedTuple):
    """Build settings the pages print: the address scheme, the deployed address, the edit link base."""

    directory_urls: bool
    site_url: str  # without a trailing slash; "" when not known
    edit_base: str | None

    @property
    def history_base(self) -> str | None:
        """Where an entry file's history is, from the edit base: GitHub's .../edit/main/ gives .../commits/main/."""
        return (
            self.edit_base.replace("/edit/", "/commits/", 1) if self.edit_base and "/edit/" in self.edit_base else None
        )


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
        updated = {file: PartialDate(d.changed.year, d.changed.month, d.changed.day) for file, d in dates.items()}
        self.shared = {
            "figures": {},  # set by build_site once the figures are drawn
            "atlas": atlas,
            "views": self.views,
            "site": site,
            "updated": updated,
            # The site's own date, the newest change to its content: a citation's access date
            # without JavaScript (with it, the reader's today), and the same on every build.
            "site_date": max(updated.values(), default=None),
        }

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
        pictures = SvgForPage(self.views, page, self.site.directory_urls)
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
