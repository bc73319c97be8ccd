"""The MkDocs plugin: asks the package for the site and hands every file to MkDocs.

Configured in mkdocs.yml as `plugins: - spaceatlas: {...}`. The generated files
are handed to MkDocs through its public `File.generated`, held in memory; under
`mkdocs serve --dirty` they are written to `generated_dir` instead (only those
whose text changed), so that a rebuild re-renders only the pages an edit touched.
A content problem stops the build with MkDocs' one-line `PluginError` message:
file, line, column, field.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import sys
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..read.content_files import Project
from ..read.errors import ContentErrors
from .compiled_templates import CompiledTemplates
from .generated_folder import UnsafeFolder, checked_folder, write_files
from .plan import Site, build_site

log = logging.getLogger("mkdocs.plugins.spaceatlas")


class SpaceAtlasConfig(base.Config):
    content_dir = c.Type(str, default="content")
    seeds_dir = c.Type(str, default="seeds")
    templates_dir = c.Type(str, default="templates/pages")
    generated_dir = c.Type(str, default=".cache/generated")
    edit_base = c.Optional(c.Type(str))  # "Edit this entry" links: e.g. https://github.com/OWNER/REPO/edit/main/


class SpaceAtlasPlugin(BasePlugin[SpaceAtlasConfig]):
    compiled: CompiledTemplates | None = None
    on_disk = False  # hand MkDocs files written to generated_dir rather than held in memory
    written: dict[str, str] | None = None  # what the last build wrote to generated_dir
    layout_stamp: int | None = None  # the newest change to mkdocs.yml or the theme's overrides, at the last build
    loaded: dict | None = None  # under `mkdocs serve`: the entries the last build loaded, reused while unchanged
    drawings: dict | None = None  # under `mkdocs serve`: the figures' PNGs, redrawn only when a figure changes
    pages: list[str] | None = None  # under `mkdocs serve`: the pages of the last good build

    def on_startup(self, command: str, dirty: bool) -> None:
        # Having on_startup makes MkDocs keep this instance for the whole of `mkdocs serve`, so the
        # compiled templates outlive each rebuild of the preview (see compiled_templates.py).
        self.compiled = CompiledTemplates()
        # A dirty rebuild re-renders a page only if its file on disk is newer than the built page;
        # MkDocs counts a file held in memory as always changed. Every other build reads from memory.
        self.on_disk = command == "serve" and dirty
        self.serving = command == "serve"
        self.drawings = {} if self.serving else None

    def on_serve(self, server, config, builder):
        # MkDocs waits this long after a change for more changes before it rebuilds (0.1 s by
        # default); one saved file is one change, and the preview is timed from the save.
        server.build_delay = 0.02
        return server

    def on_env(self, env, config, files):
        env.bytecode_cache = self.compiled  # the theme's templates
        return env

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        for name in ("content_dir", "seeds_dir", "templates_dir"):
            if not (root / self.config[name]).is_dir():
                raise PluginError(f"spaceatlas: {name} '{self.config[name]}' is not a folder of {root}")
        self.project = Project(root, self.config.content_dir, self.config.seeds_dir, self.config.templates_dir)
        try:
            self.generated = checked_folder(root, self.config.generated_dir)
        except UnsafeFolder as unsafe:
            raise PluginError(f"spaceatlas: generated_dir {unsafe}") from None
        return config

    @event_priority(100)  # before other plugins look at the files (search, tags)
    def on_files(self, files: Files, config) -> Files:
        try:
            site = build_site(
                self.project,
                directory_urls=config.use_directory_urls,
                site_url=config.site_url,
                edit_base=self.config.edit_base,
                compiled=self.compiled,
                last_build=self.loaded,
                drawings=self.drawings,
            )
        except ContentErrors as problems:
            if not self.serving:
                raise PluginError("content has problems:\n" + problems.report()) from None
            site = self._problems_site(problems)
        if self.serving and site.loaded:
            self.loaded, self.pages = site.loaded, [path for path in site.files if path.endswith(".md")]
        if self.on_disk:
            generated = self._write(site.files, config)
        else:
            log.info(f"spaceatlas: {len(site.files):,} pages and data files")
            generated = [
                File.generated(config, path, content=text, inclusion=_inclusion(path))
                for path, text in site.files.items()
            ]
        for file in generated:
            files.append(file)
        if site.last_changed and "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs stamps the sitemap's gzip header with the build date; pin it to the content's
            # newest change so that the same content builds byte-identical files on any day.
            stamp = dt.datetime.combine(site.last_changed, dt.time(), dt.UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
        return files

    def _problems_site(self, problems: ContentErrors) -> Site:
        """While a content file has problems, the preview shows them on every page a reader may be
        on, instead of the last good build (the browser would seem stuck), and prints them at every
        save (MkDocs' log drops a message it has printed before)."""
        report = problems.report()
        print(f"spaceatlas: content has problems; every page of the preview shows them:\n{report}", file=sys.stderr)
        page = (
            '---\ntitle: "Content problems"\n---\n\n# The content has problems\n\n'
            "Fix them and save: the pages come back. As `spaceatlas validate` prints them:\n\n"
            f"<pre>{html.escape(report)}</pre>\n"
        )
        return Site({path: page for path in self.pages or ["index.md"]}, None, {})

    def _write(self, texts: dict[str, str], config) -> list[File]:
        """The files written to generated_dir, for a dirty rebuild; only those whose text changed are rewritten."""
        out = self.generated
        try:
            written = write_files(texts, out, self.written)
        except UnsafeFolder as unsafe:
            raise PluginError(f"spaceatlas: {unsafe}") from None
        self.written = texts  # the next rebuild compares against these
        stamp = _newest_change(config.config_file_path, config.theme.custom_dir)
        if self.layout_stamp not in (None, stamp):
            # An edit to the configuration or the theme changes every page, though no page's
            # Markdown changed: marking the files as new makes the dirty rebuild render them all.
            for path in texts:
                os.utime(out / path)
        self.layout_stamp = stamp
        log.info(f"spaceatlas: {len(texts):,} pages and data files, {written:,} of them changed")
        return [
            File.generated(config, path, abs_src_path=str(out / path), inclusion=_inclusion(path)) for path in texts
        ]


def _newest_change(*places: str | None) -> int:
    """The newest modification time among these files and the files in these folders."""
    paths = [Path(place) for place in places if place]
    files = [path for place in paths for path in ([place] if place.is_file() else place.rglob("*")) if path.is_file()]
    return max((path.stat().st_mtime_ns for path in files), default=0)


def _inclusion(path: str) -> InclusionLevel:
    # Entry pages are reached through the index pages, never listed in the nav: every page
    # carries the nav, so listing every entry would grow the build with the square of the content.
    if path.endswith(".md") and "/" in path and not path.endswith("/index.md"):
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.UNDEFINED
