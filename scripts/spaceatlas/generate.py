"""The pipeline in one place: load → validate → link → render, plus the data files."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .addresses import check_published, redirect_map
from .atlas import Atlas, build_atlas
from .data_export import data_files, data_paths
from .errors import ContentErrors
from .feed import atom_feed
from .history import file_dates
from .loader import load_entries
from .render import page_jobs
from .rendered_files import Job, RenderedFiles, start_in_background

COMPILED_TEMPLATES = ".cache/templates"  # compiled templates, kept between builds
PARSED_YAML = ".cache/parsed-yaml.json"  # parsed entry files, kept between builds


@dataclass
class Site:
    files: RenderedFiles  # site path -> Markdown page or data file text, made when first read
    redirects: dict[str, str]  # former page -> current page
    last_changed: dt.date | None  # newest change to any content file


def load_atlas(root: Path) -> Atlas:
    """Load and check all content; raise ContentErrors with every problem (types first, then relations)."""
    loaded = load_entries(root, cache=root / PARSED_YAML)
    try:
        atlas = build_atlas(loaded.entries, loaded.broken)
    except ContentErrors as problems:
        raise ContentErrors(loaded.errors + problems.errors) from None
    errors = loaded.errors + check_published(root, atlas)
    if errors:
        raise ContentErrors(errors)
    return atlas


def build_site(root: Path, directory_urls: bool = True, site_url: str | None = None,
               edit_base: str | None = None) -> Site:
    """Load and check the content, and render every file of the site, here and now."""
    with fewer_gc_pauses():
        site = render_atlas(load_atlas(root), root, directory_urls, site_url, edit_base)
        site.files.render_all()
    return site


def start_site(root: Path, directory_urls: bool = True, site_url: str | None = None,
               edit_base: str | None = None) -> Callable[[], Site]:
    """Start building the site and return a function that gives it (raising ContentErrors if the
    content has problems). Where it is safe, a second process loads, checks and renders while the
    caller (MkDocs) goes on: the function waits only for the content to be checked, and the
    files arrive as they are rendered. Elsewhere the function builds the site when called."""
    def prepare() -> tuple[object, list[Job]]:
        jobs, redirects, last_changed = _site_plan(load_atlas(root), root, directory_urls, site_url, edit_base)
        return (redirects, last_changed), jobs

    with fewer_gc_pauses():  # the child keeps the fewer pauses for its whole life
        pending = start_in_background(prepare, passes=(ContentErrors,))
    if pending is None:
        return lambda: build_site(root, directory_urls, site_url, edit_base)

    def result() -> Site:
        (redirects, last_changed), files = pending.result()
        return Site(files, redirects, last_changed)
    return result


def render_atlas(atlas: Atlas, root: Path, directory_urls: bool = True, site_url: str | None = None,
                 edit_base: str | None = None) -> Site:
    """Every page and data file of the site, from a checked atlas; each made when first read."""
    jobs, redirects, last_changed = _site_plan(atlas, root, directory_urls, site_url, edit_base)
    return Site(RenderedFiles(jobs), redirects, last_changed)


def _site_plan(atlas: Atlas, root: Path, directory_urls: bool, site_url: str | None,
               edit_base: str | None) -> tuple[list[Job], dict[str, str], dt.date | None]:
    """The jobs that make every file, the redirects, and the newest change to the content."""
    dates = file_dates(root, [entry.file for entry in atlas.all_entries()])
    pages = page_jobs(atlas, root / "templates" / "pages", dates, directory_urls, site_url, edit_base,
                      compiled=root / COMPILED_TEMPLATES)
    # In the order MkDocs reads them (pages by path), the data files after the pages.
    jobs = sorted(pages, key=lambda job: job.paths) + [
        Job(tuple(data_paths(atlas)), lambda: data_files(atlas, dates, directory_urls)),
        Job(("feed.xml",), lambda: {"feed.xml": atom_feed(atlas, dates, directory_urls, site_url)})]
    newest = max((d.changed for d in dates.values()), default=None)
    return jobs, redirect_map(atlas), newest


@contextmanager
def fewer_gc_pauses() -> Iterator[None]:
    """Loading and rendering make hundreds of thousands of objects that live until the end. With
    the default thresholds Python's cycle collector walks them over and over: about a quarter of
    our time at 5,000 entries. Collect less often while we work; restore the thresholds after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 50_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def sync_files(files: Mapping[str, str], out_dir: Path) -> int:
    """Make out_dir hold exactly `files`: write what changed, delete what is gone."""
    written = write_files(files, out_dir)
    if out_dir.is_dir():
        for path in sorted(out_dir.rglob("*"), reverse=True):
            relative = path.relative_to(out_dir).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def write_files(files: Mapping[str, str], out_dir: Path) -> int:
    """Write files under out_dir, leaving those whose content is unchanged untouched."""
    written = 0
    for path, text in files.items():
        target = out_dir / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written
