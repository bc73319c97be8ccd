"""The pipeline in one place: read → check → model → every file of the site.

`load_atlas` gives the checked model (or every problem found); `plan_site`
adds the addresses; `build_site` renders every page, data file and redirect.
The MkDocs plugin, `spaceatlas generate` and the tests all build through here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache

from ..model.atlas import Atlas, build_atlas
from ..model.checks import check_atlas, stale_lists
from ..read.content_files import Project
from ..read.errors import ContentError, ContentErrors
from ..read.history import file_dates
from ..read.loader import LoadedFile, load_entries
from .addresses import Addresses, check_published, plan_addresses, redirect_file, redirect_stub
from .data_export import data_files, matrix_files
from .feed import atom_feed, changes_feed
from .figures import figure_png, figure_svg, site_figures
from .pictures import SvgForPage
from .render import PageRenderer, SiteOptions


@dataclass(frozen=True)
class SitePlan:
    atlas: Atlas
    addresses: Addresses
    warnings: list[ContentError]


@dataclass(frozen=True)
class Site:
    files: dict[str, str | bytes]  # site path -> Markdown page, data file, figure or redirect stub
    last_changed: dt.date | None  # newest change to any content file
    loaded: dict[str, LoadedFile]  # file -> its entry as loaded: the preview's next build reuses it


def load_atlas(
    project: Project, last_build: Mapping[str, LoadedFile] | None = None
) -> tuple[Atlas, list[ContentError]]:
    """The checked model and its warnings; raises ContentErrors with every problem (types first, then relations).
    Files whose text is as in `last_build` keep their entries (load_entries)."""
    loaded = load_entries(project, last_build)
    try:
        atlas = build_atlas(loaded, project)
    except ContentErrors as unresolved:
        raise ContentErrors(loaded.errors, loaded.not_shown) + unresolved from None
    today = dt.date.today()
    errors = loaded.errors + check_atlas(atlas, today)
    if errors or loaded.not_shown:
        raise ContentErrors(errors, loaded.not_shown)
    return atlas, stale_lists(atlas, today)


def plan_site(
    project: Project, last_build: Mapping[str, LoadedFile] | None = None, published_before: Path | None = None
) -> SitePlan:
    """The checked model with every address the site will publish; raises ContentErrors.
    `published_before`: another record of published addresses to keep (the base branch's, in CI)."""
    atlas, warnings = load_atlas(project, last_build=last_build)
    addresses = plan_addresses(atlas)
    errors = addresses.errors + check_published(project, addresses, published_before)
    if errors:
        raise ContentErrors(errors)
    return SitePlan(atlas, addresses, warnings)


def build_site(
    project: Project,
    directory_urls: bool = True,
    site_url: str | None = None,
    edit_base: str | None = None,
    compiled: BytecodeCache | None = None,
    last_build: Mapping[str, LoadedFile] | None = None,
    drawings: dict[str, bytes] | None = None,
) -> Site:
    """Every file of the site. `last_build`: the entries the preview's last build loaded, kept while
    their file's text is unchanged; `drawings`: the preview's PNGs, by the text of their SVG."""
    drawings = {} if drawings is None else drawings
    plan = plan_site(project, last_build)
    atlas = plan.atlas
    folders = sorted({project.content_dir, project.seeds_dir})
    dates = file_dates(project.root, [entry.file for entry in atlas.all_entries()], folders)
    options = SiteOptions(directory_urls, (site_url or "").rstrip("/"), edit_base)
    renderer = PageRenderer(atlas, project.root / project.templates_dir, dates, options, compiled)
    drawn = site_figures(renderer.views, SvgForPage(renderer.views, "figures/index.md", directory_urls))
    renderer.shared["figures"] = {name: figure for name, (figure, _) in drawn.items()}
    pages = {page: renderer.render(page, entry) for page, entry in plan.addresses.pages}
    files = {**pages, **data_files(atlas, dates, directory_urls), **matrix_files(renderer.views)}
    files["feed.xml"] = atom_feed(atlas, dates, directory_urls, options.site_url)
    files["changes.xml"] = changes_feed(renderer.views, directory_urls, options.site_url)
    for figure, picture in drawn.values():
        files[figure.svg_path] = figure_svg(figure, picture, options.site_url)
        if figure.png:
            files[figure.png_path] = drawings.get(files[figure.svg_path]) or figure_png(files[figure.svg_path])
            drawings[files[figure.svg_path]] = files[figure.png_path]
    for page, entry in plan.addresses.redirects.items():
        files[redirect_file(page, directory_urls)] = redirect_stub(page, entry, directory_urls)
    newest = max((d.changed for d in dates.values()), default=None)
    loaded = {entry.file: entry.loaded for entry in atlas.all_entries()}
    return Site(dict(sorted(files.items())), newest, loaded)
